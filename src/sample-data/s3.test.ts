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

describe('a project whose raw zone is on S3, from the command line', () => {
  it('prints no AWS SDK warning about the Node version', async () => {
    // Not runCli: spawnSync would block this process, which serves the S3 endpoint.
    const { execFile } = await import('node:child_process');
    const { BIN } = await import('../../test/helpers/cli.js');
    const { writeFileSync } = await import('node:fs');
    const root = join(dir, 'cli');
    initProject(root, { zones: { raw: 's3://lake/cli-raw' } });
    const { endpoint, region } = s3;
    writeFileSync(
      join(root, 'sluice.yaml'),
      `version: 1\nzones: { raw: 's3://lake/cli-raw' }\ns3: { endpoint: '${endpoint}', region: ${region}, forcePathStyle: true, accessKeyId: { env: S3_KEY }, secretAccessKey: { env: S3_SECRET } }\n`,
    );
    const env = { ...process.env, SLUICE_FROM_SOURCE: '1', S3_KEY: s3.accessKeyId, S3_SECRET: s3.secretAccessKey };
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = execFile(process.execPath, [BIN, 'sample-data', '--only', 'products'], { cwd: root, env }, (_e, stdout, stderr) =>
        done({ code: child.exitCode, stdout, stderr }),
      );
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/products +1 +500/);
  });
});
