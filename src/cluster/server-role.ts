// What a `sluice server` does for the cluster beside serving: it competes for the scheduler lease
// (lease.ts) every heartbeat, and while it holds it runs the scheduler and the event watch (the
// orchestrator asks isLeader()) and reaps dead workers (reaper.ts). A leader that cannot renew stops
// counting itself leader one heartbeat before its lease expires, so two servers never both schedule
// on their own clocks' say-so (and a slot fires once anyway, by its primary key).
import { randomBytes } from 'node:crypto';
import type { Sluice } from '../kernel/services.js';
import { THIS_HOST } from '../runs/liveness.js';
import { DEFAULT_CLUSTER } from './config.js';
import { dropLease, holdLease, SCHEDULER_LEASE } from './lease.js';
import { reapDeadWorkers, type ReapLog } from './reaper.js';

export interface ServerRole {
  readonly holder: string;
  isLeader(): boolean;
  stop(): Promise<void>;
}

export async function startServerRole(sluice: Sluice, log: ReapLog): Promise<ServerRole> {
  const { heartbeatMs, deadAfterMs } = { ...DEFAULT_CLUSTER, ...sluice.services.config.cluster };
  const { db } = sluice.services.store;
  const holder = `${THIS_HOST}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let leaderUntil = 0;
  let epoch: number | undefined;
  const tick = async () => {
    try {
      const started = Date.now();
      const held = await holdLease(db, SCHEDULER_LEASE, holder, deadAfterMs, started);
      if (held !== epoch) log('info', held ? 'scheduler lease taken' : 'scheduler lease lost', { holder, epoch: held ?? epoch });
      epoch = held;
      leaderUntil = held ? started + deadAfterMs - heartbeatMs : 0;
      if (held) await reapDeadWorkers(sluice, deadAfterMs, log);
    } catch (e) {
      log('error', 'cluster heartbeat failed; tried again on the next one', { error: (e as Error).message });
    }
  };
  await tick();
  let running = true;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    timer = setTimeout(() => {
      current = tick().finally(() => running && loop());
    }, heartbeatMs);
  };
  loop();
  return {
    holder,
    isLeader: () => Date.now() < leaderUntil,
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
      if (epoch) await dropLease(db, SCHEDULER_LEASE, holder).catch(() => {});
    },
  };
}
