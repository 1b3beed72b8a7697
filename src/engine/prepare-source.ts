// Turns a FileSource into the DuckDB reader call a view selects from, e.g.
//   read_parquet(['…/_schema.parquet', '…/year=2024/0-part.parquet'], hive_partitioning = true, …)
// Two tricks make catalog reads cheap and correct:
// - partitions are presented as a folder of links named key=value (values from the catalog, not the
//   files' real paths), so DuckDB's Hive filter pushdown drops pruned partitions' files unopened;
// - with known columns, the first file is an empty one written with exactly those columns: DuckDB
//   takes the schema from the first file at bind time, so no data file is opened before a query runs,
//   and a table without files is an empty view instead of an error.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { invalidInput, notFound } from '../kernel/errors.js';
import type { Storage } from '../storage/storage.js';
import { sniffedCsvOptions } from './csv-sniff.js';
import { asRead, decodedInput, needsDecoding } from './decoded-inputs.js';
import { expandInput, type InputFile } from './input-files.js';
import { jsonReader } from './json-columns.js';
import type { ColumnInfo, FileSource } from './query-engine.js';
import { ident, literal, namedArgs } from './sql-text.js';

export interface PreparedSource {
  /** The view's query: a SELECT over the reader call, e.g. read_csv([...], header = true). */
  sql: string;
  /** Local files the sandbox must let DuckDB read (link targets, files read in place). */
  allowedPaths: string[];
  /** Folders the sandbox must let DuckDB read (glob patterns' folders). */
  allowedDirs: string[];
  /** CSV read in PERMISSIVE/DROPMALFORMED mode: the rejects tables its scans fill. */
  rejects?: { errors: string; scans: string };
  /** Path DuckDB reads → path given in the source (links and downloads differ from what was given). */
  files: Record<string, string>;
}

export interface SourceContext {
  storage: Storage;
  /** A fresh folder in the engine's scratch space, owned by this source. */
  dir: string;
  /** Runs a statement in the engine (writes the schema file, sniffs a CSV file) and returns its first row. */
  exec(sql: string): Promise<Record<string, unknown> | undefined>;
}

/** Hive's directory name for a NULL partition value; DuckDB reads it back as NULL. */
const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

export async function prepareSource(given: FileSource, ctx: SourceContext): Promise<PreparedSource> {
  const allowedPaths: string[] = [];
  const decodedColumns: ColumnInfo[] = [];
  const allowedDirs: string[] = [];
  const paths: string[] = [];
  const globs = new Set<string>();
  const files: Record<string, string> = {};
  let n = 0;
  let linked = 0;
  const expand = async (path: string) => {
    const dir = join(ctx.dir, `in-${n++}`);
    const got = await expandInput(ctx.storage, path, dir);
    if (got.glob && needsDecoding(given, got.glob.pattern))
      throw invalidInput(`Glob patterns cannot be read as ${given.format} (each file is decoded first): ${path}`);
    // Avro, XML and bzip2 text are read from what they decode into (decoded-inputs.ts).
    for (const [i, f] of got.files.entries())
      if (needsDecoding(given, f.local)) got.files[i] = await decodedInput(given, f, join(dir, `decoded-${i}`), decodedColumns);
    if (got.glob) allowedDirs.push(got.glob.dir);
    for (const f of got.files) {
      if (!f.staged) allowedPaths.push(f.local);
      files[f.local] = f.given;
    }
    return got;
  };

  for (const path of given.paths) {
    const got = await expand(path);
    if (got.glob) {
      paths.push(got.glob.pattern);
      globs.add(got.glob.pattern);
    }
    paths.push(...got.files.map((f) => f.local));
  }
  const keys = given.partitions?.keys ?? [];
  for (const [i, part] of (given.partitions?.list ?? []).entries()) {
    const folder = join(ctx.dir, 'parts', ...keys.map((k, j) => `${k.name}=${hiveValue(part.values[j])}`));
    for (const path of part.paths) {
      const got = await expand(path);
      if (got.glob) throw invalidInput(`Partition locations cannot be glob patterns: ${path}`);
      for (const f of got.files) {
        const link = await linkInto(folder, `${i}-${linked++}`, f);
        files[link] = files[f.local];
        paths.push(link);
      }
    }
  }

  const source = asRead(given, decodedColumns);
  const columns = source.columns;
  if (columns) {
    // First in the list: the file DuckDB binds the schema from (see the header).
    paths.unshift(await writeSchemaFile(source, columns, keys, ctx));
  } else if (paths.length === 0) {
    const where = [...source.paths, ...(source.partitions?.list.flatMap((p) => p.paths) ?? [])];
    throw notFound(`No files found at ${where.join(', ') || '(no paths given)'}`);
  }
  const globbed = allowedDirs.length > 0;
  const sniffed = isCsv(source) && !columns && !globbed ? await sniffedCsvOptions(paths, csvOptions(source), ctx.exec) : undefined;
  const rejects = isCsv(source) && (source.mode ?? 'FAILFAST') !== 'FAILFAST' ? rejectTables(ctx.dir) : undefined;
  const options = rejects ? { ...(sniffed ?? csvOptions(source)), ...rejectOptions(rejects) } : sniffed;
  // Declared columns (the catalog's) match JSON keys case-insensitively; see json-columns.ts.
  const reader =
    source.format === 'json' && columns
      ? await jsonReader(
          paths,
          globs,
          columns,
          { ...hiveOptions(source), ...source.options },
          ctx.exec,
          (p) => source.jsonKeys?.[files[p] ?? p],
        )
      : readerCall(source, paths, options);
  const sql = `SELECT ${selectList(source, keys)} FROM ${reader}`;
  return { sql, allowedPaths, allowedDirs, rejects, files };
}

