// Runs whose process died without recording an end (killed, machine rebooted, out of memory) would
// hold their concurrency slot for ever. Whoever looks at a job's runs first reaps them: a run whose
// supervisor process is gone ends FAILED (or STOPPED, when a stop was asked for) with the reason.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';
import { ACTIVE_STATES } from './run-states.js';
import { finished, KIND, runFromRow, transitionRun } from './run-repo.js';
import { pidAlive, signalGroup, THIS_HOST } from './run-ids.js';
import { timeoutMs } from './timing.js';

/** How long a run may stay STARTING without a process before it counts as never started. */
const START_GRACE_MS = 60_000;
/** How far past its timeout a run may be before anyone other than its supervisor ends it. */
const TIMEOUT_GRACE_MS = 5_000;

export async function reapDeadRuns(db: Kysely<DB>, jobName?: string): Promise<void> {
  let q = db
    .selectFrom('runs')
    .innerJoin('job_run_details', 'job_run_details.run_id', 'runs.id')
    .select(['runs.id', 'runs.state', 'runs.pid', 'runs.doc', 'runs.started_on', 'job_run_details.host'])
    .where('runs.kind', '=', KIND)
    .where('runs.state', 'in', ACTIVE_STATES);
  if (jobName) q = q.where('runs.name', '=', jobName);
  const now = Date.now();
  for (const row of await q.execute()) {
    if (row.host !== THIS_HOST || row.state === 'WAITING') continue;
    const run = runFromRow(row);
    if (row.pid === null) {
      if (now - row.started_on > START_GRACE_MS) {
        await transitionRun(db, row.id, ['STARTING'], (r) =>
          finished(r, 'FAILED', 'The run was never started: its worker process did not come up.'),
        );
      }
    } else if (!pidAlive(row.pid)) {
      await transitionRun(db, row.id, ['STOPPING'], (r) => finished(r, 'STOPPED'));
      await transitionRun(db, row.id, ['STARTING', 'RUNNING'], (r) =>
        finished(r, 'FAILED', `The run's process (pid ${row.pid}) ended without recording a result: it was killed or crashed.`),
      );
    } else if (row.state === 'RUNNING' && now - row.started_on > timeoutMs(run.Timeout!) + TIMEOUT_GRACE_MS) {
      // The supervisor should have ended it; it is alive but not responding, so end it from here.
      const ended = await transitionRun(db, row.id, ['RUNNING'], (r) => finished(r, 'TIMEOUT', timeoutMessage(r.Timeout!)));
      if (ended) signalGroup(row.pid, 'SIGKILL');
    }
  }
}

export const timeoutMessage = (minutes: number) =>
  `Job run timed out after ${minutes} minute${minutes === 1 ? '' : 's'} (the job's Timeout).`;
