// The run queue, the fence and the lease on a real store: SQLite (one machine) and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestProject, postgresAvailable, type Backend, type TestProject } from '../../test/helpers/backends.js';
import { createJob, writeScript } from '../jobs/job-test-helpers.js';
import { JOB_RUNS } from '../runs/kinds.js';
import * as ledger from '../runs/ledger.js';
import { CLAIM_ENV } from '../runs/fence.js';
import { claimRuns, heldClaims } from './claims.js';
import { holdLease } from './lease.js';
import { queueLauncher } from './queue-launcher.js';
import { reapDeadWorkers } from './reaper.js';
import { registerWorker } from './workers-repo.js';

const backends: Backend[] = (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const quiet = () => {};

describe.each(backends)('cluster on %s', (backend) => {
  let p: TestProject;
  beforeEach(async () => {
    p = await openTestProject(backend);
    // Queued as with `cluster: { execute: workers }`: nothing starts a process here.
    (p.sluice.services as { launcher: unknown }).launcher = queueLauncher();
    writeScript(p.dir, 'jobs/noop.mjs', 'export default async () => {};');
    await createJob(p.sluice, 'noop', 'jobs/noop.mjs', { ExecutionProperty: { MaxConcurrentRuns: 50 }, MaxRetries: 1 });
  });
  afterEach(async () => {
    delete process.env[CLAIM_ENV];
    await p.cleanup();
  });
  const start = async (args: Record<string, string> = {}) =>
    (await p.sluice.call<{ JobRunId: string }>('StartJobRun', { JobName: 'noop', Arguments: args })).JobRunId;
  const state = async (id: string) => (await ledger.loadRow(p.sluice.services.store.db, JOB_RUNS, id))?.state;

  it('queues job runs WAITING; workers claiming at once take each run once, oldest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await start());
    expect(await state(ids[0])).toBe('WAITING');
    const store = p.sluice.services.store;
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((w) => claimRuns(store, { id: w, host: 'h', labels: [] }, 5)));
    const taken = [...a, ...b, ...c].map((x) => x.runId);
    expect(taken.sort()).toEqual([...ids].sort());
    expect(new Set(taken).size).toBe(12);
    expect(await state(ids[0])).toBe('STARTING');
    expect(await claimRuns(store, { id: 'd', host: 'h', labels: [] }, 5)).toEqual([]);
  });

  it('gives a run asking for labels only to a worker that has them', async () => {
    const gpu = await start({ '--worker-labels': 'gpu' });
    const store = p.sluice.services.store;
    expect(await claimRuns(store, { id: 'plain', host: 'h', labels: ['ssd'] }, 4)).toEqual([]);
    expect((await claimRuns(store, { id: 'big', host: 'h', labels: ['ssd', 'gpu'] }, 4)).map((c) => c.runId)).toEqual([gpu]);
  });

  it('fences a dead worker: its run fails and is retried once, and its own writes are refused', async () => {
    const { db } = p.sluice.services.store;
    const id = await start();
    await registerWorker(db, { id: 'w1', host: 'h', pid: 1, capacity: 1, labels: [] }, Date.now() - 60_000);
    const [claim] = await claimRuns(p.sluice.services.store, { id: 'w1', host: 'h', labels: [] }, 1);
    // The executor under the claim moves the run on while the claim is its.
    process.env[CLAIM_ENV] = `${id}:${claim.token}`;
    expect(await ledger.transition(db, JOB_RUNS, id, ['STARTING'], (doc: object) => ({ state: 'RUNNING', doc }))).toBeDefined();
    delete process.env[CLAIM_ENV];

    expect(await reapDeadWorkers(p.sluice, 10_000, quiet)).toEqual(['w1']);
    expect(await state(id)).toBe('FAILED');
    const runs = (await p.sluice.call('GetJobRuns', { JobName: 'noop' })).JobRuns as {
      Id: string;
      PreviousRunId?: string;
      JobRunState: string;
    }[];
    expect(runs.filter((r) => r.PreviousRunId === id)).toHaveLength(1);
    expect(await heldClaims(db, 'w1')).toEqual([]);
    // A second reaper finds nothing to do, and starts no second retry.
    expect(await reapDeadWorkers(p.sluice, 10_000, quiet)).toEqual([]);

    // The cut-off worker's executor comes back and tries to commit: refused, the run stays FAILED.
    process.env[CLAIM_ENV] = `${id}:${claim.token}`;
    await ledger.transition(db, JOB_RUNS, id, ['RUNNING'], (doc: object) => ({ state: 'SUCCEEDED', doc }));
    // Even from a state it could leave, a revoked claim changes nothing.
    expect(await ledger.transition(db, JOB_RUNS, id, ['FAILED'], (doc: object) => ({ state: 'SUCCEEDED', doc }))).toBeUndefined();
    expect(await state(id)).toBe('FAILED');
  });

  it('leases leadership to one holder at a time; another takes it once it expires', async () => {
    const { db } = p.sluice.services.store;
    const t = 1_000_000;
    const e1 = await holdLease(db, 'scheduler', 'a', 1000, t);
    expect(e1).toBe(1);
    expect(await holdLease(db, 'scheduler', 'b', 1000, t + 500)).toBeUndefined();
    expect(await holdLease(db, 'scheduler', 'a', 1000, t + 900)).toBe(1);
    expect(await holdLease(db, 'scheduler', 'b', 1000, t + 1500)).toBeUndefined();
    expect(await holdLease(db, 'scheduler', 'b', 1000, t + 2000)).toBe(2);
    expect(await holdLease(db, 'scheduler', 'a', 1000, t + 2100)).toBeUndefined();
  });
});