/** Names for a source's rejects tables, unique in the engine (its scratch folder's name is). */
function rejectTables(dir: string): { errors: string; scans: string } {
  const tag = basename(dir).replace(/[^A-Za-z0-9]/g, '_');
  return { errors: `sluice_reject_errors_${tag}`, scans: `sluice_reject_scans_${tag}` };
}

/** read_csv skips a bad record and writes why into the rejects tables (no limit on how many). */
const rejectOptions = (r: { errors: string; scans: string }) => ({
  store_rejects: true,
  rejects_table: r.errors,
  rejects_scan: r.scans,
  rejects_limit: 0,
});

function hiveValue(value: string | null | undefined): string {
  if (value === null || value === undefined) return HIVE_NULL;
  // DuckDB URL-decodes Hive values, so any character survives the trip through a folder name.
  return encodeURIComponent(value);
}

/** A link to the file inside its partition's key=value folder; the tag keeps same-named files apart. */
async function linkInto(folder: string, tag: string, file: InputFile): Promise<string> {
  await mkdir(folder, { recursive: true });
  const target = join(folder, `${tag}-${basename(file.local)}`);
  await symlink(file.local, target);
  return target;
}

async function writeSchemaFile(source: FileSource, columns: ColumnInfo[], keys: ColumnInfo[], ctx: SourceContext): Promise<string> {
  const folder = join(ctx.dir, 'schema', ...keys.map((k) => `${k.name}=${HIVE_NULL}`));
  await mkdir(folder, { recursive: true });
  if (source.format !== 'parquet') {
    // An empty text file has no rows and no header; CSV and JSON readers take the given columns.
    const file = join(folder, `_schema.${source.format}`);
    await writeFile(file, '');
    return file;
  }
  const file = join(folder, '_schema.parquet');
  const select = columns.map((c) => `NULL::${c.type} AS ${ident(c.name)}`).join(', ');
  await ctx.exec(`COPY (SELECT ${select} LIMIT 0) TO ${literal(file)} (FORMAT parquet)`);
  return file;
}

function selectList(source: FileSource, keys: ColumnInfo[]): string {
  const names = (cs: ColumnInfo[]) => cs.map((c) => ident(c.name)).join(', ');
  // Matched by name, the files' union may hold more columns, of other types: keep the declared ones.
  if (source.columns && source.unionByName && source.format === 'parquet') {
    const columns = source.columns.map((c) => `CAST(${ident(c.name)} AS ${c.type}) AS ${ident(c.name)}`).join(', ');
    return keys.length ? `${columns}, ${names(keys)}` : columns;
  }
  // DuckDB puts Hive columns in an order of its own; the keys' order is the table's.
  return keys.length ? `* EXCLUDE (${names(keys)}), ${names(keys)}` : '*';
}

const isCsv = (source: FileSource) => source.format === 'csv' || source.format === 'tsv';

/** read_csv's options besides declared columns: the TSV delimiter, then the source's own. */
function csvOptions(source: FileSource): Record<string, unknown> {
  return { delim: source.format === 'tsv' ? '\t' : undefined, ...source.options };
}

/** csv: read_csv's options as sniffed once (csv-sniff.ts), in place of csvOptions(source). */
function hiveOptions(source: FileSource): Record<string, unknown> {
  const partitioned = source.partitions !== undefined;
  return {
    // Explicit, since DuckDB would otherwise guess from the paths and sprout columns from a=b folders.
    hive_partitioning: partitioned || source.hivePartitioning === true,
    hive_types:
      partitioned && source.partitions!.keys.length ? Object.fromEntries(source.partitions!.keys.map((k) => [k.name, k.type])) : undefined,
  };
}

/** The reader call, but for JSON with declared columns (jsonReader). */
function readerCall(source: FileSource, paths: string[], csv?: Record<string, unknown>): string {
  const hive = hiveOptions(source);
  const columns = source.columns ? Object.fromEntries(source.columns.map((c) => [c.name, c.type])) : undefined;
  const list = literal(paths);
  switch (source.format) {
    case 'csv':
    case 'tsv': {
      const declared = columns ? { columns, auto_detect: false, header: false } : {};
      return `read_csv(${list}${namedArgs({ ...declared, ...hive, ...(csv ?? csvOptions(source)) })})`;
    }
    case 'json':
      return `read_json(${list}${namedArgs({ columns, ...hive, ...source.options })})`;
    case 'parquet':
      // Without known columns, files written at different times may differ; match them by name.
      return `read_parquet(${list}${namedArgs({ union_by_name: columns ? source.unionByName : true, ...hive, ...source.options })})`;
    default:
      // Avro and XML were decoded into NDJSON before (decoded-inputs.ts).
      throw invalidInput(`No reader for ${source.format}`);
  }
}
