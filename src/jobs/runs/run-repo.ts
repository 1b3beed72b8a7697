// Job runs in the generic `runs` table (kind 'job', name = job name, doc = the Glue JobRun) and their
// Sluice-only details in job_run_details. State changes are compare-and-set on (state, updated_on),
// so a stop, a timeout and the run's own commit can race without one overwriting another.
import type { Kysely } from 'kysely';
import { notFound } from '../../kernel/errors.js';
import { reviveDates } from '../../kernel/shape-codec.js';
import type { JobRun, JobRunState } from '../../kernel/glue-types.js';
import type { DB, RunRow } from '../../store/schema.js';

export const KIND = 'job';

export const runFromRow = (row: Pick<RunRow, 'doc'>): JobRun => reviveDates<JobRun>('JobRun', JSON.parse(row.doc));

export async function findRunRow(db: Kysely<DB>, runId: string): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('id', '=', runId).where('kind', '=', KIND).executeTakeFirst();
}

/** The run of this job, or EntityNotFoundException. */
export async function requireRun(db: Kysely<DB>, jobName: string, runId: string): Promise<JobRun> {
  const row = await findRunRow(db, runId);
  if (!row || row.name !== jobName) throw notFound(`Job Run Id ${runId} not found for job ${jobName}`);
  return runFromRow(row);
}

export async function listRunRows(db: Kysely<DB>, jobName: string, states?: string[]): Promise<RunRow[]> {
  let q = db.selectFrom('runs').selectAll().where('kind', '=', KIND).where('name', '=', jobName);
  if (states) q = q.where('state', 'in', states);
  return q.orderBy('started_on', 'desc').orderBy('id').execute();
}

export async function insertRun(db: Kysely<DB>, run: JobRun, host: string): Promise<void> {
  const now = run.StartedOn!.getTime();
  await db
    .insertInto('runs')
    .values({
      id: run.Id!,
      kind: KIND,
      name: run.JobName!,
      state: run.JobRunState!,
      doc: JSON.stringify(run),
      pid: null,
      started_on: now,
      updated_on: now,
    })
    .execute();
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
      updated_on: now,
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
  for (;;) {
    const row = await findRunRow(db, runId);
    if (!row || !from.includes(row.state as JobRunState)) return undefined;
    const next = change(runFromRow(row));
    next.LastModifiedOn ??= new Date();
    const updated = Math.max(Date.now(), row.updated_on + 1);
    const r = await db
      .updateTable('runs')
      .set({ state: next.JobRunState!, doc: JSON.stringify(next), updated_on: updated, ...extra })
      .where('id', '=', runId)
      .where('state', '=', row.state)
      .where('updated_on', '=', row.updated_on)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) return next;
  }
}

export async function deleteRunsOf(db: Kysely<DB>, jobName: string): Promise<void> {
  await db.deleteFrom('runs').where('kind', '=', KIND).where('name', '=', jobName).execute();
  await db.deleteFrom('job_run_details').where('job_name', '=', jobName).execute();
}
