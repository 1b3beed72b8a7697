// The commit protocol of every run that writes files (ARCHITECTURE "Atomic output"):
//   1. stage: outputs go to staged writes, then are sealed (nothing visible; a crash here rolls back:
//      the run is FAILED by its supervisor or reaper, and its staging is swept as abandoned);
//   2. decide: ONE metadata transaction records the run's end (SUCCEEDED), its catalog changes, its
//      bookmark, and its intent, a run_commits row naming every sealed stage (recordIntent);
//   3. complete: the stages' objects move into place (completeCommit) and the row is deleted.
// After 2 the commit is decided: if the run dies during 3, whoever comes next completes it
// (recoverCommits: the supervisor, the next process to open the project, the next run's commit),
// and completion is idempotent. Sweeps keep staging a pending intent names (sweepStaging).
import type { Kysely, Transaction } from 'kysely';
import type { Services } from '../kernel/services.js';
import type { DB } from '../store/schema.js';
import type { ObjectStore, SealedStage } from '../storage/object-store.js';
import { join } from 'node:path';
import { filesUnder, moveFile } from '../storage/fs-util.js';
import { joinKey } from '../storage/keys.js';
import { THIS_HOST, pidAlive } from './liveness.js';

/** One sealed stage and the location (as the run wrote it) whose store holds it. */
export interface IntentStage extends SealedStage {
  location: string;
}

/** A decided commit whose owner on another host has not finished it in this long is taken over. */
const FOREIGN_OWNER_MS = 24 * 60 * 60 * 1000;

/** Commits this process is completing now: recovery leaves them alone, and may retry the others. */
const inProgress = new Set<string>();

/** Records the decision, inside the transaction that records the run's end. */
export async function recordIntent(trx: Transaction<DB>, runId: string, kind: string, stages: IntentStage[]): Promise<void> {
  inProgress.add(runId); // this process completes it next (completeCommit)
  await trx
    .insertInto('run_commits')
    .values({ run_id: runId, kind, host: THIS_HOST, pid: process.pid, stages: JSON.stringify(stages), created_on: Date.now() })
    .execute();
}

/** Moves every stage's objects into place, then forgets the intent. onMoved hears each object moved. */
export async function completeCommit(
  services: Services,
  runId: string,
  stages: IntentStage[],
  onMoved: (key: string) => void = () => {},
): Promise<void> {
  inProgress.add(runId);
  try {
    for (const { location, ...sealed } of stages) {
      await services.storage.resolve(location).store.completeStaged(sealed, { onMoved });
    }
    await services.store.db.deleteFrom('run_commits').where('run_id', '=', runId).execute();
  } finally {
    inProgress.delete(runId);
  }
}

export interface RecoverOptions {
  /** Only this run's intent. */
  runId?: string;
  /** A process known to be gone (the supervisor's executor), even if its pid is not reaped yet. */
  deadPid?: number;
}

/**
 * Completes the decided commits whose process is gone. Each is claimed first (compare-and-set on its
 * owner), so two recoverers never move the same files at once. Returns how many were completed.
 */
export async function recoverCommits(services: Services, options: RecoverOptions = {}): Promise<number> {
  const { db } = services.store;
  let q = db.selectFrom('run_commits').selectAll();
  if (options.runId) q = q.where('run_id', '=', options.runId);
  const now = Date.now();
  let done = 0;
  for (const row of await q.execute()) {
    if (inProgress.has(row.run_id)) continue;
    // This process's own intent that is not in progress failed part-way before: it may be retried.
    const gone =
      row.host === THIS_HOST
        ? row.pid === options.deadPid || row.pid === process.pid || !pidAlive(row.pid)
        : now - row.created_on > FOREIGN_OWNER_MS;
    if (!gone) continue;
    const claimed = await db
      .updateTable('run_commits')
      .set({ host: THIS_HOST, pid: process.pid })
      .where('run_id', '=', row.run_id)
      .where('host', '=', row.host)
      .where('pid', '=', row.pid)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue; // another recoverer took it
    await completeCommit(services, row.run_id, JSON.parse(row.stages) as IntentStage[]);
    done++;
  }
  return done;
}

/** The staging ids that pending intents name: a sweep must leave them. */
export async function pendingStagingIds(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db.selectFrom('run_commits').select('stages').execute();
  return new Set(rows.flatMap((r) => (JSON.parse(r.stages) as IntentStage[]).map((s) => s.id)));
}

/**
 * Stages and seals the files of a local folder (a run's scratch output) for location: nothing is
 * visible until the run's commit completes the returned stage. The folder is emptied.
 */
export async function stageFolder(services: Services, dir: string, location: string, replace: boolean): Promise<IntentStage> {
  const { store, key } = services.storage.resolve(location);
  await sweepStaging(services, store);
  const staged = await store.stage(key);
  try {
    const dest = await staged.localDir();
    for (const rel of await filesUnder(dir)) await moveFile(join(dir, rel), join(dest, rel));
    return { location, ...(await staged.seal({ replace })) };
  } catch (e) {
    await staged.abort();
    throw e;
  }
}

/** Where a sealed stage's files will be once completed: local paths, or URLs for S3. */
export function finalPaths(services: Services, stage: IntentStage): string[] {
  const { store } = services.storage.resolve(stage.location);
  return stage.files.map((f) => {
    const key = joinKey(stage.prefix, f);
    return store.localPath(key) ?? store.urlOf(key);
  });
}

/** Sweeps abandoned staging of store, keeping what a decided commit still has to move. */
export function sweepStaging(services: Services, store: ObjectStore, olderThanMs?: number): Promise<number> {
  return store.sweep(olderThanMs, { keep: () => pendingStagingIds(services.store.db) });
}
