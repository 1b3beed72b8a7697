// What a JDBC database holds, from its information_schema: tables (and views) with their columns in
// order and their primary keys. PostgreSQL names objects database/schema/table; MySQL and MariaDB,
// which have no schemas inside a database, database/table.
import type { JdbcClient } from './jdbc-client.js';
import type { RemoteColumn } from './glue-types.js';

export interface RemoteTable {
  /** PostgreSQL's schema; undefined on MySQL. */
  schema?: string;
  name: string;
  kind: 'table' | 'view';
  columns: RemoteColumn[];
  primaryKey: string[];
}

interface Row {
  table_schema: string;
  table_name: string;
  table_type?: string;
  column_name?: string;
  data_type?: string;
  numeric_precision?: number | string | null;
  numeric_scale?: number | string | null;
}

const lower = (r: Record<string, unknown>): Row =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v])) as unknown as Row;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Every table and view of the connection's database (optionally of one schema), with columns and keys. */
export async function remoteTables(client: JdbcClient, schema?: string): Promise<RemoteTable[]> {
  const pg = client.endpoint.url.engine === 'postgresql';
  const scope = pg
    ? `table_catalog = current_database() AND table_schema NOT IN ('pg_catalog', 'information_schema')${schema ? ' AND table_schema = $1' : ''}`
    : 'table_schema = DATABASE()';
  const params = pg && schema ? [schema] : [];
  const tables = (
    await client.query(`SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE ${scope}`, params)
  ).map(lower);
  const columns = (
    await client.query(
      `SELECT table_schema, table_name, column_name, ${pg ? 'data_type' : 'column_type AS data_type'}, numeric_precision, numeric_scale
       FROM information_schema.columns WHERE ${scope} ORDER BY table_schema, table_name, ordinal_position`,
      params,
    )
  ).map(lower);
  const keys = (
    await client.query(
      `SELECT k.table_schema, k.table_name, k.column_name FROM information_schema.table_constraints c
       JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema AND k.table_name = c.table_name
       WHERE c.constraint_type = 'PRIMARY KEY' AND ${scope.replaceAll('table_', 'c.table_')} ORDER BY k.ordinal_position`,
      params,
    )
  ).map(lower);
  const id = (r: Row) => `${r.table_schema}\u0000${r.table_name}`;
  const byId = new Map<string, RemoteTable>();
  for (const t of tables)
    byId.set(id(t), {
      schema: pg ? t.table_schema : undefined,
      name: t.table_name,
      kind: /VIEW/i.test(t.table_type ?? '') ? 'view' : 'table',
      columns: [],
      primaryKey: [],
    });
  for (const c of columns)
    byId
      .get(id(c))
      ?.columns.push({ name: c.column_name!, type: c.data_type!, precision: num(c.numeric_precision), scale: num(c.numeric_scale) });
  for (const k of keys) byId.get(id(k))?.primaryKey.push(k.column_name!);
  return [...byId.values()].sort((a, b) => `${a.schema}.${a.name}`.localeCompare(`${b.schema}.${b.name}`));
}
