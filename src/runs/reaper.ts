// The one reaper of runs whose process died without recording an end (killed, machine rebooted, out
// of memory): such a run would stay active for ever and hold its slot (a job's concurrency, a
// crawler's RUNNING). Whoever looks at a kind's runs first reaps them. Which runs are dead is decided
// here, the same for every kind; how a dead run ends is the kind's (`end`), since ending a crawl also
// returns its crawler to READY and ending a job run also frees its retry.
import type { Kysely } from 'kysely';
import type { DB, RunRow } from '../store/schema.js';
import type { RunKind } from './kinds.js';
import { listRows } from './ledger.js';
import { pidAlive, THIS_HOST } from './liveness.js';

/** How long a run may have no process recorded before it counts as never started. */
export const START_GRACE_MS = 60_000;

/** How a dead run ends: STOPPED when a stop had been asked for, otherwise FAILED saying why. */
export interface DeadEnd {
  state: 'STOPPED' | 'FAILED';
  message?: string;
}

/** Ends one dead run (through the ledger's guarded transition, so a run that ended meanwhile is left). */
export type EndDeadRun = (db: Kysely<DB>, row: RunRow, end: DeadEnd) => Promise<unknown>;

/**
 * Whether the run's process is gone, and how the run should end. Only the host that started a
 * process judges it (a run of another host, or of no recorded host, is never declared dead here);
 * a run with no process yet is dead once START_GRACE_MS have passed.
 */
export function deadEnd(k: RunKind, row: RunRow, now = Date.now()): DeadEnd | undefined {
  if (row.host !== THIS_HOST || !k.active.includes(row.state) || k.queued?.includes(row.state)) return undefined;
  if (row.pid === null) {
    if (now - row.started_on <= START_GRACE_MS) return undefined;
    return { state: 'FAILED', message: 'The run was never started: its worker process did not come up.' };
  }
  if (pidAlive(row.pid)) return undefined;
  if (row.state === 'STOPPING') return { state: 'STOPPED' };
  return { state: 'FAILED', message: `The run's process (pid ${row.pid}) ended without recording a result: it was killed or crashed.` };
}

/** Ends every dead run of the kind (only those named name, when given); returns the rows it ended. */
export async function reapDeadRuns(db: Kysely<DB>, k: RunKind, end: EndDeadRun, filter: { name?: string } = {}): Promise<RunRow[]> {
  const reaped: RunRow[] = [];
  for (const row of await listRows(db, k, { name: filter.name, states: k.active })) {
    const verdict = deadEnd(k, row);
    if (!verdict) continue;
    await end(db, row, verdict);
    reaped.push(row);
  }
  return reaped;
}
