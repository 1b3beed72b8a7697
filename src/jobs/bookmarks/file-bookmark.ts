// Which files of a file source a run reads, and what it remembers (glue-behaviour.md §2.4). New data
// is found by modification time, not by name; files modified within `band` ms before the last run's
// start are re-checked one by one, because a file may land with an mtime a little in the past. A
// file is identified by a hash of (path, size, mtime), so a file rewritten in place counts as new.
import { createHash } from 'node:crypto';

export interface FileEntry {
  path: string;
  size: number;
  mtime: number;
}

/** Stored under the source's transformation_ctx; the field names follow Glue's S3 bookmark. */
export interface FileBookmarkState {
  jsonClass: 'HadoopDataSourceJobBookmarkState';
  timestamps: {
    RUN: string;
    HIGH_BAND: string;
    CURR_RUN_START_TIME: string;
    /** Hashes of the processed files whose mtime lies in the band [start − HIGH_BAND, start]. */
    INCLUDE_LIST: string;
  };
}

export const DEFAULT_BAND_MS = 900_000;

export const fileHash = (f: FileEntry) => createHash('sha256').update(`${f.path}\0${f.size}\0${f.mtime}`).digest('hex').slice(0, 32);

/** True when the state says the file was processed. */
export function wasProcessed(state: FileBookmarkState | undefined, f: FileEntry): boolean {
  if (!state) return false;
  const start = Date.parse(state.timestamps.CURR_RUN_START_TIME);
  const band = Number(state.timestamps.HIGH_BAND);
  if (f.mtime < start - band) return true;
  if (f.mtime > start) return false;
  return state.timestamps.INCLUDE_LIST.split(',').includes(fileHash(f));
}

/**
 * The files to read now: those present at the run's start that `upTo` counts as processed and
 * `skip` does not. Enable and plain pause pass upTo = undefined (everything up to the start).
 */
export function selectFiles(
  files: FileEntry[],
  runStart: number,
  skip: FileBookmarkState | undefined,
  upTo?: FileBookmarkState,
): FileEntry[] {
  return files.filter((f) => f.mtime <= runStart && !wasProcessed(skip, f) && (upTo === undefined || wasProcessed(upTo, f)));
}

/** The state after reading `read` on top of `previous`: every processed file in the new band is listed. */
export function nextFileState(
  files: FileEntry[],
  read: FileEntry[],
  previous: FileBookmarkState | undefined,
  runStart: number,
  run: number,
  band = DEFAULT_BAND_MS,
): FileBookmarkState {
  const readSet = new Set(read.map(fileHash));
  const include = files
    .filter((f) => f.mtime >= runStart - band && f.mtime <= runStart)
    .map((f) => ({ f, h: fileHash(f) }))
    .filter(({ f, h }) => readSet.has(h) || wasProcessed(previous, f))
    .map(({ h }) => h)
    .sort();
  return {
    jsonClass: 'HadoopDataSourceJobBookmarkState',
    timestamps: {
      RUN: String(run),
      HIGH_BAND: String(band),
      CURR_RUN_START_TIME: new Date(runStart).toISOString(),
      INCLUDE_LIST: include.join(','),
    },
  };
}
