// The file bookmark's selection rule (glue-behaviour.md §2.4), with explicit times.
import { describe, expect, it } from 'vitest';
import { fileHash, nextFileState, selectFiles, wasProcessed, type FileEntry } from './file-bookmark.js';

const MIN = 60_000;
const f = (path: string, mtime: number, size = 10): FileEntry => ({ path, mtime, size });

describe('file bookmark', () => {
  const t0 = 1_000 * MIN;
  const a = f('a', t0 - 60 * MIN); // long before the last run
  const b = f('b', t0 - 5 * MIN); // inside the 15-minute band before it
  const state = nextFileState([a, b], [a, b], undefined, t0, 1);

  it('remembers the band: the run start, the band width and the files read inside it', () => {
    expect(state.timestamps).toEqual({
      RUN: '1',
      HIGH_BAND: '900000',
      CURR_RUN_START_TIME: new Date(t0).toISOString(),
      INCLUDE_LIST: fileHash(b),
    });
    expect(wasProcessed(state, a)).toBe(true);
    expect(wasProcessed(state, b)).toBe(true);
  });

  it('reads a file that landed late with an mtime inside the band, but not one older than the band', () => {
    const late = f('late', t0 - 2 * MIN);
    const ancient = f('ancient', t0 - 30 * MIN);
    expect(selectFiles([a, b, late, ancient], t0 + MIN, state)).toEqual([late]);
  });

  it('reads a file rewritten in place (new size or mtime), and never a file newer than the run start', () => {
    const rewritten = f('b', t0 - 4 * MIN, 99);
    const future = f('future', t0 + 10 * MIN);
    expect(selectFiles([a, rewritten, future], t0 + 5 * MIN, state)).toEqual([rewritten]);
  });

  it('keeps files processed earlier in the include list while they stay in the band', () => {
    const c = f('c', t0 + MIN);
    const t1 = t0 + 2 * MIN;
    const next = nextFileState([a, b, c], [c], state, t1, 2);
    expect(next.timestamps.INCLUDE_LIST.split(',').sort()).toEqual([fileHash(b), fileHash(c)].sort());
    expect(selectFiles([a, b, c], t1 + MIN, next)).toEqual([]);
  });

  it('selects what lies between two states for pause with from and to', () => {
    const c = f('c', t0 + MIN);
    const d = f('d', t0 + 3 * MIN);
    const s2 = nextFileState([a, b, c], [c], state, t0 + 2 * MIN, 2);
    const s3 = nextFileState([a, b, c, d], [d], s2, t0 + 4 * MIN, 3);
    expect(selectFiles([a, b, c, d], t0 + 10 * MIN, state, s3)).toEqual([c, d]);
    expect(selectFiles([a, b, c, d], t0 + 10 * MIN, s2, s3)).toEqual([d]);
  });
});
