// Run timelines. Concepts keep only a run's current state; the monitor notes each state it sees a
// run in (at the run's updated_on), and a run's timeline is its start, those states and its end.
// A state that came and went between two passes is missed, which a timeline can afford.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';

/** Notes the states of runs updated since `cursor`; returns the new cursor. */
export async function recordRunStates(db: Kysely<DB>, cursor: number): Promise<number> {
  const rows = await db
    .selectFrom('runs')
    .select(['id', 'state', 'updated_on'])
    .where('updated_on', '>=', cursor)
    .orderBy('updated_on')
    .limit(1000)
    .execute();
  if (!rows.length) return cursor;
  const values = rows.map((r) => ({ run_id: r.id, state: r.state, at: Number(r.updated_on) }));
  for (let i = 0; i < values.length; i += 200) {
    await db
      .insertInto('run_states')
      .values(values.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['run_id', 'state']).doNothing())
      .execute();
  }
  // Rows updated in the same millisecond as the last one are read again next time (the insert ignores them).
  return Number(rows[rows.length - 1].updated_on);
}

/**
 * For concepts that want exact timelines: call when a run enters a state (after the store has it).
 * Without it the monitor still notes the states it sees every pass; a state shorter than a pass is missed.
 */
export async function recordRunState(db: Kysely<DB>, runId: string, state: string, at = Date.now()): Promise<void> {
  await db
    .insertInto('run_states')
    .values({ run_id: runId, state, at })
    .onConflict((oc) => oc.columns(['run_id', 'state']).doNothing())
    .execute();
}

export interface TimelineEntry {
  state: string;
  at: number;
}

/** STARTING at the run's start, the states the monitor saw, and the final state at its end. */
export async function runTimeline(
  db: Kysely<DB>,
  run: { id: string; state: string; startedOn: number; completedOn?: number; firstState?: string },
): Promise<TimelineEntry[]> {
  const seen = await db.selectFrom('run_states').select(['state', 'at']).where('run_id', '=', run.id).orderBy('at').execute();
  const out: TimelineEntry[] = [{ state: run.firstState ?? 'STARTING', at: run.startedOn }];
  for (const s of seen)
    if (s.state !== out[out.length - 1].state) out.push({ state: s.state, at: Math.max(Number(s.at), out[out.length - 1].at) });
  if (run.completedOn !== undefined && out[out.length - 1].state !== run.state) out.push({ state: run.state, at: run.completedOn });
  return out;
}
