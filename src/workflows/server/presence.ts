// Whether a `sluice server` is driving runs: each server beats a row in sluice_servers. Embedded use
// (no server) launches a detached driver per run instead; a server that stops beating is noticed
// and its runs are driven by whoever starts or reads them next.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';
import { THIS_HOST, THIS_OWNER, ownerDead } from '../runs/run-ids.js';

/** A server that has not beaten for this long is taken for dead. */
export const SERVER_STALE_MS = 10_000;

let hosting = false;

/** Marks this process as the one hosting the executor: runs it creates are driven here, not by a driver process. */
export function setHosting(on: boolean): void {
  hosting = on;
}

export const isHosting = () => hosting;

/** Beats are writes: a few seconds apart is plenty against SERVER_STALE_MS, and keeps SQLite's write lock free. */
const BEAT_EVERY_MS = 2_000;
let lastBeat = 0;

export async function beat(db: Kysely<DB>, now = Date.now()): Promise<void> {
  if (now - lastBeat < BEAT_EVERY_MS) return;
  lastBeat = now;
  const r = await db.updateTable('sluice_servers').set({ beat_on: now }).where('owner', '=', THIS_OWNER).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    await db
      .insertInto('sluice_servers')
      .values({ owner: THIS_OWNER, host: THIS_HOST, pid: process.pid, started_on: now, beat_on: now })
      .execute();
  }
}

export async function leave(db: Kysely<DB>): Promise<void> {
  lastBeat = 0;
  await db.deleteFrom('sluice_servers').where('owner', '=', THIS_OWNER).execute();
}

/** True when some server (maybe this process) is alive and driving runs. */
export async function serverAlive(db: Kysely<DB>, now = Date.now()): Promise<boolean> {
  if (hosting) return true;
  const rows = await db
    .selectFrom('sluice_servers')
    .select(['owner', 'beat_on'])
    .where('beat_on', '>', now - SERVER_STALE_MS)
    .execute();
  return rows.some((r) => !ownerDead(r.owner));
}
