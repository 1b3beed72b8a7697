// Crawling an S3-compatible store (the in-process S3 server): listing, sampling compressed and
// Parquet objects, partitions, incremental crawls, and reading the crawled table back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { initProject, parseConfig } from '../config/project.js';
import { openSluice, type Sluice } from '../config/compose.js';
import { startS3Server, type TestS3Server } from '../../test/helpers/s3-server.js';
import { crawlInProcess } from '../../test/helpers/crawls.js';
import { queryCatalog } from '../catalog/query.js';

let s3: TestS3Server;
let dir: string;
let sluice: Sluice;
const call = (op: string, input: unknown) => sluice.call(op, input);

beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket('lake');
  dir = mkdtempSync(join(tmpdir(), 'sluice-crawl-s3-'));
  const { root } = initProject(dir);
  const config = parseConfig(
    `s3:\n  endpoint: ${s3.endpoint}\n  region: ${s3.region}\n  accessKeyId: ${s3.accessKeyId}\n  secretAccessKey: ${s3.secretAccessKey}\n`,
  );
  sluice = await openSluice({ project: { root, config }, store: { kind: 'sqlite', path: join(dir, '.sluice', 'metadata.db') } });
});
afterAll(async () => {
  await sluice?.close();
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('crawling s3://', () => {
  it('makes partitioned tables of S3 objects, reads Parquet through the engine, and queries them', async () => {
    const { store } = sluice.services.storage.resolve('s3://lake/');
    await store.write('raw/clicks/dt=2024-01-01/part-0.json.gz', gzipSync('{"user":"a","n":1}\n{"user":"b","n":2}\n'));
    await store.write('raw/clicks/dt=2024-01-02/part-0.json.gz', gzipSync('{"user":"c","n":3}\n'));
    await store.write('raw/clicks/dt=2024-01-02/_SUCCESS', '');
    await store.write('raw/customers/c.csv', 'id,name\n1,ann\n2,bob\n');
    const engine = await sluice.services.openEngine();
    const local = join(dir, 'p.parquet');
    await engine.query(`COPY (SELECT 1::BIGINT AS sku, 'pen' AS title) TO '${local}' (FORMAT parquet)`);
    await engine.close();
    const { readFileSync } = await import('node:fs');
    await store.write('raw/products/p.parquet', readFileSync(local));

    await call('CreateCrawler', {
      Name: 's3c',
      Role: 'r',
      DatabaseName: 'raw',
      Targets: { S3Targets: [{ Path: 's3://lake/raw/' }] },
      RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
    });
    const r = await crawlInProcess(sluice, 's3c');
    expect(r.state).toBe('COMPLETED');
    const tables = (await call('GetTables', { DatabaseName: 'raw' })).TableList as any[];
    expect(tables.map((t) => `${t.Name}:${t.Parameters.classification}:${t.Parameters.compressionType}`)).toEqual([
      'clicks:json:gzip',
      'customers:csv:none',
      'products:parquet:none',
    ]);
    const clicks = tables[0];
    expect(clicks.StorageDescriptor.Location).toBe('s3://lake/raw/clicks/');
    expect(clicks.PartitionKeys).toEqual([{ Name: 'dt', Type: 'string' }]);
    expect(tables[2].StorageDescriptor.Columns).toEqual([
      { Name: 'sku', Type: 'bigint' },
      { Name: 'title', Type: 'string' },
    ]);
    const rows = await queryCatalog(sluice.services, 'SELECT dt, sum(n) AS n FROM raw.clicks GROUP BY dt ORDER BY dt');
    expect(rows.rows).toEqual([
      { dt: '2024-01-01', n: 3 },
      { dt: '2024-01-02', n: 3 },
    ]);

    await store.write('raw/clicks/dt=2024-01-03/part-0.json.gz', gzipSync('{"user":"d","n":4}\n'));
    const again = await crawlInProcess(sluice, 's3c');
    expect(again.progress.filesRead).toBe(1);
    expect(again.counts!.partitionsCreated).toBe(1);
  });

  it('fails a crawl whose bucket it cannot reach, with the reason', async () => {
    await call('CreateCrawler', { Name: 'nobucket', Role: 'r', Targets: { S3Targets: [{ Path: 's3://Not_A_Bucket/x' }] } });
    const r = await crawlInProcess(sluice, 'nobucket');
    expect(r.state).toBe('FAILED');
    expect(r.errorMessage).toMatch(/not a valid bucket name/);
  });
});
