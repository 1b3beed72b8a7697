// JSON read as declared columns, matching each record's keys to the columns case-insensitively, as
// the Hive JSON SerDe and Glue do: a crawler lower-cases `{"US Gross": 5}` into column `us gross`,
// and DuckDB's read_json(columns = …) matches keys case-sensitively, so the column would read NULL
// in every row. Each record is read as JSON, its top-level keys lower-cased, and each column taken
// from the first key that matches ignoring case; a key a record lacks is NULL for that record only.
// Nested field names are matched as written (the crawler keeps their case).
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

/**
 * A subquery giving the columns (then any Hive or filename columns the options add) from the JSON
 * files in list (a SQL list literal). Options read_json_objects does not know are left out.
 */
export function jsonColumnsReader(list: string, columns: ColumnInfo[], options: Record<string, unknown>): string {
  const kept = Object.fromEntries(Object.entries(options).filter(([k]) => OBJECT_OPTIONS.has(k)));
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
