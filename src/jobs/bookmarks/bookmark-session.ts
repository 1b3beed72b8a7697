// How a run's sources use its bookmark. Only a source with a transformation_ctx is bookmarked;
// disable reads everything, enable and pause read what the bookmark has not seen (pause with
// from/to reads what lies between those runs' bookmarks); only enable records a new state, which
// the commit saves if the script called commit().
import type { RunSession } from '../runtime/run-session.js';
import { DEFAULT_BAND_MS, nextFileState, selectFiles, type FileBookmarkState, type FileEntry } from './file-bookmark.js';
import { keyPredicate, type KeyBookmarkState } from './key-bookmark.js';

const tracked = (session: RunSession, ctx: string | undefined): ctx is string => !!ctx && session.bookmarkOption.mode !== 'disable';

export function selectNewFiles(session: RunSession, ctx: string | undefined, files: FileEntry[], band = DEFAULT_BAND_MS): FileEntry[] {
  if (!tracked(session, ctx)) return files;
  const start = session.startTime;
  const previous = session.bookmark.state[ctx] as FileBookmarkState | undefined;
  let selected: FileEntry[];
  if (session.pauseRange) {
    const upTo = session.pauseRange.to[ctx] as FileBookmarkState | undefined;
    selected = upTo ? selectFiles(files, start, session.pauseRange.from[ctx] as FileBookmarkState | undefined, upTo) : [];
  } else {
    selected = selectFiles(files, start, previous);
  }
  if (session.bookmarkOption.mode === 'enable') {
    session.bookmarkUpdates[ctx] = nextFileState(files, selected, previous, start, session.bookmark.run + 1, band);
  }
  return selected;
}

/** The predicate a key-bookmarked source reads with, or undefined to read every row. */
export function keyRange(session: RunSession, ctx: string | undefined, keys: string[], sortOrder: 'asc' | 'desc'): string | undefined {
  if (!tracked(session, ctx)) return undefined;
  const state = (s: Record<string, unknown> | undefined) => (s?.[ctx] as KeyBookmarkState | undefined)?.last ?? null;
  if (session.pauseRange) {
    const upTo = state(session.pauseRange.to);
    return upTo === null ? 'false' : keyPredicate(keys, sortOrder, state(session.pauseRange.from), upTo);
  }
  return keyPredicate(keys, sortOrder, state(session.bookmark.state));
}

/** Records the last key read (enable only); an empty read keeps the previous key. */
export function recordLastKey(
  session: RunSession,
  ctx: string | undefined,
  keys: string[],
  sortOrder: 'asc' | 'desc',
  last: unknown[] | undefined,
): void {
  if (!tracked(session, ctx) || session.bookmarkOption.mode !== 'enable') return;
  const previous = session.bookmark.state[ctx] as KeyBookmarkState | undefined;
  const state: KeyBookmarkState = { jsonClass: 'KeyBookmarkState', keys, sortOrder, last: last ?? previous?.last ?? null };
  session.bookmarkUpdates[ctx] = state;
}

/**
 * The key range a key-bookmarked source reads, as values (for sources that build their own
 * predicate, such as JDBC ones in the remote dialect): `nothing` when a paused range is empty.
 */
export function keyBounds(
  session: RunSession,
  ctx: string | undefined,
): { after: unknown[] | null; upTo?: unknown[] | null; nothing?: boolean } {
  if (!tracked(session, ctx)) return { after: null };
  const state = (s: Record<string, unknown> | undefined) => (s?.[ctx] as KeyBookmarkState | undefined)?.last ?? null;
  if (session.pauseRange) {
    const upTo = state(session.pauseRange.to);
    return upTo === null ? { after: null, nothing: true } : { after: state(session.pauseRange.from), upTo };
  }
  return { after: state(session.bookmark.state) };
}
