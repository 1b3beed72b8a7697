// The cluster_workers table: one row per `sluice worker` process, beaten while it lives. A worker
// declared dead (reaper.ts) never becomes alive again under its id: if its process was only cut off,
// it finds its row dead at its next beat, drops its runs and registers anew (worker.ts).
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClusterWorkerRow, DB } from '../store/schema.js';

export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  capacity: number;
  labels: string[];
  state: string;
  running: number;
  completed: number;
  startedOn: string;
  lastHeartbeat: string;
}

export const newWorkerId = (host: string) => `w-${host}-${process.pid}-${randomBytes(3).toString('hex')}`;

export async function registerWorker(
  db: Kysely<DB>,
  w: { id: string; host: string; pid: number; capacity: number; labels: string[] },
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto('cluster_workers')
    .values({ ...w, labels: JSON.stringify(w.labels), state: 'alive', running: 0, completed: 0, started_on: now, beat_on: now })
    .execute();
}

/** Beats the worker's row; false when it was declared dead meanwhile (it must drop its runs). */
export async function beatWorker(db: Kysely<DB>, id: string, load: { running: number; completed: number }, now = Date.now()) {
  const r = await db
    .updateTable('cluster_workers')
    .set({ beat_on: now, running: load.running, completed: load.completed })
    .where('id', '=', id)
    .where('state', '=', 'alive')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function leaveWorker(db: Kysely<DB>, id: string, load: { running: number; completed: number }): Promise<void> {
  await db
    .updateTable('cluster_workers')
    .set({ state: 'left', ...load })
    .where('id', '=', id)
    .where('state', '=', 'alive')
    .execute();
}

export const workerInfo = (r: ClusterWorkerRow): WorkerInfo => ({
  id: r.id,
  host: r.host,
  pid: r.pid,
  capacity: r.capacity,
  labels: JSON.parse(r.labels) as string[],
  state: r.state,
  running: r.running,
  completed: r.completed,
  startedOn: new Date(Number(r.started_on)).toISOString(),
  lastHeartbeat: new Date(Number(r.beat_on)).toISOString(),
});

/** Every worker that is alive, and those that ended in the last hour (newest first). */
export async function listWorkers(db: Kysely<DB>, now = Date.now()): Promise<WorkerInfo[]> {
  const rows = await db
    .selectFrom('cluster_workers')
    .selectAll()
    .where((eb) => eb.or([eb('state', '=', 'alive'), eb('beat_on', '>', now - 3_600_000)]))
    .orderBy('started_on', 'desc')
    .execute();
  return rows.map(workerInfo);
}
