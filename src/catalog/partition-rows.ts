// How partitions sit in catalog_partitions: one row per partition, identified by values_key (the
// JSON array of its values, always written by valuesKey so that equal values give equal keys), with
// the Glue Partition document beside it. Shared by the single and the batch operations.
import type { Kysely } from 'kysely';
import { alreadyExists, invalidInput } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import type { Partition, PartitionInput, Table } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';

export const valuesKey = (values: string[]) => JSON.stringify(values);

export const PARTITION_NOT_FOUND = 'Cannot find partition.';
export const PARTITION_EXISTS = 'Partition already exists.';

/**
 * Glue's message when a partition's values do not line up with the table's PartitionKeys. A table
 * declared with no partition keys takes partitions of any arity, as Glue and the tools written
 * against it (moto, Hive-style sync tools that add keys later) do: nothing in it can be misread,
 * because its queries read the table's own Location and never a partition's (see table-view.ts).
 */
export function valuesProblem(table: Table, values: string[] | undefined): string | undefined {
  if (!values) return 'Partition values are required: PartitionInput.Values must hold one value per partition key.';
  const keys = table.PartitionKeys ?? [];
  if (keys.length > 0 && values.length !== keys.length) {
    return `The number of partition keys do not match the number of partition values: table ${table.Name} has ${keys.length} partition keys, ${values.length} values were given.`;
  }
  return undefined;
}

export function requireValues(table: Table, values: string[] | undefined): string[] {
  const problem = valuesProblem(table, values);
  if (problem) throw invalidInput(problem);
  return values!;
}

/** The stored document: what the caller gave (Glue fills in nothing else), plus where it lives and when it was created. */
export function partitionFromInput(input: PartitionInput, table: Table, catalogId: string, creationTime: Date): Partition {
  return {
    Values: input.Values,
    DatabaseName: table.DatabaseName,
    TableName: table.Name,
    CreationTime: creationTime,
    LastAccessTime: input.LastAccessTime,
    StorageDescriptor: input.StorageDescriptor,
    Parameters: input.Parameters,
    LastAnalyzedTime: input.LastAnalyzedTime,
    CatalogId: catalogId,
  };
}

export const partitionRow = (catalogId: string, p: Partition) => ({
  catalog_id: catalogId,
  database_name: p.DatabaseName!,
  table_name: p.TableName!,
  values_key: valuesKey(p.Values!),
  doc: JSON.stringify(p),
  creation_time: p.CreationTime!.getTime(),
});

export const reviveWithoutColumns = (doc: string, excludeColumns: boolean): Partition => {
  const p = reviveDates<Partition>('Partition', JSON.parse(doc));
  if (excludeColumns && p.StorageDescriptor) delete p.StorageDescriptor.Columns;
  return p;
};

/** The rows of this table's partitions whose values_key is one of keys, as a map from values_key to document. */
export async function partitionDocs(db: Kysely<DB>, catalogId: string, table: Table, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const unique = [...new Set(keys)];
  // Chunked so that a long batch stays under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('catalog_partitions')
      .select(['values_key', 'doc'])
      .where('catalog_id', '=', catalogId)
      .where('database_name', '=', table.DatabaseName!)
      .where('table_name', '=', table.Name)
      .where('values_key', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.values_key, r.doc);
  }
  return found;
}

export async function findPartition(db: Kysely<DB>, catalogId: string, table: Table, values: string[]): Promise<Partition | undefined> {
  const doc = (await partitionDocs(db, catalogId, table, [valuesKey(values)])).get(valuesKey(values));
  return doc === undefined ? undefined : reviveDates<Partition>('Partition', JSON.parse(doc));
}

/** Deletes the partition and its column statistics. */
export async function deletePartitionRow(db: Kysely<DB>, catalogId: string, table: Table, values: string[]): Promise<boolean> {
  let deleted = 0;
  for (const t of ['catalog_partitions', 'catalog_column_statistics'] as const) {
    const r = await db
      .deleteFrom(t)
      .where('catalog_id', '=', catalogId)
      .where('database_name', '=', table.DatabaseName!)
      .where('table_name', '=', table.Name)
      .where('values_key', '=', valuesKey(values))
      .executeTakeFirst();
    if (t === 'catalog_partitions') deleted = Number(r.numDeletedRows);
  }
  return deleted > 0;
}

/** Rewrites the partition stored under oldValues; its values (and so its key) may change, and its column statistics move with it. */
export async function replacePartitionRow(
  db: Kysely<DB>,
  catalogId: string,
  table: Table,
  oldValues: string[],
  p: Partition,
): Promise<void> {
  const row = partitionRow(catalogId, p);
  const oldKey = valuesKey(oldValues);
  await db
    .updateTable('catalog_partitions')
    .set(row)
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', table.DatabaseName!)
    .where('table_name', '=', table.Name)
    .where('values_key', '=', oldKey)
    .execute();
  if (row.values_key === oldKey) return;
  await db
    .updateTable('catalog_column_statistics')
    .set({ values_key: row.values_key })
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', table.DatabaseName!)
    .where('table_name', '=', table.Name)
    .where('values_key', '=', oldKey)
    .execute();
}

/** A primary-key clash from either backend: another writer created the same partition first. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Runs a write, turning a clash with a concurrent writer into Glue's AlreadyExistsException. */
export async function orAlreadyExists<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyExists(PARTITION_EXISTS);
    throw err;
  }
}
