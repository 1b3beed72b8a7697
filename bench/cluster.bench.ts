// `npm run bench cluster [-- -- --runs 200 --latency 40]`: the run queue of issue 19 on this machine's
// PostgreSQL. (1) Claim latency: StartJobRun to a worker's claim, with idle workers, p50/p99.
// (2) Throughput of --runs short job runs: one `sluice server` executing them itself (the
// single-process baseline, measured in the same run) against 1, 2 and 3 `sluice worker`s.
// (3) Claims per second the store sustains (claimRuns alone, 1 and 3 claimers), for the model in
// docs/cluster.md. Every process shares this machine's two cores, so the workers' ratios here show
// the queue's overhead, not what N machines add.
import { callRemote } from '../src/api/http/client.js';
import { openSluice, type Sluice } from '../src/config/compose.js';
import { createJob, writeScript } from '../src/jobs/job-test-helpers.js';
import { claimRuns } from '../src/cluster/claims.js';
import { createClusterProject, startSluice, stopAll, type Proc } from '../test/helpers/cluster.js';

const arg = (args: string[], name: string, d: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function project(execute: 'server' | 'workers') {
  const p = await createClusterProject({ execute });
  const sluice = await openSluice({ cwd: p.dir });
  writeScript(p.dir, 'jobs/noop.mjs', 'export default async () => {};');
  await createJob(sluice, 'noop', 'jobs/noop.mjs', { ExecutionProperty: { MaxConcurrentRuns: 1000 } });
  return { p, sluice };
}

async function allEnded(sluice: Sluice, ids: string[], timeoutMs = 900_000): Promise<number> {
  const { db } = sluice.services.store;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db.selectFrom('runs').select(['state', 'updated_on']).where('id', 'in', ids).execute();
    const done = rows.filter((r) => ['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED', 'ERROR'].includes(r.state));
    if (done.length === ids.length) {
      const failed = done.filter((r) => r.state !== 'SUCCEEDED').length;
      if (failed) console.log(`  (${failed} runs did not succeed)`);
      return Math.max(...done.map((r) => Number(r.updated_on)));
    }
    if (Date.now() > deadline) throw new Error(`${ids.length - done.length} runs still active`);
    await sleep(200);
  }
}

async function throughput(label: string, runs: number, start: () => Promise<string>, sluice: Sluice) {
  const t0 = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < runs; i++) ids.push(await start());
  const end = await allEnded(sluice, ids);
  const secs = (end - t0) / 1000;
  console.log(`  ${label.padEnd(24)} ${runs} runs in ${secs.toFixed(1)} s: ${(runs / secs).toFixed(2)} runs/s`);
  return runs / secs;
}

export default async function (args: string[]) {
  const runs = arg(args, 'runs', 200);
  const latencyRuns = arg(args, 'latency', 40);
  const procs: Proc[] = [];
  const results: Record<string, number> = {};
  try {
    // Baseline: one server executing runs itself (warm executor), started over its HTTP API.
    {
      const { p, sluice } = await project('server');
      const server = startSluice(p.dir, ['server', '--dev', '--port', '0']);
      procs.push(server);
      const endpoint = (await server.waitFor(/listening on (http:\S+)/))[1];
      const remote = { endpoint, region: 'us-east-1' };
      await sleep(1500);
      results.server = await throughput(
        'one server (baseline)',
        runs,
        async () => ((await callRemote('StartJobRun', { JobName: 'noop' }, remote)) as { JobRunId: string }).JobRunId,
        sluice,
      );
      await stopAll([server]);
      await sluice.close();
      await p.cleanup();
    }
    for (const n of [1, 2, 3]) {
      const { p, sluice } = await project('workers');
      const workers = Array.from({ length: n }, () => startSluice(p.dir, ['worker', '--capacity', '4']));
      procs.push(...workers);
      await Promise.all(workers.map((w) => w.waitFor(/Sluice worker \S+ running/)));
      const start = async () => (await sluice.call<{ JobRunId: string }>('StartJobRun', { JobName: 'noop' })).JobRunId;
      if (n === 1) {
        // Claim latency: one run at a time, the worker idle when it is started.
        const { db } = sluice.services.store;
        const lat: number[] = [];
        for (let i = 0; i < latencyRuns; i++) {
          const id = await start();
          for (;;) {
            // From the run's row being written (StartJobRun's own checks before it are not the queue's).
            const c = await db
              .selectFrom('run_claims')
              .innerJoin('runs', 'runs.id', 'run_claims.run_id')
              .select(['run_claims.claimed_on', 'runs.started_on'])
              .where('run_id', '=', id)
              .executeTakeFirst();
            if (c) {
              lat.push(Number(c.claimed_on) - Number(c.started_on));
              break;
            }
            await sleep(2);
          }
          await allEnded(sluice, [id]);
        }
        results.p50 = pct(lat, 50);
        results.p99 = pct(lat, 99);
        console.log(
          `  claim latency (idle worker, ${lat.length} runs): p50 ${results.p50} ms, p99 ${results.p99} ms, max ${Math.max(...lat)} ms`,
        );
      }
      results[`w${n}`] = await throughput(`${n} worker${n > 1 ? 's' : ''} (capacity 4 each)`, runs, start, sluice);
      await stopAll(workers);
      await sluice.close();
      await p.cleanup();
    }
    // The store's claim rate: runs queued, then claimed as fast as claimers can, one run per claim.
    {
      const { p, sluice } = await project('workers');
      const queued = 600;
      for (let i = 0; i < queued; i++) await sluice.call('StartJobRun', { JobName: 'noop' });
      for (const claimers of [1, 3]) {
        let claimed = 0;
        const t = Date.now();
        await Promise.all(
          Array.from({ length: claimers }, async (_, k) => {
            while (claimed < queued / 2 && Date.now() - t < 30_000) {
              const c = await claimRuns(sluice.services.store, { id: `bench-${claimers}-${k}`, host: 'bench', labels: [] }, 1);
              if (!c.length) break;
              claimed += c.length;
            }
          }),
        );
        const rate = claimed / ((Date.now() - t) / 1000);
        results[`claims${claimers}`] = rate;
        console.log(`  claim transactions: ${claimers} claimer${claimers > 1 ? 's' : ''}, ${rate.toFixed(0)} claims/s`);
      }
      await sluice.close();
      await p.cleanup();
    }
    console.log('\n  throughput against the single-process server (same run):');
    for (const n of [1, 2, 3]) console.log(`    ${n} worker(s): ${(results[`w${n}`] / results.server).toFixed(2)}×`);
  } finally {
    await stopAll(procs);
  }
}
