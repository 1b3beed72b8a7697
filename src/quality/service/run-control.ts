// Stopping and timing out runs. A run is stopped by signalling the worker process the run's row
// names (only that pid, never by name), then marking the row STOPPED.
import type { Kysely } from 'kysely';
import { SluiceError } from '../../kernel/errors.js';
import type { DB } from '../../store/schema.js';
import { ACTIVE, finished, updateRun, type RunDoc, type RunKind } from './run-store.js';

export async function cancelRun(db: Kysely<DB>, kind: RunKind, run: RunDoc & { RunId: string; pid: number | null }): Promise<void> {
  if (!ACTIVE.includes(run.Status!)) {
    throw new SluiceError('InvalidStateException', `Run ${run.RunId} is ${run.Status}; only a STARTING or RUNNING run can be cancelled.`);
  }
  const { pid, ...doc } = run;
  await updateRun(db, kind, { ...doc, Status: 'STOPPING' }, ACTIVE);
  if (pid && pid > 0 && pid !== process.pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // the worker had already exited
    }
  }
  await updateRun(db, kind, finished(doc, 'STOPPED'), ['STOPPING']);
}

/** Runs fn, failing with a RunTimeout error after `minutes` (Glue's Timeout is in minutes). */
export async function withTimeout<T>(minutes: number | undefined, fn: () => Promise<T>): Promise<T> {
  if (!minutes) return fn();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = new Error(`The run exceeded its timeout of ${minutes} minutes`);
      e.name = 'RunTimeout';
      reject(e);
    }, minutes * 60_000);
  });
  try {
    return await Promise.race([fn(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
