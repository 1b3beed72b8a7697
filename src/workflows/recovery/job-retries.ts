// Retries owed by runs whose supervisor died. A job run's supervisor starts its retry itself (after a
// back-off) when the run FAILED with attempts left; when the supervisor is gone — the machine went
// down, the process group was killed — the jobs concept records the run FAILED (liveness.ts) but no
// one retries it. Here that retry is started, through StartJobRun with JobRunId, exactly once: the
// claim row in job_retry_claims is the guard against two recoverers (a server and a driver).
import type { Kysely } from 'kysely';
import type { Job, JobRun } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';
import { JOB_RUNS } from '../../runs/kinds.js';
import { loadRow } from '../../runs/ledger.js';
import { processGone } from '../../runs/liveness.js';
import type { ExecEnv } from '../executor/env.js';

/** A claim whose claimer recorded no outcome for this long is taken as abandoned: the retry is given up. */
const CLAIM_TIMEOUT_MS = 60_000;

export interface JobSource {
  job(name: string): Promise<Job | undefined>;
  jobRuns(name: string): Promise<JobRun[]>;
}

async function supervisorAlive(db: Kysely<DB>, runId: string): Promise<boolean> {
  const row = await loadRow(db, JOB_RUNS, runId);
  return !!row?.pid && !processGone(row.host, row.pid);
}

/** Whether a failed run has attempts left and no retry yet: what a read shows as still running. */
export async function retryExpected(source: JobSource, run: JobRun): Promise<'pending' | 'none'> {
  if (run.JobRunState !== 'FAILED') return 'none';
  const job = await source.job(run.JobName!);
  if (!job || (run.Attempt ?? 0) >= (job.MaxRetries ?? 0)) return 'none';
  return 'pending';
}

/**
 * Whether the failed run still gets another attempt: 'pending' while its supervisor will retry it or
 * a retry was just started here; 'none' when the attempts are used up or the retry could not start.
 */
export async function retryOwed(env: ExecEnv, source: JobSource, run: JobRun): Promise<'pending' | 'none'> {
  if (run.JobRunState !== 'FAILED') return 'none';
  const job = await source.job(run.JobName!);
  if (!job || (run.Attempt ?? 0) >= (job.MaxRetries ?? 0)) return 'none';
  const runs = await source.jobRuns(run.JobName!);
  if (runs.some((r) => r.PreviousRunId === run.Id)) return 'pending';
  const { db } = env.services.store;
  if (await supervisorAlive(db, run.Id!)) return 'pending';
  const now = env.now();
  const claimed = await db
    .insertInto('job_retry_claims')
    .values({ run_id: run.Id!, claimed_on: now, outcome: null })
    .onConflict((oc) => oc.column('run_id').doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
    const claim = await db.selectFrom('job_retry_claims').selectAll().where('run_id', '=', run.Id!).executeTakeFirst();
    if (claim?.outcome?.startsWith('started')) return 'pending';
    return claim && claim.outcome === null && now - claim.claimed_on < CLAIM_TIMEOUT_MS ? 'pending' : 'none';
  }
  try {
    const { JobRunId } = await env.call<{ JobRunId: string }>('StartJobRun', { JobName: run.JobName, JobRunId: run.Id });
    await db
      .updateTable('job_retry_claims')
      .set({ outcome: `started ${JobRunId}` })
      .where('run_id', '=', run.Id!)
      .execute();
    env.log('info', 'retried a failed job run whose supervisor had died', { job: run.JobName, failedRun: run.Id, retry: JobRunId });
    return 'pending';
  } catch (e) {
    await db
      .updateTable('job_retry_claims')
      .set({ outcome: `failed: ${(e as Error).message}` })
      .where('run_id', '=', run.Id!)
      .execute();
    env.log('warn', 'could not retry a failed job run', { job: run.JobName, failedRun: run.Id, error: (e as Error).message });
    return 'none';
  }
}

/** How far back the server looks for failed runs owed a retry (runs outside workflows too). */
const SWEEP_WINDOW_MS = 24 * 3600_000;

/** Starts the retries owed by any job's recently failed runs whose supervisor died. */
export async function sweepOrphanRetries(env: ExecEnv, source: JobSource): Promise<void> {
  let token: string | undefined;
  const names: string[] = [];
  do {
    const page = await env.call<{ JobNames: string[]; NextToken?: string }>('ListJobs', { NextToken: token });
    names.push(...page.JobNames);
    token = page.NextToken;
  } while (token);
  const since = env.now() - SWEEP_WINDOW_MS;
  for (const name of names) {
    const job = await source.job(name);
    if (!job?.MaxRetries) continue;
    for (const run of await source.jobRuns(name)) {
      if (run.JobRunState === 'FAILED' && (run.CompletedOn?.getTime() ?? 0) >= since) await retryOwed(env, source, run);
    }
  }
}
