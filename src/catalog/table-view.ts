// A catalog table as a DuckDB view: the reusable piece behind `sluice query`, for jobs and data
// quality too. The view has the table's columns then its partition keys (as Athena shows them), and
// reads only the partitions registered in the catalog, each from its own location, so that a WHERE
// clause on partition keys skips the other partitions' files without opening them.
import type { Kysely } from 'kysely';
import type { Partition, Table } from '../kernel/glue-types.js';
import { invalidInput } from '../kernel/errors.js';
import type { FileSource, PartitionFiles, QueryEngine } from '../engine/query-engine.js';
import type { DB } from '../store/schema.js';
import { duckdbType } from './column-types.js';
import { norm } from './common.js';
import { tableFormat } from './table-format.js';

/** Hive's folder name for a NULL partition value. */
const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

export interface TableViewOptions {
  /** The view's name; default 'database.table'. */
  viewName?: string;
  /** Keeps only the partitions whose values pass (e.g. a job's push-down predicate or bookmark). */
  partitionFilter?: (values: (string | null)[]) => boolean;
  /**
   * Match Parquet columns by name in every file, for files that lack columns the table lists (see
   * FileSource.unionByName). Chosen anyway when a partition's own columns differ from the table's.
   */
  unionByName?: boolean;
  /** Columns that read as typed NULLs (column-masking.ts). */
  masked?: string[];
}

/** Reads the table's partitions straight from the store: only their values and locations are needed. */
export async function tablePartitions(db: Kysely<DB>, catalogId: string, table: Table): Promise<Partition[]> {
  const rows = await db
    .selectFrom('catalog_partitions')
    .select('doc')
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', norm(table.DatabaseName ?? ''))
    .where('table_name', '=', norm(table.Name))
    .orderBy('values_key')
    .execute();
  return rows.map((r) => JSON.parse(r.doc) as Partition);
}

/** What the engine needs to read the table; partitions as read by tablePartitions. */
export function tableSource(table: Table, partitions: Partition[], options: TableViewOptions = {}): FileSource {
  const name = `${table.DatabaseName}.${table.Name}`;
  const location = table.StorageDescriptor?.Location;
  if (!location) throw invalidInput(`Table ${name} has no StorageDescriptor.Location, so there is nothing to read`);
  const { format, options: readerOptions } = tableFormat(table);
  const columns = (table.StorageDescriptor?.Columns ?? []).map((c) => ({ name: c.Name, type: duckdbType(c.Type) }));
  const keys = (table.PartitionKeys ?? []).map((c) => ({ name: c.Name, type: duckdbType(c.Type) }));
  const source: FileSource = {
    format,
    paths: [],
    columns: columns.length ? columns : undefined,
    options: readerOptions,
    unionByName: options.unionByName,
    masked: options.masked?.length ? options.masked : undefined,
  };
  if (!keys.length) return { ...source, paths: [location, ...(table.StorageDescriptor?.AdditionalLocations ?? [])] };

  const list: PartitionFiles[] = [];
  for (const p of partitions) {
    const values = (p.Values ?? []).map((v) => (v === HIVE_NULL ? null : v));
    if (values.length !== keys.length || (options.partitionFilter && !options.partitionFilter(values))) continue;
    const folder = keys.map((k, i) => `${k.name}=${encodeURIComponent(values[i] ?? HIVE_NULL)}`).join('/');
    list.push({ values, paths: [p.StorageDescriptor?.Location ?? `${location.replace(/\/+$/, '')}/${folder}`] });
  }
  // Glue keeps each partition's own schema: one that differs from the table's means evolved files.
  const signature = (cs: { Name: string; Type?: string }[] | undefined) =>
    JSON.stringify(cs?.map((c) => [norm(c.Name), c.Type?.toLowerCase()]));
  const tableSignature = signature(table.StorageDescriptor?.Columns);
  const evolved = partitions.some((p) => p.StorageDescriptor?.Columns && signature(p.StorageDescriptor.Columns) !== tableSignature);
  return { ...source, unionByName: source.unionByName || evolved || undefined, partitions: { keys, list } };
}

/** Registers the table as a view ("database"."table" unless viewName says otherwise). */
export async function registerTableView(
  engine: QueryEngine,
  db: Kysely<DB>,
  catalogId: string,
  table: Table,
  options: TableViewOptions = {},
): Promise<string> {
  const viewName = options.viewName ?? `${norm(table.DatabaseName ?? '')}.${norm(table.Name)}`;
  const partitions = table.PartitionKeys?.length ? await tablePartitions(db, catalogId, table) : [];
  await engine.registerFiles(viewName, tableSource(table, partitions, options));
  return viewName;
}
