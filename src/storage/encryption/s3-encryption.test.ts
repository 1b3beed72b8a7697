// Encryption on an S3-compatible store: SSE-S3 and SSE-KMS are asked of the store on every upload
// and commit copy; an encrypted zone on S3 is sealed on the client and read back transparently.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../config/schema.js';
import { createStorage } from '../create-storage.js';
import { keyRing } from '../../security/kms/index.js';
import { isEncrypted } from '../../security/kms/envelope.js';
import { plainStore } from './encrypted-store.js';
import { startS3Server, type TestS3Server } from '../../../test/helpers/s3-server.js';

let s3: TestS3Server;
let root: string;
beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket('lake');
  root = mkdtempSync(join(tmpdir(), 'sluice-s3enc-'));
  writeFileSync(join(root, 'master.key'), randomBytes(32).toString('hex'));
});
afterAll(async () => {
  await s3?.stop();
  rmSync(root, { recursive: true, force: true });
});

const storageWith = (encryptedZones: Record<string, string> = {}) => {
  const config = configSchema.parse({
    zones: { raw: 's3://lake/raw', processed: 's3://lake/processed', curated: 's3://lake/curated' },
    s3: { endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    kms: { masterKey: { file: 'master.key' }, encryptedZones },
  });
  return { config, storage: createStorage(root, config) };
};

describe('encryption on S3', () => {
  it('asks the store for SSE-KMS on the staged upload and on the commit copy', async () => {
    const { storage } = storageWith();
    const { store, key } = storage.resolve('s3://lake/curated/out');
    const kmsKey = 'arn:aws:kms:us-east-1:123456789012:key/sse';
    const staged = await store.stage(key, { encryption: { mode: 'SSE-KMS', key: kmsKey } });
    await staged.write('part-0.csv', 'id\n1\n');
    const from = s3.requests.length;
    await staged.commit();
    const copies = s3.requests.slice(from).filter((r) => r.method === 'PUT' && r.headers['x-amz-copy-source']);
    expect(copies.map((r) => r.path)).toEqual(['/lake/curated/out/part-0.csv']);
    expect(copies[0].headers['x-amz-server-side-encryption']).toBe('aws:kms');
    expect(copies[0].headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe(kmsKey);
    const upload = s3.requests.find((r) => r.method === 'PUT' && r.path.includes('.sluice-staging/') && r.path.endsWith('part-0.csv'));
    expect(upload?.headers['x-amz-server-side-encryption']).toBe('aws:kms');
    // SSE is the store's business: the object is stored as written
    expect(isEncrypted(await plainStore(store).readBytes('curated/out/part-0.csv'))).toBe(false);

    const sse = await store.stage('curated/sse', { encryption: { mode: 'SSE-S3' } });
    await sse.write('a.csv', 'x\n');
    const at = s3.requests.length;
    await sse.commit();
    expect(s3.requests.slice(at).find((r) => r.headers['x-amz-copy-source'])?.headers['x-amz-server-side-encryption']).toBe('AES256');
  });

  it('seals an encrypted zone on S3 on the client and reads it back', async () => {
    const { storage, config } = storageWith({ processed: 'alias/s3zone' });
    keyRing(root, config).ensureAlias('alias/s3zone', 'test');
    const { store } = storage.resolve('s3://lake/processed/');
    await store.write('processed/t/a.csv', 'id,name\n1,ann\n');
    expect(isEncrypted(await plainStore(store).readBytes('processed/t/a.csv'))).toBe(true);
    expect((await store.readBytes('processed/t/a.csv')).toString()).toBe('id,name\n1,ann\n');
    const staged = await store.stage('processed/u');
    writeFileSync(join(await staged.localDir(), 'b.csv'), 'id\n2\n');
    await staged.commit();
    expect(isEncrypted(await plainStore(store).readBytes('processed/u/b.csv'))).toBe(true);
    expect((await store.readBytes('processed/u/b.csv')).toString()).toBe('id\n2\n');
  });
});
