// `sluice worker`: claims queued runs (claims.ts) up to its capacity and executes each exactly as
// one machine does, `sluice _run <kind> <id>` in a detached process, handed the claim's token
// (runs/fence.ts) so the run's writes hold only while the claim is its. It beats its row
// (workers-repo.ts); if it finds itself declared dead (it was cut off longer than deadAfterMs) or
// cannot beat for that long, it kills what it still runs (whose commits would be refused anyway) and,
// once the store answers again, registers anew under a new id.
import type { Sluice } from '../kernel/services.js';
import { JOB_RUNS, RUN_KINDS } from '../runs/kinds.js';
import * as ledger from '../runs/ledger.js';
import { spawnWorker } from '../runs/launcher.js';
import { CLAIM_ENV } from '../runs/fence.js';
import { THIS_HOST } from '../runs/liveness.js';
import { appendRunLog } from '../jobs/runner/run-log.js';
import { DEFAULT_CLUSTER } from './config.js';
import { claimRuns, hasEnded, heldClaims, recordClaimPid, releaseClaim } from './claims.js';
import { reapDeadWorkers, type ReapLog } from './reaper.js';
import { beatWorker, leaveWorker, newWorkerId, registerWorker } from './workers-repo.js';

export interface WorkerOptions {
  capacity: number;
  labels: string[];
  /** How often the queue is polled for runs when there is room (claim latency is about half this). */
  pollMs?: number;
  log: ReapLog;
}

export interface RunningWorker {
  id(): string;
  /** Stops claiming, waits for the runs it has to end, and leaves. */
  stop(): Promise<void>;
}

interface Local {
  token: string;
  pid: number;
  stopSent?: boolean;
}

export async function startWorker(sluice: Sluice, o: WorkerOptions): Promise<RunningWorker> {
  const { services } = sluice;
  const { db } = services.store;
  const { heartbeatMs, deadAfterMs } = { ...DEFAULT_CLUSTER, ...services.config.cluster };
  const pollMs = o.pollMs ?? (services.store.kind === 'postgres' ? 40 : 200);
  const project = { root: services.root, config: services.config };
  const local = new Map<string, Local>();
  let completed = 0;
  let id = newWorkerId(THIS_HOST);
  const register = () => registerWorker(db, { id, host: THIS_HOST, pid: process.pid, capacity: o.capacity, labels: o.labels });
  await register();
  o.log('info', 'worker registered', { worker: id, host: THIS_HOST, pid: process.pid, capacity: o.capacity, labels: o.labels });
  let fenced = false;
  let lastBeat = Date.now();
  let claiming = true;

  const kill = (pid: number | null | undefined, signal: NodeJS.Signals) => {
    if (!pid || pid <= 0) return;
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, signal);
        return;
      } catch {
        // not a group leader, or gone
      }
    }
  };
  const dropAll = async (why: string) => {
    o.log('warn', `dropping every run this worker had: ${why}`, { worker: id, runs: [...local.keys()] });
    const runPids = await db
      .selectFrom('runs')
      .select(['id', 'pid'])
      .where('id', 'in', [...local.keys(), ''])
      .execute()
      .catch(() => []);
    for (const r of runPids) kill(r.pid, 'SIGKILL');
    for (const l of local.values()) kill(l.pid, 'SIGKILL');
    local.clear();
  };

  const settle = async () => {
    for (const c of await heldClaims(db, id)) {
      if (hasEnded(c)) {
        if (await releaseClaim(db, c.runId, c.token)) completed++;
        local.delete(c.runId);
      } else if (c.state === 'STOPPING' && !local.get(c.runId)?.stopSent) {
        // BatchStopJobRun on a server of another host: the signal is sent here, where the process is.
        kill(c.runPid, 'SIGTERM');
        const l = local.get(c.runId);
        if (l) l.stopSent = true;
      }
    }
  };

  const claimSome = async () => {
    const free = o.capacity - local.size;
    if (!claiming || fenced || free <= 0) return;
    for (const c of await claimRuns(services.store, { id, host: THIS_HOST, labels: o.labels }, free)) {
      const child = spawnWorker(project, [c.kind, c.runId, ...c.args], `${c.runId}.out`, false, { [CLAIM_ENV]: `${c.runId}:${c.token}` });
      child.on('error', () => {});
      child.unref();
      const pid = child.pid ?? -1;
      local.set(c.runId, { token: c.token, pid });
      await recordClaimPid(db, c.runId, pid);
      const kind = RUN_KINDS.find((k) => k.kind === c.kind);
      // The run's process until it records its own (a job's executor records its supervisor).
      if (kind) await ledger.recordPid(db, kind, c.runId, pid);
      if (c.kind === JOB_RUNS.kind) {
        appendRunLog(services.root, c.runId, { level: 'info', msg: 'claimed by worker', worker: id, host: THIS_HOST, executorPid: pid });
      }
    }
  };

  const beat = async () => {
    const now = Date.now();
    try {
      if (fenced) {
        // The store answers again: start over under a new id (the old one stays dead).
        id = newWorkerId(THIS_HOST);
        await register();
        fenced = false;
        o.log('info', 'worker registered again after being cut off', { worker: id });
      } else if (!(await beatWorker(db, id, { running: local.size, completed }, now))) {
        fenced = true;
        await dropAll('it was declared dead (no heartbeat reached the store in time)');
        return;
      }
      lastBeat = now;
    } catch (e) {
      o.log('error', 'heartbeat failed', { worker: id, error: (e as Error).message });
      // Cut off for as long as others wait before taking our runs: they are not ours any more.
      if (!fenced && now - lastBeat > deadAfterMs - heartbeatMs) {
        fenced = true;
        await dropAll('no heartbeat reached the store for too long');
      }
    }
  };

  let stopping = false;
  const loops: Promise<void>[] = [];
  const every = (ms: number, fn: () => Promise<void>, what: string) =>
    loops.push(
      (async () => {
        while (!stopping || (what !== 'claim' && local.size > 0)) {
          await fn().catch((e: Error) => o.log('error', `${what} failed; tried again`, { worker: id, error: e.message }));
          await new Promise((r) => setTimeout(r, ms));
        }
      })(),
    );
  every(pollMs, claimSome, 'claim');
  every(Math.max(pollMs, 100), settle, 'settle');
  every(heartbeatMs, beat, 'heartbeat');
  // Apart from the beat: settling a dead worker's runs may wait on its locks, and must not make this
  // worker miss its own heartbeats.
  every(heartbeatMs, () => (fenced ? Promise.resolve() : reapDeadWorkers(sluice, deadAfterMs, o.log).then(() => {})), 'reap');

  return {
    id: () => id,
    async stop() {
      claiming = false;
      stopping = true;
      await Promise.all(loops);
      await leaveWorker(db, id, { running: 0, completed }).catch(() => {});
    },
  };
}
