// Stopping and timing out runs. A run is stopped by signalling the worker process the run's row
// names (only that pid, never by name), then marking the row STOPPED.
import type { Kysely } from 'kysely';
import { SluiceError } from '../../kernel/errors.js';
import type { DB } from '../../store/schema.js';
import { ACTIVE, finished, requireRun, updateRun, type QualityRunKind } from './run-store.js';

/** Cancel…Run: InvalidStateException unless the run is active; the worker is signalled, the run ends STOPPED. */
export async function cancelRun(db: Kysely<DB>, k: QualityRunKind, id: string): Promise<void> {
  const run = await requireRun(db, k, id);
  const { kind } = k;
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
