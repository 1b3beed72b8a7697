// `sluice _run job-watch <runId> <executorPid> [timeoutMinutes]`: the supervisor of one run, forked
// by its executor (executor.ts) as the executor's first act. It enforces the Timeout, turns a stop
// signal into STOPPED, records an executor that died as FAILED, and starts the retry. It does no work
// of its own, so a script that blocks its event loop or exhausts its memory still ends with a
// recorded state. It loads the store only once it has something to record (at the timeout, or when
// the executor has gone), so it takes no CPU from the executor's start-up.
// It is the run's process (runs.pid, leading its own process group): a stop signal (SIGTERM) makes
// it kill the executor and record STOPPED; the executor kills itself when the supervisor is gone.
import type { Services } from '../../kernel/services.js';
import type { OpenServices } from '../../config/compose.js';
import { appendRunLog } from './run-log.js';

export async function superviseJobRun(runId: string, executorPid: number, timeoutMinutes: number | undefined): Promise<void> {
  // The executor closes the IPC channel once it has recorded its result, or the channel closes
  // because the executor died: either way it is the moment to judge.
  const gone = new Promise<void>((resolve) => {
    process.once('disconnect', () => resolve());
    if (!process.connected) resolve();
  });
  const kill = () => {
    try {
      process.kill(executorPid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.on('SIGTERM', kill);
  process.on('SIGINT', kill);

  let opened: Promise<OpenServices> | undefined;
  const open = async () => {
    const [{ openServices }, { launchedProject }] = await Promise.all([
      import('../../config/compose.js'),
      import('../../runs/launcher.js'),
    ]);
    return openServices({ project: launchedProject() });
  };
  const services = async () => (await (opened ??= open())).services;
  try {
    const timer = setTimeout(() => void timeOut(runId, services, kill), await timeoutOf(runId, timeoutMinutes, services));
    await gone;
    clearTimeout(timer);
    const s = await services();
    const log = (level: string, msg: string, extra: object = {}) => appendRunLog(s.root, runId, { level, msg, ...extra });
    const { finished, findRunRow, runFromRow, transitionRun } = await import('../runs/run-repo.js');
    const { db } = s.store;
    // A commit the executor decided but did not finish is finished here (runs/run-commit.ts).
    const { recoverCommits } = await import('../../runs/run-commit.js');
    if (await recoverCommits(s, { runId, deadPid: executorPid })) log('info', 'completed the commit the executor had decided');
    // Whatever the executor did not record itself is decided here.
    if (await transitionRun(db, runId, ['STOPPING'], (r) => finished(r, 'STOPPED'))) log('info', 'stopped; the executor was killed');
    // With this process as the run's (an executor that died before claiming the run left its own
    // pid there): whoever sees it alive leaves the retry to it.
    const failed = "The job's process ended without recording a result: it was killed or crashed.";
    await transitionRun(db, runId, ['STARTING', 'RUNNING'], (r) => finished(r, 'FAILED', failed), { pid: process.pid });

    const row = await findRunRow(db, runId);
    const final = row && runFromRow(row);
    log('info', 'run ended', { state: final?.JobRunState, error: final?.ErrorMessage });
    if (final?.JobRunState === 'FAILED') await retry(s, runId, final.Attempt ?? 0, log);
  } finally {
    await opened?.then(
      (o) => o.close(),
      () => {},
    );
  }
}

/** The Timeout in ms: given by the launcher (start-run.ts), or read from the run when it was not. */
async function timeoutOf(runId: string, minutes: number | undefined, services: () => Promise<Services>): Promise<number> {
  const { timeoutMs } = await import('../runs/timing.js');
  if (minutes !== undefined && Number.isFinite(minutes) && minutes > 0) return timeoutMs(minutes);
  const { findRunRow, runFromRow } = await import('../runs/run-repo.js');
  const row = await findRunRow((await services()).store.db, runId);
  return timeoutMs((row && runFromRow(row).Timeout) || 2880);
}

async function timeOut(runId: string, services: () => Promise<Services>, kill: () => void): Promise<void> {
  try {
    const s = await services();
    const { finished, transitionRun } = await import('../runs/run-repo.js');
    const { timeoutMessage } = await import('../runs/liveness.js');
    const ended = await transitionRun(s.store.db, runId, ['STARTING', 'RUNNING'], (r) =>
      finished(r, 'TIMEOUT', timeoutMessage(r.Timeout!)),
    );
    if (ended) appendRunLog(s.root, runId, { level: 'error', msg: 'timed out; killing the executor', timeoutMinutes: ended.Timeout });
  } finally {
    kill();
  }
}

async function retry(services: Services, runId: string, attempt: number, log: (l: string, m: string, e?: object) => void): Promise<void> {
  const { findRunRow } = await import('../runs/run-repo.js');
  const { findJob } = await import('../definitions/job-repo.js');
  const row = await findRunRow(services.store.db, runId);
  const job = row && (await findJob(services.store.db, row.name));
  if (!job || attempt >= (job.MaxRetries ?? 0)) return;
  const { retryDelayMs } = await import('../runs/timing.js');
  const delay = retryDelayMs(attempt + 1);
  log('info', 'retrying after back-off', { delayMs: delay, nextAttempt: attempt + 1 });
  await new Promise((r) => setTimeout(r, delay));
  // One retry per run, whoever starts it: this supervisor, or a reaper that took the run for lost
  // (workflows' retry sweep, src/cluster/reaper.ts) while this one was cut off.
  const { db } = services.store;
  const claimed = await db
    .insertInto('job_retry_claims')
    .values({ run_id: runId, claimed_on: Date.now(), outcome: null })
    .onConflict((oc) => oc.column('run_id').doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return log('info', 'retry left to the one who claimed it first');
  try {
    const { startJobRun } = await import('../runs/start-run.js');
    const next = await startJobRun(services, { jobName: job.Name!, retryOf: runId });
    await db
      .updateTable('job_retry_claims')
      .set({ outcome: `started ${next.Id}` })
      .where('run_id', '=', runId)
      .execute();
    log('info', 'retry started', { runId: next.Id });
  } catch (e) {
    log('error', 'retry could not start', { error: (e as Error).message });
  }
}
