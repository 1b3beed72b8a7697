// Several machines on one PostgreSQL (issue 19), as separate processes on this machine (network
// namespaces need root here): two `sluice server`s and three `sluice worker`s. 30 job runs go to the
// workers; part-way the scheduler's leader and one worker die with everything they started. Every
// run must end once (its retry, if the dead worker had it), each run's output land once, the lease
// move to the other server, and the every-five-minutes schedule fire each slot once, none missed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSluice, type Sluice } from '../../src/config/compose.js';
import { createJob, writeScript } from '../../src/jobs/job-test-helpers.js';
import type { JobRun } from '../../src/kernel/glue-types.js';
import { postgresAvailable } from '../helpers/backends.js';
import { runCliAsync } from '../helpers/cli.js';
import { createClusterProject, killTree, startSluice, stopAll, type ClusterProject, type Proc } from '../helpers/cluster.js';

const pg = await postgresAvailable();
let project: ClusterProject;
let sluice: Sluice;
const procs: Proc[] = [];
let survivors: Proc[] = [];
let lastSeen: string[] = [];

const until = async <T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 120_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n${lastSeen.join('\n')}\n${procs.map((p) => p.out().slice(-3000)).join('\n---\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

beforeAll(async () => {
  if (!pg) return;
  project = await createClusterProject();
  sluice = await openSluice({ cwd: project.dir });
  writeScript(
    project.dir,
    'jobs/work.mjs',
    `export default async (glue) => {
  const { tag, sleep } = glue.getResolvedOptions(['tag', 'sleep']);
  await new Promise((r) => setTimeout(r, Number(sleep)));
  const rows = await glue.sql("SELECT '" + tag + "' AS tag, range AS i FROM range(10)", {});
  await glue.write(rows, { database: 'lake', table: 'out', path: 'lake/processed/out', mode: 'append' });
};`,
  );
  writeScript(project.dir, 'jobs/tick.mjs', 'export default async () => {};');
  // Created ahead: runs that are the first to write into a missing database race to create it
  // (catalog_databases_pk on PostgreSQL), a catalog issue of its own, not the cluster's.
  await sluice.call('CreateDatabase', { DatabaseInput: { Name: 'lake' } });
  await createJob(sluice, 'work', 'jobs/work.mjs', { ExecutionProperty: { MaxConcurrentRuns: 40 }, MaxRetries: 1 });
  await createJob(sluice, 'tick', 'jobs/tick.mjs', { ExecutionProperty: { MaxConcurrentRuns: 5 } });
  await sluice.call('CreateTrigger', {
    Name: 'every-minute',
    Type: 'SCHEDULED',
    Schedule: 'cron(0/5 * * * ? *)',
    StartOnCreation: true,
    Actions: [{ JobName: 'tick' }],
  });
}, 60_000);

afterAll(async () => {
  await stopAll(procs);
  await sluice?.close();
  await project?.cleanup();
});

const jobRuns = async (name: string): Promise<JobRun[]> => (await sluice.call('GetJobRuns', { JobName: name, MaxResults: 200 })).JobRuns;

describe.skipIf(!pg)('two servers and three workers on one PostgreSQL', () => {
  it('survives losing the leader and a worker: every run ends once, no output doubled, no slot fired twice', async () => {
    // Schedule time runs 30 times faster in both servers: a five-minute slot every 10 s.
    const clock = { SLUICE_TEST_CLOCK: `${Date.now()}x30` };
    const servers = [0, 1].map(() => startSluice(project.dir, ['server', '--dev', '--port', '0'], clock));
    procs.push(...servers);
    await Promise.all(servers.map((s) => s.waitFor(/listening on (http:\S+)/)));
    const workers = [0, 1, 2].map(() => startSluice(project.dir, ['worker', '--capacity', '4']));
    procs.push(...workers);
    await Promise.all(workers.map((w) => w.waitFor(/Sluice worker (\S+) running/)));

    const [epoch] = clock.SLUICE_TEST_CLOCK.split('x').map(Number);
    const scaled = (t: number) => epoch + (t - epoch) * 30;
    survivors = workers.slice(1);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const { JobRunId } = await sluice.call('StartJobRun', { JobName: 'work', Arguments: { '--tag': `t${i}`, '--sleep': '3000' } });
      ids.push(JobRunId);
    }
    const { db } = sluice.services.store;
    // Part-way: the first worker has runs in flight; it and the scheduler's leader die.
    const victimId = (await workers[0].waitFor(/Sluice worker (\S+) running/))[1];
    await until('the first worker to run something', async () => {
      const rows = await db
        .selectFrom('run_claims')
        .innerJoin('runs', 'runs.id', 'run_claims.run_id')
        .select('runs.id')
        .where('run_claims.worker_id', '=', victimId)
        .where('runs.state', '=', 'RUNNING')
        .execute();
      return rows.length > 0;
    });
    const lease = await db.selectFrom('cluster_leases').selectAll().where('name', '=', 'scheduler').executeTakeFirstOrThrow();
    const leaderPid = Number(lease.holder.split(':')[1]);
    const leader = servers.find((s) => s.pid === leaderPid)!;
    expect(leader).toBeDefined();
    const killedAt = Date.now();
    killTree(leader.pid);
    killTree(workers[0].pid);

    // The other server takes the lease over within 30 s.
    const taken = await until(
      'the lease to move',
      async () => {
        const l = await db.selectFrom('cluster_leases').selectAll().where('name', '=', 'scheduler').executeTakeFirst();
        return l && l.holder !== lease.holder && l.expires_on > Date.now() ? l : undefined;
      },
      30_000,
    );
    expect(taken.epoch).toBeGreaterThan(lease.epoch);
    expect(Date.now() - killedAt).toBeLessThan(30_000);

    // Every run ends; a run of the dead worker ends FAILED, saying so, and its retry succeeds.
    const all = await until(
      'every run to end',
      async () => {
        const runs = await jobRuns('work');
        const ended = runs.every((r) => ['SUCCEEDED', 'FAILED'].includes(r.JobRunState!));
        const retried = runs.filter((r) => r.JobRunState === 'FAILED').every((f) => runs.some((r) => r.PreviousRunId === f.Id));
        return ended && retried ? runs : undefined;
      },
      240_000,
    );
    const lost = all.filter((r) => r.JobRunState === 'FAILED');
    expect(lost.length).toBeGreaterThan(0);
    // Ended by the cluster's reaper (the worker stopped beating) or, all "hosts" being this machine,
    // by the jobs' own reaper that sees the run's process gone; retried once either way.
    for (const f of lost)
      expect(f.ErrorMessage).toMatch(new RegExp(`worker running this job run \\(${victimId}|ended without recording a result`));
    for (const id of ids) {
      const chain = all.filter((r) => r.Id === id || r.PreviousRunId === id);
      expect(chain.filter((r) => r.JobRunState === 'SUCCEEDED')).toHaveLength(1);
    }
    // Each run's state history names one end.
    const ends = await db
      .selectFrom('run_states')
      .select(['run_id'])
      .where('state', 'in', ['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT'])
      .where(
        'run_id',
        'in',
        all.map((r) => r.Id!),
      )
      .execute();
    expect(ends).toHaveLength(all.length);
    // Output: each tag's ten rows once, as one machine would have written them.
    const q = await runCliAsync(project.dir, ['query', '--json', 'SELECT tag, count(*) AS n FROM lake.out GROUP BY tag ORDER BY tag']);
    const counts = JSON.parse(q.stdout) as { tag: string; n: number }[];
    expect(counts).toHaveLength(30);
    expect(counts.every((c) => Number(c.n) === 10)).toBe(true);

    // The workers: the dead one is marked so; the others say how much they did.
    const listed = JSON.parse((await runCliAsync(project.dir, ['workers', '--json'])).stdout) as Record<string, unknown>[];
    expect(listed).toHaveLength(3);
    for (const w of listed)
      expect(Object.keys(w)).toEqual(expect.arrayContaining(['id', 'host', 'pid', 'capacity', 'running', 'completed', 'lastHeartbeat']));
    expect(listed.find((w) => w.id === victimId)?.state).toBe('dead');
    expect(listed.reduce((n, w) => n + Number(w.completed), 0)).toBeGreaterThanOrEqual(30 - lost.length);
    // `sluice logs` names the worker that ran a run.
    const logs = await runCliAsync(project.dir, ['logs', all[0].Id!]);
    expect(logs.stdout).toMatch(/claimed by worker/);

    // The schedule: slots fired in order, none twice, none missed, each with its one run of tick.
    await until(
      'a slot after the takeover',
      async () => {
        const s = await db.selectFrom('schedule_slots').select('slot').where('owner', '=', 'trigger:every-minute').execute();
        return s.some((x) => Number(x.slot) > scaled(killedAt) + 300_000);
      },
      90_000,
    );
    const slots = await db.selectFrom('schedule_slots').selectAll().where('owner', '=', 'trigger:every-minute').orderBy('slot').execute();
    for (let i = 1; i < slots.length; i++) expect(Number(slots[i].slot) - Number(slots[i - 1].slot)).toBe(300_000);
    expect(slots.every((s) => s.outcome === 'FIRED')).toBe(true);
    const chains = await db.selectFrom('runs').select('id').where('kind', '=', 'trigger-chain').execute();
    expect(chains).toHaveLength(slots.length);
  }, 400_000);

  it('fences a worker cut off longer than deadAfterMs: its runs are retried elsewhere and none ends twice', async () => {
    const [victim] = survivors;
    const victimId = (await victim.waitFor(/Sluice worker (\S+) running/))[1];
    const { db } = sluice.services.store;
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const { JobRunId } = await sluice.call('StartJobRun', { JobName: 'work', Arguments: { '--tag': `p${i}`, '--sleep': '6000' } });
      ids.push(JobRunId);
    }
    const held = await until('the worker to run something', async () => {
      const rows = await db
        .selectFrom('run_claims')
        .innerJoin('runs', 'runs.id', 'run_claims.run_id')
        .select('runs.id')
        .where('run_claims.worker_id', '=', victimId)
        .where('runs.state', '=', 'RUNNING')
        .execute();
      return rows.length ? rows.map((r) => r.id) : undefined;
    });
    // The partition: the worker and its runs stop answering, alive but silent.
    const tree = killTree(victim.pid, 'SIGSTOP');
    const cutAt = Date.now();
    await until(
      'the worker to be declared dead',
      async () => {
        const w = await db.selectFrom('cluster_workers').select('state').where('id', '=', victimId).executeTakeFirst();
        return w?.state === 'dead';
      },
      30_000,
    );
    expect(Date.now() - cutAt).toBeLessThan(30_000);
    await until(
      'its runs to be retried and succeed elsewhere',
      async () => {
        const runs = await jobRuns('work');
        if (held.every((id) => runs.some((r) => r.PreviousRunId === id && r.JobRunState === 'SUCCEEDED'))) return true;
        // What the wait is on, should it time out.
        lastSeen = runs
          .filter((r) => held.includes(r.Id!) || held.includes(r.PreviousRunId!))
          .map((r) => `${r.Id!.slice(0, 10)} ${r.PreviousRunId?.slice(0, 10) ?? '-'} ${r.JobRunState} ${r.ErrorMessage ?? ''}`);
        return false;
      },
      120_000,
    );
    // The link comes back: the worker finds itself dead, drops its old runs and registers anew.
    for (const pid of tree) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone
      }
    }
    await victim.waitFor(/registered again after being cut off/, 30_000);
    await new Promise((r) => setTimeout(r, 8000));
    for (const id of held) {
      const states = await db.selectFrom('run_states').select('state').where('run_id', '=', id).execute();
      expect(states.map((x) => x.state)).not.toContain('SUCCEEDED');
      expect(states.map((x) => x.state)).toContain('FAILED');
    }
    const q = await runCliAsync(project.dir, [
      'query',
      '--json',
      "SELECT tag, count(*) AS n FROM lake.out WHERE tag LIKE 'p%' GROUP BY tag",
    ]);
    const counts = JSON.parse(q.stdout) as { tag: string; n: number }[];
    expect(counts).toHaveLength(8);
    expect(counts.every((c) => Number(c.n) === 10)).toBe(true);
  }, 300_000);
});
