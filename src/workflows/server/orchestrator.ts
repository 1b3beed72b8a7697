// What `sluice server` runs beside the HTTP face: the scheduler, the event watcher and the run
// executor, one tick at a time, with all their state in the metadata store. Nothing is held only in
// memory, so a restarted server (even one killed with SIGKILL) picks up where the last one stopped:
// slots due meanwhile are handled by the catch-up policy, files that landed are events, and runs in
// flight are driven on (their lease is taken over at once, since the old owner's pid is gone).
import type { Sluice } from '../../kernel/services.js';
import { DEFAULT_SCHEDULER, type SchedulerConfig } from '../config.js';
import { advanceRun } from '../executor/advance.js';
import { execEnv, type ExecEnv } from '../executor/env.js';
import { Observer } from '../executor/observe.js';
import { fireBatches } from '../events/batches.js';
import { scanAll } from '../events/watch.js';
import { sweepOrphanRetries } from '../recovery/job-retries.js';
import { activeRunIds } from '../runs/run-repo.js';
import { schedulerTick } from '../scheduler/scheduler.js';
import { beat, leave, setHosting } from './presence.js';

export interface OrchestratorOptions extends Partial<SchedulerConfig> {
  /** The clock for schedules and event batching (tests); runs and leases always use the real one. */
  now?: () => number;
  log?: ExecEnv['log'];
  /**
   * With several servers on one store (src/cluster/server-role.ts): whether this one holds the
   * scheduler lease. Only the leader fires schedules, watches for events and sweeps retries; every
   * server drives workflow runs (each run has a lease of its own).
   */
  leader?: () => boolean;
}

export interface Orchestrator {
  /** One pass of everything (tests call it directly; the loop calls it every tickMs). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOrchestrator(sluice: Sluice, options: OrchestratorOptions & { loop?: boolean } = {}): Promise<Orchestrator> {
  const config = { ...DEFAULT_SCHEDULER, ...sluice.services.config.scheduler, ...definedOnly(options) };
  const now = options.now ?? Date.now;
  const env = execEnv(sluice.services, { log: options.log });
  const { db } = sluice.services.store;
  setHosting(true);
  await beat(db);
  let lastPoll = -Infinity;
  let lastSweep = -Infinity;
  const guarded = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      env.log('error', `${what} failed; it is tried again on the next tick`, { error: (e as Error).message });
    }
  };
  const tick = async () => {
    const t = now();
    await guarded('heartbeat', () => beat(db));
    const leads = options.leader?.() ?? true;
    if (leads) await guarded('scheduler', () => schedulerTick(env, t, { catchUp: config.catchUp, graceMs: config.graceMs }));
    if (leads && t - lastPoll >= config.eventPollMs) {
      lastPoll = t;
      await guarded('event watcher', () => scanAll(env, t, config.settleMs));
    }
    if (leads) await guarded('event batches', () => fireBatches(env, t));
    for (const id of await activeRunIds(db)) await guarded(`run ${id}`, () => advanceRun(env, id));
    if (leads && Date.now() - lastSweep >= config.retrySweepMs) {
      lastSweep = Date.now();
      await guarded('retry sweep', () => sweepOrphanRetries(env, new Observer(env)));
    }
  };
  let running = options.loop !== false;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    if (!running) return;
    current = tick().finally(() => {
      if (running) timer = setTimeout(loop, config.tickMs);
    });
  };
  loop();
  return {
    tick,
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
      await leave(db).catch(() => {});
      setHosting(false);
    },
  };
}

function definedOnly(o: OrchestratorOptions): Partial<SchedulerConfig> {
  const keys: (keyof SchedulerConfig)[] = ['catchUp', 'graceMs', 'tickMs', 'eventPollMs', 'settleMs', 'retrySweepMs'];
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
