// The local key service and the envelope format: round trips across segment boundaries, rotation
// keeping old data readable, and clear errors (naming the key) for a wrong or missing key.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyRing } from './key-ring.js';
import { decryptBuffer, decryptFile, decryptingStream, encryptBuffer, encryptingStream, isEncrypted, keyOf } from './envelope.js';
import { readMasterKey } from './master-key.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const project = () => {
  const d = mkdtempSync(join(tmpdir(), 'sluice-kms-'));
  dirs.push(d);
  return d;
};
const ring = (root: string, master = Buffer.alloc(32, 7)) =>
  new KeyRing({ root, region: 'eu-west-1', accountId: '123456789012', masterKey: () => master });

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('KeyRing', () => {
  it('creates keys with KMS ARNs, finds them by id, ARN and alias, and persists them', () => {
    const root = project();
    const key = ring(root).create({ description: 'lake', alias: 'alias/lake' });
    expect(key.Arn).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\/[0-9a-f-]{36}$/);
    const again = ring(root);
    expect(again.describe(key.KeyId).Arn).toBe(key.Arn);
    expect(again.describe(key.Arn).KeyId).toBe(key.KeyId);
    expect(again.describe('alias/lake').KeyId).toBe(key.KeyId);
    expect(() => again.create({ alias: 'alias/lake' })).toThrow(/already exists/);
    expect(() => again.describe('alias/nope')).toThrow(/KMS key alias\/nope does not exist/);
  });

  it('keeps data sealed before a rotation readable after it, and seals new data under the new version', () => {
    const root = project();
    const r = ring(root);
    const key = r.create();
    const old = encryptBuffer(r, key.Arn, Buffer.from('before'));
    expect(r.rotate(key.KeyId).Versions.map((v) => v.version)).toEqual([1, 2]);
    const fresh = ring(root);
    expect(fresh.generateDataKey(key.Arn).version).toBe(2);
    expect(decryptBuffer(fresh, old, 'old').toString()).toBe('before');
    expect(decryptBuffer(fresh, encryptBuffer(fresh, key.Arn, Buffer.from('after')), 'new').toString()).toBe('after');
  });

  it('refuses a wrong master key, a missing master key and a missing key, naming the key', () => {
    const root = project();
    const key = ring(root).create();
    const sealed = encryptBuffer(ring(root), key.Arn, Buffer.from('secret'));
    expect(() => decryptBuffer(ring(root, Buffer.alloc(32, 9)), sealed, 'x')).toThrow(
      `Cannot use KMS key ${key.Arn}: the configured kms.masterKey is not the one`,
    );
    const none = new KeyRing({ root, region: 'eu-west-1', accountId: '123456789012' });
    expect(() => decryptBuffer(none, sealed, 'x')).toThrow(`Cannot use KMS key ${key.Arn}: sluice.yaml has no kms.masterKey`);
    expect(() => decryptBuffer(ring(project()), sealed, 'x')).toThrow(`KMS key ${key.Arn} does not exist`);
  });
});

describe('envelope', () => {
  it('round-trips objects of every size across segment boundaries, streamed and whole', async () => {
    const r = ring(project());
    const key = r.create().Arn;
    for (const size of [0, 1, 11, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17]) {
      const plain = randomBytes(size);
      const sealed = await collect(
        Readable.from([plain.subarray(0, 5000), plain.subarray(5000)].filter((b) => b.length)).pipe(encryptingStream(r, key)),
      );
      expect(isEncrypted(sealed)).toBe(true);
      expect(keyOf(sealed)).toBe(key);
      expect(decryptBuffer(r, sealed, 'x').equals(plain)).toBe(true);
      // fed one odd-sized piece at a time
      const pieces = [];
      for (let i = 0; i < sealed.length; i += 70001) pieces.push(sealed.subarray(i, i + 70001));
      expect((await collect(Readable.from(pieces).pipe(decryptingStream(r, 'x')))).equals(plain)).toBe(true);
      expect(decryptBuffer(r, encryptBuffer(r, key, plain), 'x').equals(plain)).toBe(true);
    }
  });

  it('passes plain objects through, and refuses altered or cut-off ciphertext', async () => {
    const r = ring(project());
    const key = r.create().Arn;
    expect((await collect(Readable.from([Buffer.from('SLUICE')]).pipe(decryptingStream(r, 'x')))).toString()).toBe('SLUICE');
    expect(decryptBuffer(r, Buffer.from('a,b\n1,2\n'), 'x').toString()).toBe('a,b\n1,2\n');
    const sealed = encryptBuffer(r, key, randomBytes((1 << 20) * 2 + 5));
    const altered = Buffer.from(sealed);
    altered[altered.length - 100] ^= 1;
    expect(() => decryptBuffer(r, altered, 'object f')).toThrow(`Cannot decrypt object f with KMS key ${key}`);
    const cut = sealed.subarray(0, sealed.length - ((1 << 20) + 5 + 16));
    expect(() => decryptBuffer(r, cut, 'object f')).toThrow(/does not authenticate/);
  });
});

