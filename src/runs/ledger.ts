// The run ledger: the only code that writes the `runs` table. A run is inserted before its process
// exists, and every later change is a guarded transition: compare-and-set on the state it leaves and
// on its version (updated_on, strictly increasing), so a stop, a timeout, a reaper and the run's own
// commit can race without one overwriting another. Terminal states never change (callers never pass
// a terminal state in `from`). Works inside a transaction too (pass the Transaction as db).
import type { Kysely } from 'kysely';
import { reviveDates } from '../kernel/shape-codec.js';
import type { DB, RunRow } from '../store/schema.js';
import type { RunKind } from './kinds.js';
import { claimHeld, claimStillHeld, fenceTokenFor } from './fence.js';
import { THIS_HOST } from './liveness.js';

/** One kind, or several that share a document shape and states (workflow runs and trigger chains). */
export type Kinds = RunKind | readonly RunKind[];
const list = (k: Kinds): readonly RunKind[] => (Array.isArray(k) ? k : [k as RunKind]);
const names = (k: Kinds) => list(k).map((x) => x.kind);

/** The run's document as Glue shapes it, revived (dates are Dates). */
export const docOf = <D>(k: Kinds, row: Pick<RunRow, 'doc'>): D => reviveDates<D>(list(k)[0].shape, JSON.parse(row.doc));

export async function insertRun(
  db: Kysely<DB>,
  k: RunKind,
  run: { id: string; name: string; state: string; doc: unknown; startedOn: Date; pid?: number | null; host?: string },
): Promise<void> {
  const at = run.startedOn.getTime();
  await db
    .insertInto('runs')
    .values({
      id: run.id,
      kind: k.kind,
      name: run.name,
      state: run.state,
      doc: JSON.stringify(run.doc),
      pid: run.pid ?? null,
      host: run.host ?? THIS_HOST,
      started_on: at,
      updated_on: at,
    })
    .execute();
  await noteState(db, run.id, run.state, at);
}

/**
 * Every state a run enters is noted in run_states as it happens, so a run's timeline (the dashboard's,
 * GetRun's) shows a RUNNING that lasted less than the monitor's pass; the monitor's own pass stays for
 * runs written before run_states existed.
 */
async function noteState(db: Kysely<DB>, runId: string, state: string, at: number): Promise<void> {
  await db
    .insertInto('run_states')
    .values({ run_id: runId, state, at })
    .onConflict((oc) => oc.columns(['run_id', 'state']).doNothing())
    .execute();
}

export async function loadRow(db: Kysely<DB>, k: Kinds, id: string): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('id', '=', id).where('kind', 'in', names(k)).executeTakeFirst();
}

/** Runs of the kind, newest first; only those named name, only in states, when given. */
export async function listRows(
  db: Kysely<DB>,
  k: Kinds,
  filter: { name?: string; states?: readonly string[]; oldestFirst?: boolean } = {},
): Promise<RunRow[]> {
  let q = db.selectFrom('runs').selectAll().where('kind', 'in', names(k));
  if (filter.name !== undefined) q = q.where('name', '=', filter.name);
  if (filter.states) q = q.where('state', 'in', [...filter.states]);
  return q
    .orderBy('started_on', filter.oldestFirst ? 'asc' : 'desc')
    .orderBy('id')
    .execute();
}

export interface Change<D> {
  state: string;
  doc: D;
  /** Records the process now looking after the run (on this host). */
  pid?: number | null;
}

/**
 * Moves the run to what change() returns if it is in one of the from states; returns the change, or
 * undefined when the run is missing or in another state (someone else moved it first). A lost race
 * on the version with a run still in a from state is retried with the new row.
 */
export async function transition<D>(
  db: Kysely<DB>,
  k: Kinds,
  id: string,
  from: readonly string[],
  change: (doc: D, row: RunRow) => Change<D>,
): Promise<Change<D> | undefined> {
  for (;;) {
    const row = await loadRow(db, k, id);
    if (!row || !from.includes(row.state)) return undefined;
    const next = change(docOf<D>(k, row), row);
    const updatedOn = Math.max(Date.now(), row.updated_on + 1);
    // A run executed under a worker's claim changes only while the claim is still its (fence.ts).
    const token = fenceTokenFor(id);
    let update = db.updateTable('runs');
    if (token !== undefined) update = update.where(claimHeld(id, token));
    const r = await update
      .set({
        state: next.state,
        doc: JSON.stringify(next.doc),
        updated_on: updatedOn,
        ...(next.pid !== undefined ? { pid: next.pid, host: THIS_HOST } : {}),
      })
      .where('id', '=', id)
      .where('kind', '=', row.kind)
      .where('state', '=', row.state)
      .where('updated_on', '=', row.updated_on)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) {
      if (next.state !== row.state) await noteState(db, id, next.state, updatedOn);
      return next;
    }
    // The claim taken away is not a lost race: the run is no longer this process's to change.
    if (token !== undefined && !(await claimStillHeld(db, id, token))) return undefined;
  }
}

/** Records the run's process when none is recorded yet (a launcher racing the worker's own claim). */
export async function recordPid(db: Kysely<DB>, k: RunKind, id: string, pid: number): Promise<void> {
  // A queued run (src/cluster/) has no process yet: its worker records one when it claims the run.
  if (pid <= 0) return;
  await db
    .updateTable('runs')
    .set({ pid, host: THIS_HOST })
    .where('id', '=', id)
    .where('kind', '=', k.kind)
    .where('pid', 'is', null)
    .execute();
}

export async function deleteRunsOf(db: Kysely<DB>, k: RunKind, name: string): Promise<string[]> {
  const ids = (await db.selectFrom('runs').select('id').where('kind', '=', k.kind).where('name', '=', name).execute()).map((r) => r.id);
  await db.deleteFrom('runs').where('kind', '=', k.kind).where('name', '=', name).execute();
  return ids;
}
