// JSON read as declared columns, matching each record's keys to the columns case-insensitively, as
// the Hive JSON SerDe and Glue do: a crawler lower-cases `{"US Gross": 5}` into column `us gross`,
// and DuckDB's read_json(columns = …) matches keys case-sensitively, so the column would read NULL
// in every row. Two ways, chosen per file from a sample of its records (as many as DuckDB's own
// schema detection reads):
// - fast: each column's key is spelled one way in the sample (or absent from it): read_json with
//   `columns` named as the file spells them, aliased to the catalog's names;
// - slow: two spellings of one column in the sample, a glob, a json_path, or a file the sample could
//   not read: each record is read as JSON, its top-level keys lower-cased, and each column taken
//   from the first key that matches ignoring case (twice read_json's cost or more).
// Either way a key a record lacks is NULL for that record only. Nested field names are matched as
// written (the crawler keeps their case).
import type { ColumnInfo } from './query-engine.js';
import { ident, literal, namedArgs } from './sql-text.js';

/** read_json_objects accepts these of read_json's options; the others do not apply to raw records. */
const OBJECT_OPTIONS = new Set([
  'compression',
  'filename',
  'format',
  'hive_partitioning',
  'hive_types',
  'hive_types_autocast',
  'ignore_errors',
  'maximum_object_size',
  'union_by_name',
]);

/** Records sampled per file: read_json's default sample_size, so the sample is what DuckDB would detect from. */
const SAMPLE = 20480;

type Exec = (sql: string) => Promise<Record<string, unknown> | undefined>;

/**
 * A subquery giving the columns (then any Hive or filename columns the options add) from the JSON
 * files in paths; the first is the empty schema file (prepare-source.ts), listed first in every
 * reader so that no data file is opened at bind. Globs (matching several files) take the slow path.
 */
export async function jsonReader(
  paths: string[],
  globs: Set<string>,
  columns: ColumnInfo[],
  options: Record<string, unknown>,
  exec: Exec,
  /** A file's every key spelling, when the caller read it in full (then no sample is taken). */
  knownKeys: (file: string) => string[] | undefined = () => undefined,
): Promise<string> {
  const [schema, ...data] = paths;
  if (typeof options.json_path === 'string' || data.length === 0) return objectsReader(literal(paths), columns, options);
  // Files that read the same way share one reader call.
  const groups = new Map<string, { spelling: string[] | undefined; files: string[] }>();
  for (const file of data) {
    const spelling = globs.has(file) ? undefined : await fileSpelling(file, columns, options, exec, knownKeys(file));
    const key = JSON.stringify(spelling ?? null);
    const group = groups.get(key) ?? groups.set(key, { spelling, files: [schema] }).get(key)!;
    group.files.push(file);
  }
  const readers = [...groups.values()].map(({ spelling, files }) =>
    spelling ? spelledReader(literal(files), columns, spelling, options) : objectsReader(literal(files), columns, options),
  );
  return readers.length === 1 ? readers[0] : `(${readers.map((r) => `SELECT * FROM ${r}`).join(' UNION ALL ')})`;
}

/**
 * Each column's key as the file's sampled records spell it (the column's own name when no sampled
 * record has it), or undefined when some column has two spellings there or the sample fails (the
 * slow path then reads it, and reports the file's error when the query runs).
 */
async function fileSpelling(file: string, columns: ColumnInfo[], options: Record<string, unknown>, exec: Exec, known?: string[]) {
  const read = `read_json_objects(${literal(file)}${namedArgs(objectOptions(options))})`;
  let keys: string[];
  if (known) keys = known;
  else
    try {
      const row = await exec(
        `SELECT list(DISTINCT k) AS keys FROM (SELECT unnest(json_keys("json")) AS k FROM (SELECT "json" FROM ${read} LIMIT ${SAMPLE}))`,
      );
      keys = (row?.keys as string[] | null) ?? [];
    } catch {
      return undefined;
    }
  const spelling: string[] = [];
  for (const c of columns) {
    const found = keys.filter((k) => k.toLowerCase() === c.name.toLowerCase());
    if (found.length > 1) return undefined;
    spelling.push(found[0] ?? c.name);
  }
  // Two columns spelled alike (DuckDB's names ignore case) cannot both be read_json columns.
  return new Set(spelling.map((k) => k.toLowerCase())).size === spelling.length ? spelling : undefined;
}

/** read_json with the file's spelling of each column, renamed to the catalog's. */
function spelledReader(list: string, columns: ColumnInfo[], spelling: string[], options: Record<string, unknown>): string {
  const declared = Object.fromEntries(columns.map((c, i) => [spelling[i], c.type]));
  const select = columns.map((c, i) => `${ident(spelling[i])} AS ${ident(c.name)}`).join(', ');
  const rest = `* EXCLUDE (${spelling.map(ident).join(', ')})`;
  return `(SELECT ${select}, ${rest} FROM read_json(${list}${namedArgs({ columns: declared, ...options })}))`;
}

const objectOptions = (options: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(options).filter(([k]) => OBJECT_OPTIONS.has(k)));

/** Raw records, keys matched ignoring case. Options read_json_objects does not know are left out. */
function objectsReader(list: string, columns: ColumnInfo[], options: Record<string, unknown>): string {
  const kept = objectOptions(options);
  const path = typeof options.json_path === 'string' ? options.json_path : undefined;
  // json_path (a table a custom JsonPath classified): each document whole, the records what the path selects.
  const read = `read_json_objects(${list}${namedArgs({ format: path ? 'unstructured' : 'auto', ...kept })})`;
  const selected = path && (/\*/.test(path) ? `unnest(json_extract("json", ${literal(path)}))` : `json_extract("json", ${literal(path)})`);
  const objects = path ? `(SELECT * EXCLUDE ("json"), ${selected} AS "json" FROM ${read})` : read;
  // Each record becomes its keys, lower-cased, and its values, in one pass (a MAP cast); a column
  // is then the value at its name's position. Twice read_json's cost, a third of a lookup per key.
  const record = `SELECT * EXCLUDE ("json"), CAST("json" AS MAP(VARCHAR, JSON)) AS __sluice_record FROM ${objects}`;
  const split = `SELECT * EXCLUDE (__sluice_record), list_transform(map_keys(__sluice_record), k -> lower(k)) AS __sluice_keys, map_values(__sluice_record) AS __sluice_values FROM (${record})`;
  const select = columns.map((c) => `${value(c)} AS ${ident(c.name)}`).join(', ');
  return `(SELECT ${select}, * EXCLUDE (__sluice_keys, __sluice_values) FROM (${split}))`;
}

function value(c: ColumnInfo): string {
  const v = `__sluice_values[list_position(__sluice_keys, ${literal(c.name.toLowerCase())})]`;
  // A JSON string cast to VARCHAR keeps its quotes; ->> '$' gives its text (and other values' JSON).
  return c.type.toUpperCase() === 'VARCHAR' ? `(${v} ->> '$')` : `CAST(${v} AS ${c.type})`;
}