describe('decryptFile', () => {
  it('decrypts files of every size, across segment and batch boundaries, into a 0600 file', async () => {
    const r = ring(project());
    const key = r.create().Arn;
    const dir = project();
    const MiB = 1 << 20;
    for (const size of [0, 1, MiB, MiB + 1, 8 * MiB, 8 * MiB + 3, 17 * MiB + 5]) {
      const plain = randomBytes(size);
      writeFileSync(join(dir, `s${size}`), encryptBuffer(r, key, plain));
      await decryptFile(r, join(dir, `s${size}`), join(dir, `p${size}`), 'x');
      expect(readFileSync(join(dir, `p${size}`)).equals(plain), `size ${size}`).toBe(true);
      expect(statSync(join(dir, `p${size}`)).mode & 0o777).toBe(0o600);
    }
    writeFileSync(join(dir, 'plain.csv'), 'a,b\n1,2\n');
    await decryptFile(r, join(dir, 'plain.csv'), join(dir, 'copy.csv'), 'x');
    expect(readFileSync(join(dir, 'copy.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('refuses altered or cut-off ciphertext and leaves no partial plain text behind', async () => {
    const r = ring(project());
    const key = r.create().Arn;
    const dir = project();
    const sealed = encryptBuffer(r, key, randomBytes((1 << 20) * 10 + 5));
    const altered = Buffer.from(sealed);
    altered[altered.length - 100] ^= 1;
    writeFileSync(join(dir, 'altered'), altered);
    await expect(decryptFile(r, join(dir, 'altered'), join(dir, 'out1'), 'object f')).rejects.toThrow(
      `Cannot decrypt object f with KMS key ${key}`,
    );
    expect(existsSync(join(dir, 'out1'))).toBe(false);
    writeFileSync(join(dir, 'cut'), sealed.subarray(0, sealed.length - ((1 << 20) + 5 + 16)));
    await expect(decryptFile(r, join(dir, 'cut'), join(dir, 'out2'), 'object f')).rejects.toThrow(/does not authenticate/);
    expect(existsSync(join(dir, 'out2'))).toBe(false);
  });
});

describe('readMasterKey', () => {
  it('reads hex or base64 from a file or the environment and explains a bad one', () => {
    const root = project();
    const hex = randomBytes(32).toString('hex');
    writeFileSync(join(root, 'master.key'), `${hex}\n`);
    expect(readMasterKey(root, { file: 'master.key' }).toString('hex')).toBe(hex);
    process.env.SLUICE_TEST_MASTER = Buffer.from(hex, 'hex').toString('base64');
    expect(readMasterKey(root, { env: 'SLUICE_TEST_MASTER' }).toString('hex')).toBe(hex);
    delete process.env.SLUICE_TEST_MASTER;
    expect(() => readMasterKey(root, { env: 'SLUICE_TEST_MASTER' })).toThrow(/SLUICE_TEST_MASTER, which is not set/);
    writeFileSync(join(root, 'short.key'), 'abc');
    expect(() => readMasterKey(root, { file: 'short.key' })).toThrow(/openssl rand -hex 32/);
  });
});
