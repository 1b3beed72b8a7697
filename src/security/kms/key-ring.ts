// The local key service: KMS's envelope model on one machine. A KMS key has versions; each
// version's key material is derived from the master key (HKDF-SHA256 over the key id and version),
// so no key material is ever stored: the key file (.sluice/kms/keys.json) holds only metadata and a
// check value per version that tells a wrong master key from a right one. Data keys are fresh random
// AES-256 keys, returned in plain text and wrapped (AES-256-GCM) under the key's current version;
// unwrapping uses the version recorded with the data, so rotation keeps every old object readable.
// Synchronous on purpose: run logs are appended synchronously (jobs/runner/run-log.ts).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SluiceError, alreadyExists, invalidInput } from '../../kernel/errors.js';
import { keyNotFound, noMasterKey, undecryptable, wrongMasterKey } from './errors.js';

export interface KeyVersion {
  version: number;
  created: string;
  /** HMAC of a fixed text under the version's material: a wrong master key fails this check. */
  check: string;
}

export interface KmsKey {
  KeyId: string;
  Arn: string;
  Description: string;
  CreationDate: string;
  Aliases: string[];
  Versions: KeyVersion[];
}

export interface DataKey {
  keyArn: string;
  version: number;
  plaintext: Buffer;
  /** iv (12) + tag (16) + encrypted key (32), under the key version's material. */
  wrapped: Buffer;
}

interface KeyFile {
  keys: KmsKey[];
}

export interface KeyRingOptions {
  /** The project's root; keys live in <root>/.sluice/kms/keys.json. */
  root: string;
  region: string;
  accountId: string;
  /** Reads the master key when a key is first used; undefined when sluice.yaml configures none. */
  masterKey?: () => Buffer;
}

const CHECK_TEXT = 'sluice-kms-key-check';

export class KeyRing {
  private readonly file: string;
  private cache?: { stamp: string; data: KeyFile };
  private master?: Buffer;
  private readonly materials = new Map<string, Buffer>();

  constructor(private readonly options: KeyRingOptions) {
    this.file = join(options.root, '.sluice', 'kms', 'keys.json');
  }

  list(): KmsKey[] {
    return this.read().keys;
  }

  /** A key by id, ARN or alias/name; throws EntityNotFoundException naming the reference. */
  describe(ref: string): KmsKey {
    const key = this.find(ref);
    if (!key) throw keyNotFound(ref);
    return key;
  }

  find(ref: string): KmsKey | undefined {
    const keys = this.read().keys;
    if (ref.startsWith('alias/')) return keys.find((k) => k.Aliases.includes(ref));
    const id = /^arn:aws[a-z0-9-]*:kms:[^:]*:\d*:key\/(.+)$/.exec(ref)?.[1] ?? ref;
    return keys.find((k) => k.KeyId === id);
  }

  create(options: { description?: string; alias?: string } = {}): KmsKey {
    if (!this.options.masterKey)
      throw new SluiceError(
        'AccessDeniedException',
        'Cannot create a KMS key: sluice.yaml has no kms.masterKey (e.g. kms: { masterKey: { file: .sluice/master.key } }, made with: openssl rand -hex 32 > .sluice/master.key)',
      );
    const master = this.masterKey('(new key)');
    if (options.alias !== undefined) checkAlias(options.alias);
    const data = this.read();
    if (options.alias && data.keys.some((k) => k.Aliases.includes(options.alias!)))
      throw alreadyExists(`An alias with the name ${options.alias} already exists`);
    const KeyId = randomUUID();
    const key: KmsKey = {
      KeyId,
      Arn: `arn:aws:kms:${this.options.region}:${this.options.accountId}:key/${KeyId}`,
      Description: options.description ?? '',
      CreationDate: new Date().toISOString(),
      Aliases: options.alias ? [options.alias] : [],
      Versions: [newVersion(master, KeyId, 1)],
    };
    this.write({ keys: [...data.keys, key] });
    return key;
  }

  /** The key of an alias, created on first use (as AWS creates its managed keys, e.g. alias/aws/s3). */
  ensureAlias(alias: string, description: string): KmsKey {
    return this.find(alias) ?? this.create({ alias, description });
  }

  /** Adds a version that new data keys are wrapped under; older versions still unwrap. */
  rotate(ref: string): KmsKey {
    const key = this.describe(ref);
    const master = this.masterKey(key.Arn);
    this.verify(key, key.Versions[key.Versions.length - 1]);
    const data = this.read();
    const version = Math.max(...key.Versions.map((v) => v.version)) + 1;
    const rotated = { ...key, Versions: [...key.Versions, newVersion(master, key.KeyId, version)] };
    this.write({ keys: data.keys.map((k) => (k.KeyId === key.KeyId ? rotated : k)) });
    return rotated;
  }

  generateDataKey(ref: string): DataKey {
    const key = this.describe(ref);
    const current = key.Versions[key.Versions.length - 1];
    const material = this.material(key, current);
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', material, iv);
    cipher.setAAD(Buffer.from(`${key.Arn}#${current.version}`));
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyArn: key.Arn, version: current.version, plaintext, wrapped: Buffer.concat([iv, cipher.getAuthTag(), sealed]) };
  }

  decryptDataKey(keyArn: string, version: number, wrapped: Buffer, what: string): Buffer {
    const key = this.describe(keyArn);
    const v = key.Versions.find((x) => x.version === version);
    if (!v) throw keyNotFound(`${keyArn} (version ${version})`);
    const decipher = createDecipheriv('aes-256-gcm', this.material(key, v), wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(`${key.Arn}#${version}`));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
    } catch {
      throw undecryptable(keyArn, what);
    }
  }

  private material(key: KmsKey, v: KeyVersion): Buffer {
    const id = `${key.KeyId}#${v.version}`;
    let m = this.materials.get(id);
    if (!m) {
      m = derive(this.masterKey(key.Arn), key.KeyId, v.version);
      if (checkOf(m) !== v.check) throw wrongMasterKey(key.Arn);
      this.materials.set(id, m);
    }
    return m;
  }

  private verify(key: KmsKey, v: KeyVersion): void {
    this.material(key, v);
  }

  private masterKey(keyName: string): Buffer {
    if (!this.master) {
      if (!this.options.masterKey) throw noMasterKey(keyName);
      this.master = this.options.masterKey();
    }
    return this.master;
  }

  private read(): KeyFile {
    if (!existsSync(this.file)) return { keys: [] };
    const s = statSync(this.file);
    const stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    if (this.cache?.stamp !== stamp) this.cache = { stamp, data: JSON.parse(readFileSync(this.file, 'utf8')) as KeyFile };
    return this.cache.data;
  }

  /** Written whole to a temporary file and renamed: readers see the old key file or the new one. */
  private write(data: KeyFile): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${randomUUID()}.tmp`;
    writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
    this.cache = undefined;
  }
}

function derive(master: Buffer, keyId: string, version: number): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.from(keyId), Buffer.from(`sluice-kms-v${version}`), 32));
}

const checkOf = (material: Buffer) => createHmac('sha256', material).update(CHECK_TEXT).digest('hex').slice(0, 32);

function newVersion(master: Buffer, keyId: string, version: number): KeyVersion {
  return { version, created: new Date().toISOString(), check: checkOf(derive(master, keyId, version)) };
}

/** KMS's alias rule: alias/ then letters, digits, '/', '_' and '-'; alias/aws/ is AWS's own. */
function checkAlias(alias: string): void {
  if (!/^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(alias))
    throw invalidInput(`Alias ${alias} must start with alias/ followed by letters, digits, '/', '_' or '-'`);
}
