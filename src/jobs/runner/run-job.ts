// Running one job run's script in this process: the executor's work, also called directly by
// tests. It records the run's outcome itself: SUCCEEDED in the commit transaction, or FAILED with
// the script's error. Returns false when the run failed. Only the runner of the job's script kind
// is loaded (a .ts module needs tsx, a .yaml job the YAML parser), and DuckDB starts while the
// script is being found and loaded.
import type { Services } from '../../kernel/services.js';
import { SluiceError } from '../../kernel/errors.js';
import { findJob } from '../definitions/job-repo.js';
import { runnableScript } from '../definitions/job-doc.js';
import { finished, findRunRow, runFromRow, transitionRun } from '../runs/run-repo.js';
import { RunSession } from '../runtime/run-session.js';
import { countRows, writeQuarantine } from '../runtime/finish-run.js';
import { accountFiles, accountSummary, collectMalformed } from '../runtime/input-accounting.js';
import { scriptPath } from '../scripts/script-file.js';
import { appendRunLog } from './run-log.js';

type ScriptRunner = (session: RunSession, path: string) => Promise<void>;

const runners: Record<string, () => Promise<ScriptRunner>> = {
  module: async () => (await import('../scripts/module-script.js')).runModuleScript,
  sql: async () => (await import('../scripts/sql-script.js')).runSqlScript,
  yaml: async () => (await import('../scripts/yaml-script.js')).runYamlScript,
};

export interface RunOptions {
  /**
   * Move the run STARTING → RUNNING first, recording pid as the run's process (the executor passes
   * its supervisor's); otherwise the run must already be RUNNING.
   */
  claim?: { pid: number };
}

export async function runJobInProcess(services: Services, runId: string, options: RunOptions = {}): Promise<boolean> {
  const { db } = services.store;
  const row = await findRunRow(db, runId);
  const run = row && runFromRow(row);
  const job = run && (await findJob(db, run.JobName!));
  const script = job && runnableScript(job);
  const kind = script && 'kind' in script ? script.kind : undefined;
  const runner = kind ? runners[kind] : undefined;
  // User SQL and declarative rules run sandboxed; a script module is the user's own code anyway,
  // and needs to register files after its first query (Map, Filter with a function).
  let session: RunSession | undefined;
  let invalid: unknown; // bad arguments: the run fails with it once claimed
  try {
    session = run && job ? new RunSession(services, job, run, kind !== 'module') : undefined;
  } catch (e) {
    invalid = e;
  }
  // DuckDB and the script's runner start loading before anything else, so they come up while the
  // run is claimed and its script is found; a failure surfaces at first use.
  if (runner) session?.startEngine();
  const loaded = session && runner?.();
  loaded?.catch(() => {}); // awaited below
  const fail = async (message: string) => {
    appendRunLog(services.root, runId, { level: 'error', msg: message });
    await transitionRun(db, runId, ['RUNNING'], (r) => finished(r, 'FAILED', message));
    return false;
  };
  try {
    if (options.claim) {
      const claimed = await transitionRun(db, runId, ['STARTING'], (r) => ({ ...r, JobRunState: 'RUNNING' }), { pid: options.claim.pid });
      if (!claimed) return true; // stopped (or deleted) before it came up
      await db
        .updateTable('job_run_details')
        .set({ executor_pid: process.pid, updated_on: Date.now() })
        .where('run_id', '=', runId)
        .execute();
      appendRunLog(services.root, runId, { level: 'info', msg: 'run started', job: claimed.JobName, attempt: claimed.Attempt });
    } else if (row?.state !== 'RUNNING') {
      return true;
    }
    if (invalid) throw invalid;
    if (!session) return fail(`Job ${run?.JobName} was deleted before its run started.`);
    if (!loaded) return fail(script && 'reason' in script ? script.reason : `Cannot run script ${job!.Command?.ScriptLocation}`);
    await session.init();
    session.log('info', 'script starting', { script: job!.Command?.ScriptLocation, kind, bookmark: session.bookmarkOption.mode });
    await session.progress('starting', true);
    const path = await scriptPath(session);
    await (
      await loaded
    )(session, path);
    await collectMalformed(session);
    await writeQuarantine(session);
    await countRows(session);
    await accountFiles(session);
    // Loaded only now: the commit's catalog code is not on the way to the first row read.
    const { commitRun } = await import('../output/commit-run.js');
    await commitRun(session);
    const { inputFiles, ...totals } = session.metrics;
    session.log(totals.rowsMalformed || totals.filesQuarantined ? 'warn' : 'info', 'run committed', {
      summary: accountSummary(session.metrics),
      ...totals,
      files: inputFiles?.length,
    });
    return true;
  } catch (e) {
    const { nameFailingFile } = await import('../runtime/probe-files.js');
    const failed = await fail(session ? await nameFailingFile(session, describe(e)).catch(() => describe(e)) : describe(e));
    if (session) {
      session.log('error', 'stack', { stack: e instanceof Error ? e.stack : undefined });
      await db
        .updateTable('job_run_details')
        .set({
          metrics: JSON.stringify({ ...session.metrics, durationMs: Date.now() - session.startTime }),
          lineage: JSON.stringify(session.lineage),
          updated_on: Date.now(),
        })
        .where('run_id', '=', runId)
        .execute()
        .catch(() => {});
    }
    return failed;
  } finally {
    await session?.close().catch(() => {});
  }
}

/** A message a person can act on: the error's own words, with its kind for Sluice's typed errors. */
function describe(e: unknown): string {
  if (e instanceof SluiceError) return `${e.type}: ${e.message}`;
  if (e instanceof Error) return `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`;
  return `The script failed with ${JSON.stringify(e)}`;
}
