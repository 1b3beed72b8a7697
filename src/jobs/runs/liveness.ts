// Job runs whose process died are ended by the runs' one reaper (runs/reaper.ts): FAILED, or STOPPED
// when a stop was asked for. What is the jobs' own: a run alive past its timeout (its supervisor
// should have ended it but does not respond) is ended TIMEOUT from here and its process group killed.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';
import { JOB_RUNS } from '../../runs/kinds.js';
import { reapDeadRuns as reapDead, type EndDeadRun } from '../../runs/reaper.js';
import { THIS_HOST } from '../../runs/liveness.js';
import { listRows } from '../../runs/ledger.js';
import { finished, runFromRow, transitionRun } from './run-repo.js';
import { signalGroup } from './run-ids.js';
import { timeoutMs } from './timing.js';

/** How far past its timeout a run may be before anyone other than its supervisor ends it. */
const TIMEOUT_GRACE_MS = 5_000;

const endDead: EndDeadRun = (db, row, end) =>
  transitionRun(db, row.id, row.state === 'STOPPING' ? ['STOPPING'] : ['STARTING', 'RUNNING'], (r) => finished(r, end.state, end.message));

export async function reapDeadRuns(db: Kysely<DB>, jobName?: string): Promise<void> {
  await reapDead(db, JOB_RUNS, endDead, { name: jobName });
  const now = Date.now();
  for (const row of await listRows(db, JOB_RUNS, { name: jobName, states: ['RUNNING'] })) {
    if (row.host !== THIS_HOST || row.pid === null) continue;
    const run = runFromRow(row);
    if (now - row.started_on > timeoutMs(run.Timeout!) + TIMEOUT_GRACE_MS) {
      const ended = await transitionRun(db, row.id, ['RUNNING'], (r) => finished(r, 'TIMEOUT', timeoutMessage(r.Timeout!)));
      if (ended) signalGroup(row.pid, 'SIGKILL');
    }
  }
}

export const timeoutMessage = (minutes: number) =>
  `Job run timed out after ${minutes} minute${minutes === 1 ? '' : 's'} (the job's Timeout).`;
