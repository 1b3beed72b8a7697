// Shared by the jobs tests: scripts written into a test project, jobs created over them, and
// waiting for a run to reach a state (runs are real detached processes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Sluice } from '../kernel/services.js';
import type { JobRun } from '../kernel/glue-types.js';

/** Short durations for runs started by tests: a Timeout minute lasts minuteMs, retries wait retryMs. */
export function useFastRunTimings(minuteMs = 1500, retryMs = 50): void {
  process.env.SLUICE_JOB_MINUTE_MS = String(minuteMs);
  process.env.SLUICE_JOB_RETRY_DELAY_MS = String(retryMs);
}

export function writeScript(dir: string, rel: string, text: string): string {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return rel;
}

export async function createJob(sluice: Sluice, name: string, script: string, extra: Record<string, unknown> = {}): Promise<void> {
  await sluice.call('CreateJob', { Name: name, Role: 'sluice', Command: { Name: 'glueetl', ScriptLocation: script }, ...extra });
}

const TERMINAL = ['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED', 'ERROR', 'EXPIRED'];

/** Polls GetJobRun until the run is in one of states (default: any terminal state). */
export async function waitForRun(sluice: Sluice, jobName: string, runId: string, states = TERMINAL, timeoutMs = 45_000): Promise<JobRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { JobRun } = await sluice.call('GetJobRun', { JobName: jobName, RunId: runId });
    if (states.includes(JobRun.JobRunState)) return JobRun;
    if (Date.now() > deadline) throw new Error(`run ${runId} of ${jobName} is still ${JobRun.JobRunState} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the run's supervisor process has exited (it logs and retries after recording the end). */
export async function waitForRunProcess(sluice: Sluice, runId: string, timeoutMs = 30_000): Promise<void> {
  const { pidAlive } = await import('./runs/run-ids.js');
  const row = await sluice.services.store.db.selectFrom('runs').select('pid').where('id', '=', runId).executeTakeFirst();
  const deadline = Date.now() + timeoutMs;
  while (row?.pid && row.pid !== process.pid && pidAlive(row.pid)) {
    if (Date.now() > deadline) throw new Error(`the process of run ${runId} is still alive after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a run and waits for it to end. */
export async function runJob(sluice: Sluice, jobName: string, args?: Record<string, string>): Promise<JobRun> {
  const { JobRunId } = await sluice.call('StartJobRun', { JobName: jobName, Arguments: args });
  return waitForRun(sluice, jobName, JobRunId);
}

/**
 * Runs a job in this process (the executor's code, without the supervisor's child processes): the
 * fast path for tests of what scripts do. The run is recorded exactly as a launched one.
 */
export async function runInProcess(sluice: Sluice, jobName: string, args?: Record<string, string>): Promise<JobRun> {
  const { startJobRun } = await import('./runs/start-run.js');
  const { transitionRun } = await import('./runs/run-repo.js');
  const { runJobInProcess } = await import('./runner/run-job.js');
  const services = { ...sluice.services, launcher: { launch: () => process.pid } };
  const run = await startJobRun(services, { jobName, arguments: args });
  await transitionRun(services.store.db, run.Id!, ['STARTING'], (r) => ({ ...r, JobRunState: 'RUNNING' }), { pid: process.pid });
  await runJobInProcess(services, run.Id!);
  return (await sluice.call('GetJobRun', { JobName: jobName, RunId: run.Id })).JobRun;
}
