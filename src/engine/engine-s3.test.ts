// s3:// inputs and outputs through the S3 ObjectStore, against an in-process S3-compatible server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineProject, type EngineProject } from '../../test/helpers/engine-project.js';
import { startS3Server, type TestS3Server } from '../../test/helpers/s3-server.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import type { QueryEngine } from './query-engine.js';

let server: TestS3Server;
let p: EngineProject;
let engine: QueryEngine;
beforeAll(async () => {
  server = await startS3Server();
  await server.createBucket('lake');
  p = engineProject(
    `s3: { endpoint: '${server.endpoint}', region: us-east-1, accessKeyId: ${server.accessKeyId}, secretAccessKey: ${server.secretAccessKey} }`,
  );
  engine = await p.engine({ sandbox: true });
});
afterAll(async () => {
  await p.cleanup();
  await server.stop();
});

describe('S3 locations', () => {
  it('reads s3:// objects staged locally, with their partitions, and writes Parquet back atomically', async () => {
    const { store } = p.storage.resolve('s3://lake/');
    await store.write('raw/orders/day=1/a.csv', 'id,amount\n1,10\n2,20\n');
    await store.write('raw/orders/day=2/b.csv', 'id,amount\n3,30\n');
    await store.write('raw/orders/_SUCCESS', '');
    await engine.registerFiles('orders', { format: 'csv', paths: ['s3://lake/raw/orders'], hivePartitioning: true });
    const written = await engine.writeParquet('SELECT day, sum(amount) AS total FROM orders GROUP BY day', {
      location: 's3://lake/curated/totals',
      partitionBy: ['day'],
    });
    expect(written.rows).toBe(2);
    expect(written.files.map((f) => f.path.replace(/part-.*$/, '')).sort()).toEqual([
      's3://lake/curated/totals/day=1/',
      's3://lake/curated/totals/day=2/',
    ]);
    const keys: string[] = [];
    for await (const o of store.list('curated/')) keys.push(o.key);
    expect(keys).toHaveLength(2);
  });

  it('a missing S3 prefix is EntityNotFoundException naming it', async () => {
    const fresh = await p.engine();
    await expectGlueError(
      fresh.registerFiles('x', { format: 'json', paths: ['s3://lake/nothing/here'] }),
      'EntityNotFoundException',
      /s3:\/\/lake\/nothing\/here/,
    );
  });
});
