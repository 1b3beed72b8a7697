// Data files of a table format (Iceberg): DuckDB's COPY writes Parquet with field ids into the
// engine's scratch, split by the partition expressions into hidden key folders; one aggregate query
// over the written files then gives each file's rows, partition values and column statistics (exact,
// from the data, rather than parsed from Parquet footers' per-row-group text); the files then move
// into the caller's folder under the names it chooses.
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { invalidInput } from '../kernel/errors.js';
import { filesUnder, moveFile } from '../storage/fs-util.js';
import type { DataFileInfo, DataFilesTarget } from './query-engine.js';
import { ident, literal } from './sql-text.js';

export interface DataFilesContext {
  dir: string;
  exec(sql: string): Promise<Record<string, unknown> | undefined>;
  all(sql: string): Promise<Record<string, unknown>[]>;
}

export async function writeDataFiles(sql: string, target: DataFilesTarget, ctx: DataFilesContext): Promise<DataFileInfo[]> {
  const { columns, partitionBy = [], compression = 'snappy' } = target;
  const body = sql.replace(/[\s;]+$/, '');
  const given = (await ctx.all(`DESCRIBE SELECT * FROM (${body})`)).map((r) => String(r.column_name));
  const known = new Set(columns.map((c) => c.name.toLowerCase()));
  const extra = given.filter((g) => !known.has(g.toLowerCase()));
  if (extra.length) throw invalidInput(`The table has no column ${extra.join(', ')} (columns: ${columns.map((c) => c.name).join(', ')})`);
  const has = new Set(given.map((g) => g.toLowerCase()));

  const select = columns.map((c) => `CAST(${has.has(c.name.toLowerCase()) ? ident(c.name) : 'NULL'} AS ${c.type}) AS ${ident(c.name)}`);
  const keys = partitionBy.map((_, i) => `__sluice_p${i}`);
  const fieldIds = Object.fromEntries(columns.map((c) => [c.name, c.fieldId]));
  const options = [`FORMAT parquet`, `COMPRESSION ${compression}`, `FIELD_IDS ${literal(fieldIds)}`];
  await mkdir(ctx.dir, { recursive: true });
  try {
    let to = join(ctx.dir, 'data-0.parquet');
    let query = `SELECT ${select.join(', ')} FROM (${body})`;
    if (keys.length) {
      // The partition values are computed over the cast columns, so they agree with the files' data.
      query = `SELECT *, ${partitionBy.map((p, i) => `${p} AS ${keys[i]}`).join(', ')} FROM (${query})`;
      options.push(`PARTITION_BY (${keys.join(', ')})`, `WRITE_PARTITION_COLUMNS false`, `FILENAME_PATTERN 'data-{i}'`);
      to = ctx.dir;
    }
    await ctx.exec(`COPY (${query}) TO ${literal(to)} (${options.join(', ')})`);
    const files = (await filesUnder(ctx.dir)).map((f) => join(ctx.dir, f));
    if (!files.length) return [];

    const aggregates = [`count(*) AS "rows"`, ...partitionBy.map((p, i) => `min(${p}) AS ${ident(`p${i}`)}`)];
    columns.forEach((c, i) => {
      aggregates.push(`count(${ident(c.name)}) AS ${ident(`n${i}`)}`);
      if (c.statText)
        aggregates.push(
          `${c.statText(`min(${ident(c.name)})`)} AS ${ident(`lo${i}`)}`,
          `${c.statText(`max(${ident(c.name)})`)} AS ${ident(`hi${i}`)}`,
        );
    });
    const rows = await ctx.all(
      `SELECT filename, ${aggregates.join(', ')} FROM read_parquet(${literal(files)}, filename = true, hive_partitioning = false) GROUP BY filename`,
    );
    const out: DataFileInfo[] = [];
    for (const r of rows) {
      const count = Number(r.rows);
      if (!count) continue;
      const partition = partitionBy.map((_, i) => (r[`p${i}`] === null ? null : String(r[`p${i}`])));
      const stats: DataFileInfo['stats'] = {};
      columns.forEach((c, i) => {
        const nonNull = Number(r[`n${i}`]);
        const s: DataFileInfo['stats'][string] = { values: count, nulls: count - nonNull };
        if (c.statText && nonNull > 0) Object.assign(s, { min: String(r[`lo${i}`]), max: String(r[`hi${i}`]) });
        stats[c.name] = s;
      });
      const path = target.fileName(partition);
      const file = String(r.filename);
      const size = (await stat(file)).size;
      await moveFile(file, join(target.into, path));
      out.push({ path, size, rows: count, partition, stats });
    }
    return out;
  } finally {
    await rm(ctx.dir, { recursive: true, force: true });
  }
}
