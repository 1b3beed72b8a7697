// The commit protocol's added latency (issue 13): a run's output of N files (1, 100, 10,000 by
// default; FILES=1,100 to choose), committed the old way (the stage committed inside the metadata
// transaction) and by the protocol (seal, record the intent in the transaction, complete, delete
// the intent), on the local store with SQLite metadata; S3=1 adds the in-process S3 server (slow
// for 10,000 objects). ROUNDS (default 5) rounds each, median reported, append and replace.
// ONLY=old or ONLY=new runs one side (ONLY=old in a checkout from before the protocol measures the
// old code itself: there commit() was not yet seal() + completeStaged()).
//   npm run bench commit-latency
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject } from '../test/helpers/backends.js';
import { startS3Server, type TestS3Server } from '../test/helpers/s3-server.js';
import type { Services } from '../src/kernel/services.js';

const FILES = (process.env.FILES ?? '1,100,10000').split(',').map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);

async function fill(services: Services, location: string, n: number) {
  const { store, key } = services.storage.resolve(location);
  const staged = await store.stage(key);
  const dir = await staged.localDir();
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `dt=${i % 10}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `part-${i}.parquet`), 'x'.repeat(100));
  }
  return staged;
}

/** The old commit: the stage committed inside the transaction that records the run's end. */
async function oldWay(services: Services, location: string, n: number, replace: boolean): Promise<number> {
  const staged = await fill(services, location, n);
  const t = performance.now();
  await services.store.transaction(async (trx) => {
    await trx
      .insertInto('tags')
      .values({ arn: `bench-${Math.random()}`, tag_key: 'k', tag_value: 'v' })
      .execute();
    await staged.commit({ replace });
  });
  return performance.now() - t;
}

/** The protocol: seal, intent in the same transaction, complete, forget the intent. */
async function newWay(services: Services, location: string, n: number, replace: boolean): Promise<number> {
  const staged = await fill(services, location, n);
  const runId = `bench-${Math.random()}`;
  const t = performance.now();
  const { completeCommit, recordIntent } = await import('../src/runs/run-commit.js');
  const sealed = { location, ...(await staged.seal({ replace })) };
  await services.store.transaction(async (trx) => {
    await trx.insertInto('tags').values({ arn: runId, tag_key: 'k', tag_value: 'v' }).execute();
    await recordIntent(trx, runId, 'job', [sealed]);
  });
  await completeCommit(services, runId, [sealed]);
  return performance.now() - t;
}

export default async function commitLatency(): Promise<void> {
  const s3: TestS3Server | undefined = process.env.S3 ? await startS3Server() : undefined;
  const p = await openTestProject();
  const services = p.sluice.services;
  const targets: [string, string][] = [['local', 'lake/processed/bench']];
  if (s3) {
    await s3.createBucket('bench');
    // The project was opened without an s3 section: give its storage one for this bucket.
    const { createStorage } = await import('../src/storage/create-storage.js');
    const config = {
      ...services.config,
      s3: { endpoint: s3.endpoint, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    };
    (services as { storage: Services['storage'] }).storage = createStorage(services.root, config as Services['config']);
    targets.push(['s3', 's3://bench/processed/bench']);
  }
  console.log('store  files    mode      old commit  protocol  added   (median of %d, ms)', ROUNDS);
  try {
    for (const [name, location] of targets)
      for (const n of FILES)
        for (const replace of [false, true]) {
          const olds: number[] = [];
          const news: number[] = [];
          for (let r = 0; r < ROUNDS; r++) {
            if (process.env.ONLY !== 'new') olds.push(await oldWay(services, `${location}-${n}`, n, replace));
            if (process.env.ONLY !== 'old') news.push(await newWay(services, `${location}-${n}`, n, replace));
          }
          const [o, w] = [median(olds), median(news)];
          console.log(
            `${name.padEnd(6)} ${String(n).padEnd(8)} ${(replace ? 'replace' : 'append').padEnd(9)} ${o.toFixed(1).padStart(10)}  ${w.toFixed(1).padStart(8)}  ${(w - o).toFixed(1).padStart(6)}`,
          );
        }
  } finally {
    await p.cleanup();
    await s3?.stop();
  }
}
