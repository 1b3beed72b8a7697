// Job runs in the run ledger (runs/ledger.ts: kind 'job', name = job name, doc = the Glue JobRun)
// and their Sluice-only details in job_run_details. State changes are the ledger's guarded
// transitions, so a stop, a timeout and the run's own commit can race without one overwriting another.
import type { Kysely } from 'kysely';
import { notFound } from '../../kernel/errors.js';
import type { JobRun, JobRunState } from '../../kernel/glue-types.js';
import type { DB, RunRow } from '../../store/schema.js';
import { JOB_RUNS } from '../../runs/kinds.js';
import * as ledger from '../../runs/ledger.js';

export const KIND = JOB_RUNS.kind;

export const runFromRow = (row: Pick<RunRow, 'doc'>): JobRun => ledger.docOf<JobRun>(JOB_RUNS, row);

export function findRunRow(db: Kysely<DB>, runId: string): Promise<RunRow | undefined> {
  return ledger.loadRow(db, JOB_RUNS, runId);
}

/** The run of this job, or EntityNotFoundException. */
export async function requireRun(db: Kysely<DB>, jobName: string, runId: string): Promise<JobRun> {
  const row = await findRunRow(db, runId);
  if (!row || row.name !== jobName) throw notFound(`Job Run Id ${runId} not found for job ${jobName}`);
  return runFromRow(row);
}

export function listRunRows(db: Kysely<DB>, jobName: string, states?: readonly string[]): Promise<RunRow[]> {
  return ledger.listRows(db, JOB_RUNS, { name: jobName, states });
}

export async function insertRun(db: Kysely<DB>, run: JobRun, host: string): Promise<void> {
  await ledger.insertRun(db, JOB_RUNS, {
    id: run.Id!,
    name: run.JobName!,
    state: run.JobRunState!,
    doc: run,
    startedOn: run.StartedOn!,
    host,
  });
  await db
    .insertInto('job_run_details')
    .values({
      run_id: run.Id!,
      job_name: run.JobName!,
      host,
      executor_pid: null,
      progress: '{}',
      metrics: null,
      lineage: null,
      updated_on: run.StartedOn!.getTime(),
    })
    .execute();
}

/** The fields every move into a terminal state sets. */
export function finished(run: JobRun, state: JobRunState, errorMessage?: string): JobRun {
  const completed = new Date();
  return {
    ...run,
    JobRunState: state,
    CompletedOn: completed,
    LastModifiedOn: completed,
    ExecutionTime: Math.max(0, Math.round((completed.getTime() - run.StartedOn!.getTime()) / 1000)),
    ...(errorMessage !== undefined ? { ErrorMessage: errorMessage } : {}),
  };
}

/**
 * Moves the run to what change() returns if it is in one of the from states; returns the new run,
 * or undefined when the run is missing or in another state (someone else moved it first).
 */
export async function transitionRun(
  db: Kysely<DB>,
  runId: string,
  from: JobRunState[],
  change: (run: JobRun) => JobRun,
  extra: { pid?: number | null } = {},
): Promise<JobRun | undefined> {
  const moved = await ledger.transition<JobRun>(db, JOB_RUNS, runId, from, (run) => {
    const next = change(run);
    next.LastModifiedOn ??= new Date();
    return { state: next.JobRunState!, doc: next, pid: extra.pid };
  });
  return moved?.doc;
}

/** Records the run's process when its executor has not claimed it yet. */
export function recordRunPid(db: Kysely<DB>, runId: string, pid: number): Promise<void> {
  return ledger.recordPid(db, JOB_RUNS, runId, pid);
}

export async function deleteRunsOf(db: Kysely<DB>, jobName: string): Promise<void> {
  await ledger.deleteRunsOf(db, JOB_RUNS, jobName);
  await db.deleteFrom('job_run_details').where('job_name', '=', jobName).execute();
}
