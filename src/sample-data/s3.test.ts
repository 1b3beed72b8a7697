// The raw zone may be an S3 prefix: the same seed must give the same bytes there as in a folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSluice } from '../config/compose.js';
import { initProject } from '../config/project.js';
import { configSchema } from '../config/schema.js';
import { startS3Server, type TestS3Server } from '../../test/helpers/s3-server.js';
import { openSampleProject } from '../../test/helpers/sample-data.js';
import { generateSampleData } from './generate.js';

let s3: TestS3Server;
const dir = mkdtempSync(join(tmpdir(), 'sluice-sample-s3-'));

beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket('lake');
});
afterAll(async () => {
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('sample data in an S3 raw zone', () => {
  it('writes the same objects, byte for byte, as into a local folder', async () => {
    const options = { seed: 21, days: 2, scale: 0.1 };
    initProject(dir);
    const { endpoint, accessKeyId, secretAccessKey, region } = s3;
    const config = configSchema.parse({ zones: { raw: 's3://lake/raw' }, s3: { endpoint, accessKeyId, secretAccessKey, region } });
    const sluice = await openSluice({ project: { root: dir, config } });
    const local = await openSampleProject(options);
    try {
      const summary = await generateSampleData(sluice.services, options);
      expect(summary.raw).toBe('s3://lake/raw');
      const { store } = sluice.services.storage.resolve('s3://lake/raw');
      const remote = new Map<string, Buffer>();
      for await (const info of store.list('raw/')) remote.set(info.key.slice('raw/'.length), await store.readBytes(info.key));
      const expected = await local.files();
      expect([...remote.keys()]).toEqual([...expected.keys()]);
      for (const [key, bytes] of expected) expect(remote.get(key)!.equals(bytes), key).toBe(true);
    } finally {
      await sluice.close();
      await local.cleanup();
    }
  });
});
