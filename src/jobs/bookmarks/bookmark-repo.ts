// A job's bookmark in the store: the current entry (with a Version that every change bumps, the
// optimistic lock between a run's commit and anything else that moved it meanwhile) and the entry
// each committed run left behind, which ResetJobBookmark(RunId) rewinds to.
import type { Kysely } from 'kysely';
import { SluiceError, notFound } from '../../kernel/errors.js';
import type { JobBookmarkEntry } from '../../kernel/glue-types.js';
import type { DB, JobBookmarkRow } from '../../store/schema.js';

export type BookmarkState = Record<string, unknown>;

/**
 * How states are kept: sealed under the job's JobBookmarksEncryption key, or plain
 * (bookmarkCodec() in bookmark-codec.ts). PLAIN refuses sealed states rather than misread them.
 */
export interface StateCodec {
  seal(text: string): string;
  open(text: string): string;
}

export const PLAIN: StateCodec = {
  seal: (t) => t,
  open: (t) => {
    if (t.startsWith('sluice-sealed:'))
      throw new SluiceError('AccessDeniedException', 'This job bookmark is encrypted; it can only be read with its key');
    return t;
  },
};

export interface CurrentBookmark {
  /** The Version read, or 0 when the job has none yet. */
  version: number;
  run: number;
  runId: string | null;
  state: BookmarkState;
}

const entryOf = (jobName: string, r: Omit<JobBookmarkRow, 'job_name' | 'updated_on'>, codec: StateCodec): JobBookmarkEntry => ({
  JobName: jobName,
  Version: r.version,
  Run: r.run,
  Attempt: r.attempt,
  PreviousRunId: r.previous_run_id ?? undefined,
  RunId: r.run_id ?? undefined,
  JobBookmark: codec.open(r.state),
});

export async function currentBookmark(db: Kysely<DB>, jobName: string, codec: StateCodec = PLAIN): Promise<CurrentBookmark> {
  const row = await db.selectFrom('job_bookmarks').selectAll().where('job_name', '=', jobName).executeTakeFirst();
  return row
    ? { version: row.version, run: row.run, runId: row.run_id, state: JSON.parse(codec.open(row.state)) }
    : { version: 0, run: 0, runId: null, state: {} };
}

export async function bookmarkEntry(db: Kysely<DB>, jobName: string, runId?: string, codec: StateCodec = PLAIN): Promise<JobBookmarkEntry> {
  if (runId) {
    const h = await db
      .selectFrom('job_bookmark_history')
      .selectAll()
      .where('job_name', '=', jobName)
      .where('run_id', '=', runId)
      .executeTakeFirst();
    if (!h) throw notFound(`Continuation for job ${jobName} and run ${runId} not found: that run committed no bookmark.`);
    return entryOf(jobName, h, codec);
  }
  const row = await db.selectFrom('job_bookmarks').selectAll().where('job_name', '=', jobName).executeTakeFirst();
  if (!row) throw notFound(`Continuation for job ${jobName} not found`);
  return entryOf(jobName, row, codec);
}

/** The state committed by runId (for pause --job-bookmark-from/--job-bookmark-to). */
export async function stateOfRun(db: Kysely<DB>, jobName: string, runId: string, codec: StateCodec = PLAIN): Promise<BookmarkState> {
  return JSON.parse((await bookmarkEntry(db, jobName, runId, codec)).JobBookmark!);
}

/**
 * Records a run's new bookmark inside the commit transaction. Throws ConcurrentModificationException
 * when the bookmark moved since the run read it (another run committed, or it was reset).
 */
export async function commitBookmark(
  trx: Kysely<DB>,
  jobName: string,
  expectedVersion: number,
  state: BookmarkState,
  run: { id: string; attempt: number },
  codec: StateCodec = PLAIN,
): Promise<JobBookmarkEntry> {
  const current = await trx.selectFrom('job_bookmarks').selectAll().where('job_name', '=', jobName).executeTakeFirst();
  if ((current?.version ?? 0) !== expectedVersion) {
    throw new SluiceError(
      'ConcurrentModificationException',
      `GLUE_JOB_BOOKMARK_VERSION_MISMATCH_ERROR: the bookmark of job ${jobName} is at version ${current?.version ?? 0}, but this run read version ${expectedVersion}; another run committed or the bookmark was reset meanwhile.`,
    );
  }
  const next = {
    version: expectedVersion + 1,
    run: (current?.run ?? 0) + 1,
    attempt: run.attempt,
    run_id: run.id,
    previous_run_id: current?.run_id ?? null,
    state: codec.seal(JSON.stringify(state)),
  };
  await writeCurrent(trx, jobName, next, current !== undefined);
  await trx
    .insertInto('job_bookmark_history')
    .values({ job_name: jobName, ...next, created_on: Date.now() })
    .execute();
  return entryOf(jobName, next, codec);
}

/** Replaces the current state (reset, rewind, explicit set); Version moves on so running runs cannot commit over it. */
export async function replaceBookmark(
  db: Kysely<DB>,
  jobName: string,
  state: BookmarkState,
  from?: { run: number; attempt: number; runId: string; previousRunId: string | null },
  codec: StateCodec = PLAIN,
): Promise<JobBookmarkEntry> {
  const current = await db.selectFrom('job_bookmarks').selectAll().where('job_name', '=', jobName).executeTakeFirst();
  const next = {
    version: (current?.version ?? 0) + 1,
    run: from?.run ?? 0,
    attempt: from?.attempt ?? 0,
    run_id: from?.runId ?? null,
    previous_run_id: from?.previousRunId ?? null,
    state: codec.seal(JSON.stringify(state)),
  };
  await writeCurrent(db, jobName, next, current !== undefined);
  return entryOf(jobName, next, codec);
}

async function writeCurrent(db: Kysely<DB>, jobName: string, next: Omit<JobBookmarkRow, 'job_name' | 'updated_on'>, exists: boolean) {
  const row = { ...next, updated_on: Date.now() };
  if (exists) await db.updateTable('job_bookmarks').set(row).where('job_name', '=', jobName).execute();
  else
    await db
      .insertInto('job_bookmarks')
      .values({ job_name: jobName, ...row })
      .execute();
}

export async function deleteBookmarks(db: Kysely<DB>, jobName: string): Promise<void> {
  await db.deleteFrom('job_bookmarks').where('job_name', '=', jobName).execute();
  await db.deleteFrom('job_bookmark_history').where('job_name', '=', jobName).execute();
}
