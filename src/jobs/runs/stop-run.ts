// Stopping a run: it is marked STOPPING, then its process group is told to end. The supervisor kills
// the work and records STOPPED; if the supervisor is already gone, the run is recorded STOPPED here.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';
import { finished, findRunRow, transitionRun } from './run-repo.js';
import { pidAlive, signalGroup } from './run-ids.js';
import { ACTIVE_STATES } from './run-states.js';

export type StopOutcome = 'stopping' | 'stopped' | 'not-running' | 'not-found';

export async function stopJobRun(db: Kysely<DB>, jobName: string, runId: string): Promise<StopOutcome> {
  const row = await findRunRow(db, runId);
  if (!row || row.name !== jobName) return 'not-found';
  const stopping = await transitionRun(db, runId, ACTIVE_STATES, (r) => ({
    ...r,
    JobRunState: 'STOPPING',
  }));
  if (!stopping) return 'not-running';
  const pid = (await findRunRow(db, runId))?.pid;
  if (pid && pidAlive(pid) && signalGroup(pid, 'SIGTERM')) return 'stopping';
  await transitionRun(db, runId, ['STOPPING'], (r) => finished(r, 'STOPPED'));
  return 'stopped';
}
