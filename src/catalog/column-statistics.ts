// Column statistics of tables and of partitions: Update/Get/Delete ColumnStatisticsForTable and
// …ForPartition. Statistics are kept per column (values_key '' for the table, the partition's values_key
// for a partition); a statistic is checked before it is kept: the column must be one of the table's
// columns, and StatisticsData must hold the member its Type names (LONG → LongColumnStatisticsData …).
// Update and Get report per-column problems in Errors, as Glue does, and write the rest.
import type { Kysely } from 'kysely';
import { glueOperation, type CallContext } from '../kernel/registry.js';
import { invalidInput, notFound } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import type { ColumnError, ColumnStatistics, ColumnStatisticsError, Table } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';
import { catalogIdOf, requireTable } from './common.js';
import { findPartition, PARTITION_NOT_FOUND, valuesKey } from './partition-rows.js';

const DATA_MEMBER = {
  BOOLEAN: 'BooleanColumnStatisticsData',
  DATE: 'DateColumnStatisticsData',
  DECIMAL: 'DecimalColumnStatisticsData',
  DOUBLE: 'DoubleColumnStatisticsData',
  LONG: 'LongColumnStatisticsData',
  STRING: 'StringColumnStatisticsData',
  BINARY: 'BinaryColumnStatisticsData',
} as const;

/** Glue's limit of statistics per Update call. */
const MAX_PER_UPDATE = 25;

const detail = (ErrorCode: string, ErrorMessage: string) => ({ ErrorCode, ErrorMessage });

/** Why this statistic cannot be kept for the table, or undefined when it can. */
function statisticProblem(table: Table, s: ColumnStatistics, partition: boolean): string | undefined {
  const columns = [...(table.StorageDescriptor?.Columns ?? []), ...(partition ? [] : (table.PartitionKeys ?? []))];
  if (!columns.some((c) => c.Name.toLowerCase() === s.ColumnName.toLowerCase())) {
    return `Column ${s.ColumnName} is not a column of table ${table.Name}.`;
  }
  const member = DATA_MEMBER[s.StatisticsData.Type as keyof typeof DATA_MEMBER];
  if (!member || !s.StatisticsData[member]) {
    return `StatisticsData of column ${s.ColumnName} has Type ${s.StatisticsData.Type} but no ${member ?? 'matching'} member.`;
  }
  return undefined;
}

export type Scope = { catalogId: string; table: Table; key: string };

const scoped = (db: Kysely<DB>, s: Scope) =>
  db
    .selectFrom('catalog_column_statistics')
    .where('catalog_id', '=', s.catalogId)
    .where('database_name', '=', s.table.DatabaseName!)
    .where('table_name', '=', s.table.Name)
    .where('values_key', '=', s.key);

/** Writes statistics already checked against the table, replacing what each column had. */
export async function saveColumnStatistics(db: Kysely<DB>, s: Scope, list: ColumnStatistics[]): Promise<void> {
  for (const stat of list) {
    const column = stat.ColumnName.toLowerCase();
    await db
      .deleteFrom('catalog_column_statistics')
      .where('catalog_id', '=', s.catalogId)
      .where('database_name', '=', s.table.DatabaseName!)
      .where('table_name', '=', s.table.Name)
      .where('values_key', '=', s.key)
      .where('column_name', '=', column)
      .execute();
    await db
      .insertInto('catalog_column_statistics')
      .values({
        catalog_id: s.catalogId,
        database_name: s.table.DatabaseName!,
        table_name: s.table.Name,
        values_key: s.key,
        column_name: column,
        doc: JSON.stringify({ ...stat, ColumnName: column }),
      })
      .execute();
  }
}

async function update(db: Kysely<DB>, s: Scope, list: ColumnStatistics[], partition: boolean): Promise<ColumnStatisticsError[]> {
  if (list.length > MAX_PER_UPDATE)
    throw invalidInput(`ColumnStatisticsList can hold at most ${MAX_PER_UPDATE} entries (${list.length} given).`);
  const Errors: ColumnStatisticsError[] = [];
  const valid: ColumnStatistics[] = [];
  for (const stat of list) {
    const problem = statisticProblem(s.table, stat, partition);
    if (problem) Errors.push({ ColumnStatistics: stat, Error: detail('InvalidInputException', problem) });
    else valid.push(stat);
  }
  await saveColumnStatistics(db, s, valid);
  return Errors;
}

