// A worker that stops beating is declared dead, and what it held is settled by Glue's rules: first
// its claims' tokens are revoked (so nothing it still runs can commit, fence.ts), then each job run
// it had ends FAILED (STOPPED if a stop was asked for) and gets its retry when MaxRetries allows:
// exactly once, the job_retry_claims row being the guard against the run's own supervisor or a
// second reaper. Any server holding the scheduler lease and every worker run this; the compare-and-set
// on the worker's row means one of them does each worker.
import type { Sluice } from '../kernel/services.js';
import type { JobRun } from '../kernel/glue-types.js';
import { JOB_RUNS } from '../runs/kinds.js';
import * as ledger from '../runs/ledger.js';

export interface ReapLog {
  (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>): void;
}

export async function reapDeadWorkers(sluice: Sluice, deadAfterMs: number, log: ReapLog, now = Date.now()): Promise<string[]> {
  const { db } = sluice.services.store;
  const silent = await db
    .selectFrom('cluster_workers')
    .select(['id', 'host', 'beat_on'])
    .where('state', '=', 'alive')
    .where('beat_on', '<', now - deadAfterMs)
    .execute();
  const reaped: string[] = [];
  for (const w of silent) {
    const claimIds = await sluice.services.store.transaction(async (trx) => {
      const r = await trx
        .updateTable('cluster_workers')
        .set({ state: 'dead' })
        .where('id', '=', w.id)
        .where('state', '=', 'alive')
        .where('beat_on', '=', w.beat_on)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return undefined; // it beat again, or another reaper took it
      const held = await trx
        .selectFrom('run_claims')
        .select(['run_id', 'kind'])
        .where('worker_id', '=', w.id)
        .where('released_on', 'is', null)
        .execute();
      await trx
        .updateTable('run_claims')
        .set({ token: 'revoked', released_on: now })
        .where('worker_id', '=', w.id)
        .where('released_on', 'is', null)
        .execute();
      return held;
    });
    if (!claimIds) continue;
    reaped.push(w.id);
    log('warn', 'worker declared dead: no heartbeat', {
      worker: w.id,
      host: w.host,
      silentMs: now - Number(w.beat_on),
      runs: claimIds.length,
    });
    for (const c of claimIds) {
      if (c.kind !== JOB_RUNS.kind) continue; // crawls and quality runs: their kind's reaper ends them (README)
      await settleJobRun(sluice, c.run_id, w, log).catch((e: Error) =>
        log('error', 'a run of a dead worker could not be settled; the retry sweep tries again', { runId: c.run_id, error: e.message }),
      );
    }
  }
  return reaped;
}

async function settleJobRun(sluice: Sluice, runId: string, w: { id: string; host: string }, log: ReapLog): Promise<void> {
  const { db } = sluice.services.store;
  const end = (state: 'FAILED' | 'STOPPED', message?: string) => (r: JobRun) => {
    const completed = new Date();
    const doc: JobRun = {
      ...r,
      JobRunState: state,
      CompletedOn: completed,
      LastModifiedOn: completed,
      ExecutionTime: Math.max(0, Math.round((completed.getTime() - new Date(r.StartedOn!).getTime()) / 1000)),
      ...(message ? { ErrorMessage: message } : {}),
    };
    return { state, doc };
  };
  await ledger.transition<JobRun>(db, JOB_RUNS, runId, ['STOPPING'], end('STOPPED'));
  await ledger.transition<JobRun>(
    db,
    JOB_RUNS,
    runId,
    ['WAITING', 'STARTING', 'RUNNING'],
    end('FAILED', `The worker running this job run (${w.id} on ${w.host}) stopped beating: it died or was cut off.`),
  );
  const row = await ledger.loadRow(db, JOB_RUNS, runId);
  if (!row || row.state !== 'FAILED') return;
  const run = ledger.docOf<JobRun>(JOB_RUNS, row);
  const { Job } = await sluice
    .call<{ Job?: { MaxRetries?: number } }>('GetJob', { JobName: run.JobName })
    .catch(() => ({ Job: undefined }));
  if (!Job || (run.Attempt ?? 0) >= (Job.MaxRetries ?? 0)) return;
  const claimed = await db
    .insertInto('job_retry_claims')
    .values({ run_id: runId, claimed_on: Date.now(), outcome: null })
    .onConflict((oc) => oc.column('run_id').doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return; // its supervisor or another reaper retries it
  const { JobRunId } = await sluice.call<{ JobRunId: string }>('StartJobRun', { JobName: run.JobName, JobRunId: runId });
  await db
    .updateTable('job_retry_claims')
    .set({ outcome: `started ${JobRunId}` })
    .where('run_id', '=', runId)
    .execute();
  log('info', 'retry started for a run of a dead worker', { runId, retry: JobRunId, attempt: (run.Attempt ?? 0) + 1 });
}
