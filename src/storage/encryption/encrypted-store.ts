// An ObjectStore that seals objects on the client (envelope encryption, security/kms/envelope.ts) and
// opens them again when Sluice reads them. Every store createStorage() hands out is wrapped, so
// reading is transparent everywhere: an object that starts with the envelope's magic is decrypted,
// any other object passes through unchanged. Writes are sealed when the key lies in an encrypted zone
// (`policy`) or when a staged write asks for it (a job's security configuration). localPath() hides
// sealed files, so DuckDB and the crawlers read them through read(), which decrypts: the engine then
// reads a decrypted copy in its own scratch folder, exactly as it reads an S3 object.
import { closeSync, createReadStream, createWriteStream, openSync, readSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { walkFiles } from '../fs-util.js';
import type { ObjectBody, ObjectEncryption, ObjectStore, StagedWrite, StageOptions } from '../object-store.js';
import type { KeyRing } from '../../security/kms/key-ring.js';
import {
  MAGIC,
  decryptBuffer,
  decryptFile,
  decryptingStream,
  encryptBuffer,
  encryptingStream,
  isEncrypted,
} from '../../security/kms/envelope.js';

/** The KMS key new objects under a key are sealed with, or undefined when they are stored plain. */
export type EncryptionPolicy = (key: string) => string | undefined;

/** The key SSE-S3 uses on a local folder: an AWS-managed-style key of the local key service. */
export const LOCAL_S3_KEY = 'alias/aws/s3';

const inners = new WeakMap<ObjectStore, ObjectStore>();

/** The store under the encryption layer (objects as stored, sealed ones sealed), or the store itself. */
export const plainStore = (store: ObjectStore): ObjectStore => inners.get(store) ?? store;

export function encryptedStore(inner: ObjectStore, ring: () => KeyRing, policy: EncryptionPolicy): ObjectStore {
  const isLocal = inner.localPath('x') !== undefined;
  const what = (key: string) => `object ${inner.urlOf(key)}`;
  /** A client-side key for a staged write: its own, or the zone's, or (locally) SSE's stand-in. */
  const clientKey = (prefix: string, e?: ObjectEncryption): string | undefined => {
    if (e?.mode === 'client') return e.key;
    if (e && isLocal)
      return e.mode === 'SSE-KMS' && e.key ? e.key : ring().ensureAlias(LOCAL_S3_KEY, 'Sluice key for SSE-S3 on local folders').Arn;
    return policy(prefix.endsWith('/') || prefix === '' ? prefix : `${prefix}/`);
  };

  const store: ObjectStore = {
    url: inner.url,
    urlOf: (key) => inner.urlOf(key),
    localPath(key) {
      const path = inner.localPath(key);
      if (path === undefined || !sealedFile(path)) return path;
      return undefined;
    },
    list: (prefix) => inner.list(prefix),
    stat: (key) => inner.stat(key),
    async read(key) {
      const body = await inner.read(key);
      const out = decryptingStream(ring(), what(key));
      body.on('error', (e) => out.destroy(e));
      return body.pipe(out);
    },
    async download(key, target) {
      const path = inner.localPath(key);
      if (path !== undefined && (await inner.stat(key))) return decryptFile(ring(), path, target, what(key));
      await pipeline(await store.read(key), createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    },
    async readBytes(key) {
      return decryptBuffer(ring(), await inner.readBytes(key), what(key));
    },
    async write(key, body) {
      const ref = policy(key);
      return inner.write(key, ref ? sealBody(ring(), ref, body) : body);
    },
    delete: (key) => inner.delete(key),
    async stage(prefix, options?: StageOptions) {
      const ref = clientKey(prefix, options?.encryption);
      // SSE is the store's own business; on S3 the inner store asks for it.
      const staged = await inner.stage(prefix, ref ? {} : options);
      return ref ? sealedStage(staged, ring, ref) : staged;
    },
    sweep: (olderThanMs, options) => inner.sweep(olderThanMs, options),
    // A sealed stage holds objects already encrypted as they were staged: completing moves them as they are.
    completeStaged: (sealed, options) => inner.completeStaged(sealed, options),
  };
  inners.set(store, inner);
  return store;
}

/** Seals what is staged: write() bodies at once, files left in localDir() at commit. */
function sealedStage(inner: StagedWrite, ring: () => KeyRing, ref: string): StagedWrite {
  let dir: string | undefined;
  const sealLocalFiles = async () => {
    if (dir) for await (const rel of walkFiles(dir, () => false, '')) await sealInPlace(join(dir, rel), ring(), ref);
  };
  return {
    prefix: inner.prefix,
    write: (key, body) => inner.write(key, sealBody(ring(), ref, body)),
    async localDir() {
      return (dir = await inner.localDir());
    },
    async seal(options) {
      await sealLocalFiles();
      return inner.seal(options);
    },
    async commit(options) {
      await sealLocalFiles();
      return inner.commit(options);
    },
    abort: () => inner.abort(),
  };
}

function sealBody(ring: KeyRing, ref: string, body: ObjectBody): ObjectBody {
  if (body instanceof Readable) return body.pipe(encryptingStream(ring, ref));
  return encryptBuffer(
    ring,
    ref,
    typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
  );
}

async function sealInPlace(path: string, ring: KeyRing, ref: string): Promise<void> {
  if (sealedFile(path)) return; // written through write(), already sealed
  const tmp = `${path}.sealing`;
  try {
    await pipeline(createReadStream(path), encryptingStream(ring, ref), createWriteStream(tmp, { flags: 'wx' }));
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** True when the file at path starts with the envelope's magic (false for folders and missing files). */
function sealedFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && isEncrypted(head);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