async function get(db: Kysely<DB>, s: Scope, names: string[]) {
  const rows = await scoped(db, s)
    .select(['column_name', 'doc'])
    .where(
      'column_name',
      'in',
      names.map((n) => n.toLowerCase()),
    )
    .execute();
  const byName = new Map(rows.map((r) => [r.column_name, reviveDates<ColumnStatistics>('ColumnStatistics', JSON.parse(r.doc))]));
  const ColumnStatisticsList: ColumnStatistics[] = [];
  const Errors: ColumnError[] = [];
  for (const name of names) {
    const found = byName.get(name.toLowerCase());
    if (found) ColumnStatisticsList.push(found);
    else Errors.push({ ColumnName: name, Error: detail('EntityNotFoundException', `Column statistics of column ${name} not found.`) });
  }
  return { ColumnStatisticsList, Errors };
}

async function remove(db: Kysely<DB>, s: Scope, column: string): Promise<void> {
  const r = await db
    .deleteFrom('catalog_column_statistics')
    .where('catalog_id', '=', s.catalogId)
    .where('database_name', '=', s.table.DatabaseName!)
    .where('table_name', '=', s.table.Name)
    .where('values_key', '=', s.key)
    .where('column_name', '=', column.toLowerCase())
    .executeTakeFirst();
  if (!Number(r.numDeletedRows)) throw notFound(`Column statistics of column ${column} not found.`);
}

type TableRef = { CatalogId?: string; DatabaseName: string; TableName: string };

async function tableScope(db: Kysely<DB>, input: TableRef, ctx: CallContext): Promise<Scope> {
  const catalogId = catalogIdOf(input, ctx);
  return { catalogId, table: await requireTable(db, catalogId, input.DatabaseName, input.TableName), key: '' };
}

async function partitionScope(db: Kysely<DB>, input: TableRef & { PartitionValues: string[] }, ctx: CallContext): Promise<Scope> {
  const s = await tableScope(db, input, ctx);
  if (!(await findPartition(db, s.catalogId, s.table, input.PartitionValues))) throw notFound(PARTITION_NOT_FOUND);
  return { ...s, key: valuesKey(input.PartitionValues) };
}

export const columnStatisticsOperations = [
  glueOperation('UpdateColumnStatisticsForTable', async (input, ctx) => {
    const Errors = await ctx.services.store.transaction(async (trx) =>
      update(trx, await tableScope(trx, input, ctx), input.ColumnStatisticsList, false),
    );
    return { Errors };
  }),
  glueOperation('GetColumnStatisticsForTable', async (input, ctx) => {
    const { db } = ctx.services.store;
    return get(db, await tableScope(db, input, ctx), input.ColumnNames);
  }),
  glueOperation('DeleteColumnStatisticsForTable', async (input, ctx) => {
    await ctx.services.store.transaction(async (trx) => remove(trx, await tableScope(trx, input, ctx), input.ColumnName));
    return {};
  }),
  glueOperation('UpdateColumnStatisticsForPartition', async (input, ctx) => {
    const Errors = await ctx.services.store.transaction(async (trx) =>
      update(trx, await partitionScope(trx, input, ctx), input.ColumnStatisticsList, true),
    );
    return { Errors };
  }),
  glueOperation('GetColumnStatisticsForPartition', async (input, ctx) => {
    const { db } = ctx.services.store;
    return get(db, await partitionScope(db, input, ctx), input.ColumnNames);
  }),
  glueOperation('DeleteColumnStatisticsForPartition', async (input, ctx) => {
    await ctx.services.store.transaction(async (trx) => remove(trx, await partitionScope(trx, input, ctx), input.ColumnName));
    return {};
  }),
];
