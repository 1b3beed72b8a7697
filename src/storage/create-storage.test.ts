// createStorage().resolve(): which store and key every kind of location maps to, and the errors for
// locations Sluice cannot reach.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, type SluiceConfig } from '../config/schema.js';
import { createStorage } from './create-storage.js';
import { LocalObjectStore } from './local-object-store.js';
import { plainStore } from './encryption/encrypted-store.js';
import { startS3Server, type TestS3Server } from '../../test/helpers/s3-server.js';

const config = (extra: Record<string, unknown> = {}): SluiceConfig => configSchema.parse(extra);
const invalid = (fn: () => unknown, message: RegExp) =>
  expect(fn).toThrow(expect.objectContaining({ type: 'InvalidInputException', message: expect.stringMatching(message) }));

describe('createStorage().resolve', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sluice-cs-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('maps paths inside the project, however written, to one store rooted at the project', () => {
    const storage = createStorage(root, config());
    const rel = storage.resolve('lake/raw');
    expect(rel.key).toBe('lake/raw');
    expect(plainStore(rel.store)).toBeInstanceOf(LocalObjectStore);
    expect(rel.store.url).toBe(`file://${root}`);
    expect((plainStore(rel.store) as LocalObjectStore).stagingDir).toBe(join(root, '.sluice', '.sluice-staging'));
    for (const loc of [join(root, 'lake/raw'), `file://${root}/lake/raw`, './lake/./raw', 'lake/x/../raw']) {
      expect(storage.resolve(loc)).toEqual({ store: rel.store, key: 'lake/raw' });
    }
    expect(storage.resolve('lake/raw/').key).toBe('lake/raw/');
    expect(storage.resolve('.')).toEqual({ store: rel.store, key: '' });
    expect(storage.resolve(root).key).toBe('');
    expect(rel.store.localPath(rel.key)).toBe(join(root, 'lake/raw'));
    expect(storage.resolve(`file://${root}/a%20b.csv`).key).toBe('a b.csv');
  });

  it('maps paths outside the project to a store rooted at their parent folder', () => {
    const storage = createStorage(root, config());
    const outside = join(dirname(root), 'elsewhere', 'orders');
    const r = storage.resolve(outside);
    expect(r.store.url).toBe(`file://${dirname(outside)}`);
    expect(r.key).toBe('orders');
    expect(storage.resolve('../elsewhere/orders/')).toEqual({ store: r.store, key: 'orders/' });
    expect(storage.resolve('/').key).toBe('');
  });

  it('rejects locations it cannot reach, naming them', () => {
    const storage = createStorage(root, config());
    invalid(() => storage.resolve(''), /non-empty/);
    invalid(() => storage.resolve('gs://bucket/x'), /gs:\/\/bucket\/x.*'gs:\/\/'/);
    invalid(() => storage.resolve('https://example.com/data.csv'), /https:\/\/example\.com\/data\.csv/);
    invalid(() => storage.resolve('file://otherhost/data'), /file:\/\/otherhost\/data/);
    invalid(() => storage.resolve('s3://bucket/raw'), /s3:\/\/bucket\/raw.*no s3 section/);
  });

  it('validates the s3 section and the bucket when an s3:// location is resolved', () => {
    delete process.env.SLUICE_TEST_UNSET_SECRET;
    const s3 = (extra: Record<string, unknown>) => createStorage(root, config({ s3: { endpoint: 'http://127.0.0.1:1', ...extra } }));
    invalid(() => s3({}).resolve('s3://'), /s3:\/\/ names no bucket/);
    invalid(() => s3({}).resolve('s3://Bad_Bucket/x'), /'Bad_Bucket' is not a valid bucket name/);
    invalid(() => s3({ accessKeyId: 'AK' }).resolve('s3://data/x'), /s3\.secretAccessKey is missing/);
    invalid(
      () => s3({ accessKeyId: 'AK', secretAccessKey: { env: 'SLUICE_TEST_UNSET_SECRET' } }).resolve('s3://data/x'),
      /SLUICE_TEST_UNSET_SECRET/,
    );
    // Without credentials the SDK's default chain applies: resolving works, errors come on use.
    const r = s3({}).resolve('s3://data/lake/raw/');
    expect(r).toMatchObject({ key: 'lake/raw/' });
    expect(r.store.url).toBe('s3://data');
    expect(r.store.urlOf('lake/a.csv')).toBe('s3://data/lake/a.csv');
    expect(r.store.localPath('lake/a.csv')).toBeUndefined();
  });

  describe('against an S3-compatible server', () => {
    let server: TestS3Server;
    beforeAll(async () => {
      server = await startS3Server();
      await server.createBucket('lake');
    });
    afterAll(() => server?.stop());

    it('shares one store per bucket and reaches it with the configured credentials', async () => {
      const { endpoint, region, accessKeyId, secretAccessKey } = server;
      process.env.SLUICE_TEST_S3_SECRET = secretAccessKey;
      const storage = createStorage(
        root,
        config({ s3: { endpoint, region, accessKeyId, secretAccessKey: { env: 'SLUICE_TEST_S3_SECRET' } } }),
      );
      const a = storage.resolve('s3://lake/raw');
      expect(storage.resolve('s3://lake').store).toBe(a.store);
      expect(storage.resolve('s3://lake').key).toBe('');
      await a.store.write(`${a.key}/orders.csv`, 'id\n1\n');
      expect((await storage.resolve('s3://lake/raw/orders.csv').store.readBytes('raw/orders.csv')).toString()).toBe('id\n1\n');
    });
  });
});
