// Atomic Parquet output: DuckDB's COPY writes into the engine's scratch folder (the only place a
// sandboxed engine may write), the files move into a staged write of the ObjectStore, and commit()
// makes them visible all at once. Any failure aborts the stage: readers never see part of a write.
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { invalidInput } from '../kernel/errors.js';
import { filesUnder, moveFile } from '../storage/fs-util.js';
import type { Storage } from '../storage/storage.js';
import type { ParquetTarget, WriteResult } from './query-engine.js';
import { ident, literal } from './sql-text.js';

export interface WriteContext {
  storage: Storage;
  /** A fresh folder in the engine's scratch space for this write. */
  dir: string;
  /** Runs a statement and returns its first row. */
  exec(sql: string): Promise<Record<string, unknown> | undefined>;
}

export async function writeParquetAtomically(sql: string, target: ParquetTarget, ctx: WriteContext): Promise<WriteResult> {
  const { partitionBy = [], compression = 'snappy', mode = 'overwrite' } = target;
  if (compression !== 'snappy' && compression !== 'zstd')
    throw invalidInput(`compression must be 'snappy' or 'zstd', not '${String(compression)}'`);
  if (mode !== 'overwrite' && mode !== 'append') throw invalidInput(`mode must be 'overwrite' or 'append', not '${String(mode)}'`);
  if (partitionBy.some((c) => typeof c !== 'string' || c === '')) throw invalidInput('partitionBy must list column names');
  const { store, key } = ctx.storage.resolve(target.location);

  // Unique file names, so that 'append' never overwrites a file of an earlier write.
  const prefix = `part-${randomUUID()}`;
  const options = [`FORMAT parquet`, `COMPRESSION ${compression}`];
  let to = ctx.dir;
  if (partitionBy.length) {
    options.push(`PARTITION_BY (${partitionBy.map(ident).join(', ')})`, `FILENAME_PATTERN ${literal(`${prefix}-{i}`)}`);
  } else {
    to = join(ctx.dir, `${prefix}-0.parquet`);
  }
  await mkdir(ctx.dir, { recursive: true });
  try {
    const row = await ctx.exec(`COPY (${stripSemicolons(sql)}) TO ${literal(to)} (${options.join(', ')})`);
    const rows = Number(row?.Count ?? 0);
    const stage = await store.stage(key);
    try {
      const dest = await stage.localDir();
      for (const file of await filesUnder(ctx.dir)) await moveFile(join(ctx.dir, file), join(dest, file));
      const infos = await stage.commit({ replace: mode === 'overwrite' });
      return { rows, files: infos.map((i) => ({ path: store.localPath(i.key) ?? store.urlOf(i.key), size: i.size })) };
    } catch (e) {
      await stage.abort();
      throw e;
    }
  } finally {
    await rm(ctx.dir, { recursive: true, force: true });
  }
}

/** COPY (…) takes one statement without its terminator. */
function stripSemicolons(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}
