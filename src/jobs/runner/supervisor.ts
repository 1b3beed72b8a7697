// `sluice _run job <runId>`: the detached supervisor of one run. It forks the executor (the process
// that runs the script), enforces the Timeout, turns a stop signal into STOPPED, records a crash as
// FAILED, and starts the retry. It does no work of its own, so a script that blocks its event loop
// or exhausts its memory still ends with a recorded state.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Sluice } from '../../config/compose.js';
import { findJob } from '../definitions/job-repo.js';
import { finished, findRunRow, runFromRow, transitionRun } from '../runs/run-repo.js';
import { timeoutMessage } from '../runs/liveness.js';
import { retryDelayMs, timeoutMs } from '../runs/timing.js';
import { startJobRun } from '../runs/start-run.js';
import { appendRunLog } from './run-log.js';

const BIN = fileURLToPath(new URL('../../../bin/sluice.js', import.meta.url));

export async function superviseJobRun(sluice: Sluice, runId: string): Promise<void> {
  const { services } = sluice;
  const { db } = services.store;
  const run = await transitionRun(db, runId, ['STARTING'], (r) => ({ ...r, JobRunState: 'RUNNING' }), { pid: process.pid });
  if (!run) return; // stopped (or deleted) before it came up
  const log = (level: string, msg: string, extra: object = {}) => appendRunLog(services.root, runId, { level, msg, ...extra });
  log('info', 'run started', { job: run.JobName, attempt: run.Attempt });

  const child = fork(BIN, ['_run', 'job-exec', runId], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await db.updateTable('job_run_details').set({ executor_pid: child.pid ?? null, updated_on: Date.now() }).where('run_id', '=', runId).execute();

  const timer = setTimeout(async () => {
    const ended = await transitionRun(db, runId, ['RUNNING'], (r) => finished(r, 'TIMEOUT', timeoutMessage(r.Timeout!)));
    if (ended) log('error', 'timed out; killing the executor', { timeoutMinutes: run.Timeout });
    child.kill('SIGKILL');
  }, timeoutMs(run.Timeout!));
  const onStop = () => {
    log('info', 'stop requested; killing the executor');
    child.kill('SIGKILL');
  };
  process.on('SIGTERM', onStop);
  process.on('SIGINT', onStop);

  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', (e) => {
      log('error', 'executor failed to start', { error: e.message });
      resolve({ code: -1, signal: null });
    });
  });
  clearTimeout(timer);
  // Whatever the executor did not record itself is decided here.
  await transitionRun(db, runId, ['STOPPING'], (r) => finished(r, 'STOPPED'));
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  await transitionRun(db, runId, ['RUNNING'], (r) => finished(r, 'FAILED', `The job's process ${how} without recording a result.`));

  const row = await findRunRow(db, runId);
  const final = row && runFromRow(row);
  log('info', 'run ended', { state: final?.JobRunState, error: final?.ErrorMessage });
  if (final?.JobRunState === 'FAILED') await retry(sluice, runId, final.Attempt ?? 0, log);
}

async function retry(sluice: Sluice, runId: string, attempt: number, log: (l: string, m: string, e?: object) => void): Promise<void> {
  const row = await findRunRow(sluice.services.store.db, runId);
  const job = row && (await findJob(sluice.services.store.db, row.name));
  if (!job || attempt >= (job.MaxRetries ?? 0)) return;
  const delay = retryDelayMs(attempt + 1);
  log('info', 'retrying after back-off', { delayMs: delay, nextAttempt: attempt + 1 });
  await new Promise((r) => setTimeout(r, delay));
  try {
    const next = await startJobRun(sluice.services, { jobName: job.Name!, retryOf: runId });
    log('info', 'retry started', { runId: next.Id });
  } catch (e) {
    log('error', 'retry could not start', { error: (e as Error).message });
  }
}
