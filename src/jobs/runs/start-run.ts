// Starting a job run: the one path used by StartJobRun, by retries and (later) by triggers. The run
// is written STARTING before its process exists, under a lock on the job row, so two starts racing
// for the last concurrency slot cannot both win.
import { sql } from 'kysely';
import { SluiceError, invalidInput, notFound } from '../../kernel/errors.js';
import type { Job, JobRun, Predecessor } from '../../kernel/glue-types.js';
import type { Services } from '../../kernel/services.js';
import { findJob } from '../definitions/job-repo.js';
import { ACTIVE_STATES, isTerminal } from './run-states.js';
import { finished, insertRun, recordRunPid, requireRun, transitionRun, KIND } from './run-repo.js';
import { newJobRunId, THIS_HOST } from './run-ids.js';
import { reapDeadRuns } from './liveness.js';
import { recoverCommits } from '../../runs/run-commit.js';
import { runnableScript } from '../definitions/job-doc.js';
import { appendRunLog } from '../runner/run-log.js';

export interface StartRequest {
  jobName: string;
  arguments?: Record<string, string>;
  /** Minutes; overrides the job's Timeout. */
  timeout?: number;
  /** A previous run of the job to retry: the new run is its next attempt. */
  retryOf?: string;
  triggerName?: string;
  predecessorRuns?: Predecessor[];
  /** Capacity, workers, security configuration…: the run's own, else the job's. */
  settings?: RunSettings;
}

/** The StartJobRun fields a run takes over from its job unless given. */
export type RunSettings = Pick<
  JobRun,
  | 'AllocatedCapacity'
  | 'MaxCapacity'
  | 'WorkerType'
  | 'NumberOfWorkers'
  | 'SecurityConfiguration'
  | 'NotificationProperty'
  | 'ExecutionClass'
  | 'JobRunQueuingEnabled'
  | 'ExecutionRoleSessionPolicy'
>;

export async function startJobRun(services: Services, request: StartRequest): Promise<JobRun> {
  const { db } = services.store;
  const job = await findJob(db, request.jobName);
  if (!job) throw notFound(`Job with name: ${request.jobName} not found.`);
  await reapDeadRuns(db, job.Name);
  // A decided commit of a run that died is finished before the next run reads what it wrote.
  await recoverCommits(services);
  const previous = request.retryOf ? await requireRun(db, job.Name!, request.retryOf) : undefined;
  if (previous && !isTerminal(previous.JobRunState)) {
    throw invalidInput(`Job run ${previous.Id} is ${previous.JobRunState}; only a run that has ended can be retried.`);
  }
  const run = newRun(job, request, previous);
  // Handed to a worker (src/cluster/): WAITING, Glue's state for a run waiting for capacity, until claimed.
  if (services.launcher.queued) run.JobRunState = 'WAITING';
  // A script kind Sluice cannot execute ends the run FAILED at once, saying why (Glue keeps such jobs).
  const script = runnableScript(job);
  const recorded = 'reason' in script ? finished(run, 'FAILED', script.reason) : run;
  await services.store.transaction(async (trx) => {
    // Writing the job row first takes the write lock (SQLite) or the row lock (PostgreSQL) before counting.
    const bumped = await trx
      .updateTable('jobs')
      .set({ run_seq: sql`run_seq + 1` })
      .where('name', '=', job.Name!)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) === 0) throw notFound(`Job with name: ${job.Name} not found.`);
    const { n } = await trx
      .selectFrom('runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', KIND)
      .where('name', '=', job.Name!)
      .where('state', 'in', ACTIVE_STATES)
      .executeTakeFirstOrThrow();
    const max = job.ExecutionProperty?.MaxConcurrentRuns ?? 1;
    if (Number(n) >= max) {
      throw new SluiceError(
        'ConcurrentRunsExceededException',
        `Concurrent runs exceeded for ${job.Name}: ${n} of at most ${max} (ExecutionProperty.MaxConcurrentRuns) are running.`,
      );
    }
    await insertRun(trx, recorded, THIS_HOST);
  });
  if (recorded !== run) {
    appendRunLog(services.root, run.Id!, { level: 'error', msg: recorded.ErrorMessage! });
    return recorded;
  }
  let pid: number;
  try {
    // The Timeout rides along, so the supervisor can arm it without loading the store first.
    pid = services.launcher.launch('job', run.Id!, [String(run.Timeout)]);
  } catch (e) {
    await transitionRun(db, run.Id!, ['STARTING'], (r) => finished(r, 'FAILED', `The run could not be started: ${(e as Error).message}`));
    throw e;
  }
  // The executor records its supervisor's pid when it claims the run; this one covers the moment before.
  await recordRunPid(db, run.Id!, pid);
  return run;
}

function newRun(job: Job, request: StartRequest, previous: JobRun | undefined): JobRun {
  const now = new Date();
  return {
    Id: newJobRunId(),
    Attempt: previous ? (previous.Attempt ?? 0) + 1 : 0,
    PreviousRunId: previous?.Id,
    TriggerName: request.triggerName ?? previous?.TriggerName,
    JobName: job.Name,
    JobMode: job.JobMode,
    StartedOn: now,
    LastModifiedOn: now,
    JobRunState: 'STARTING',
    // What the run gets (glue-behaviour.md §3.1), without Glue's reserved --JOB_* keys.
    Arguments: previous?.Arguments ?? { ...job.DefaultArguments, ...request.arguments, ...job.NonOverridableArguments },
    PredecessorRuns: request.predecessorRuns ?? previous?.PredecessorRuns ?? [],
    ExecutionTime: 0,
    Timeout: request.timeout ?? job.Timeout,
    GlueVersion: job.GlueVersion,
    AllocatedCapacity: job.AllocatedCapacity,
    MaxCapacity: job.MaxCapacity,
    WorkerType: job.WorkerType,
    NumberOfWorkers: job.NumberOfWorkers,
    SecurityConfiguration: job.SecurityConfiguration,
    NotificationProperty: job.NotificationProperty,
    ExecutionClass: job.ExecutionClass,
    JobRunQueuingEnabled: job.JobRunQueuingEnabled,
    ...definedOnly(previous ? pickSettings(previous) : {}),
    ...definedOnly(request.settings ?? {}),
    LogGroupName: '/aws-glue/jobs',
  };
}

const SETTING_KEYS = [
  'AllocatedCapacity',
  'MaxCapacity',
  'WorkerType',
  'NumberOfWorkers',
  'SecurityConfiguration',
  'NotificationProperty',
  'ExecutionClass',
  'JobRunQueuingEnabled',
  'ExecutionRoleSessionPolicy',
] as const satisfies readonly (keyof RunSettings)[];

/** The run settings of a StartJobRun request or an earlier run. */
export function pickSettings(from: RunSettings): RunSettings {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, from[k]])) as RunSettings;
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
