// Partition indexes: CreatePartitionIndex, GetPartitionIndexes, DeletePartitionIndex, and the
// PartitionIndexes of CreateTable. An index names partition keys of its table (at most three indexes
// a table, as Glue allows); GetPartitions uses an index's first key to narrow what it reads from the
// store when the Expression pins that key (get-partitions.ts). Sluice builds an index at once, so it
// is ACTIVE from its creation and there is never a backfill to report.
import type { Kysely } from 'kysely';
import { glueOperation } from '../kernel/registry.js';
import { alreadyExists, invalidInput, notFound, SluiceError } from '../kernel/errors.js';
import { pageByOffset } from '../kernel/pagination.js';
import type { PartitionIndex, PartitionIndexDescriptor, Table } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';
import { catalogIdOf, requireTable } from './common.js';

/** Glue's limit of partition indexes per table. */
export const MAX_PARTITION_INDEXES = 3;

/** The descriptor Glue returns for an index over these keys of the table, or InvalidInputException saying which key is not a partition key. */
function describeIndex(table: Table, index: PartitionIndex): PartitionIndexDescriptor {
  const keys = table.PartitionKeys ?? [];
  if (!index.Keys.length) throw invalidInput(`Partition index ${index.IndexName} must name at least one partition key.`);
  if (new Set(index.Keys.map((k) => k.toLowerCase())).size !== index.Keys.length) {
    throw invalidInput(`Partition index ${index.IndexName} names a key more than once: ${index.Keys.join(', ')}.`);
  }
  return {
    IndexName: index.IndexName,
    Keys: index.Keys.map((name) => {
      const key = keys.find((k) => k.Name.toLowerCase() === name.toLowerCase());
      if (!key) {
        const known = keys.length ? keys.map((k) => k.Name).join(', ') : 'none: the table is not partitioned';
        throw invalidInput(
          `Partition index ${index.IndexName}: ${name} is not a partition key of table ${table.Name} (its partition keys: ${known}).`,
        );
      }
      return { Name: key.Name, Type: key.Type ?? 'string' };
    }),
    IndexStatus: 'ACTIVE',
  };
}

export async function listPartitionIndexes(db: Kysely<DB>, catalogId: string, table: Table): Promise<PartitionIndexDescriptor[]> {
  const rows = await db
    .selectFrom('catalog_partition_indexes')
    .select('doc')
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', table.DatabaseName!)
    .where('table_name', '=', table.Name)
    .orderBy('create_time')
    .orderBy('index_name')
    .execute();
  return rows.map((r) => JSON.parse(r.doc) as PartitionIndexDescriptor);
}

/** Adds indexes to a table inside the caller's transaction, checking names, keys and the limit first. */
export async function addPartitionIndexes(db: Kysely<DB>, catalogId: string, table: Table, indexes: PartitionIndex[]): Promise<void> {
  const existing = await listPartitionIndexes(db, catalogId, table);
  const names = new Set(existing.map((i) => i.IndexName));
  const docs = indexes.map((i) => describeIndex(table, i));
  for (const d of docs) {
    if (names.has(d.IndexName)) throw alreadyExists(`Partition index ${d.IndexName} already exists on table ${table.Name}.`);
    names.add(d.IndexName);
  }
  if (names.size > MAX_PARTITION_INDEXES) {
    throw new SluiceError(
      'ResourceNumberLimitExceededException',
      `Table ${table.Name} can have at most ${MAX_PARTITION_INDEXES} partition indexes; it would have ${names.size}.`,
    );
  }
  const now = Date.now();
  for (const d of docs) {
    await db
      .insertInto('catalog_partition_indexes')
      .values({
        catalog_id: catalogId,
        database_name: table.DatabaseName!,
        table_name: table.Name,
        index_name: d.IndexName,
        doc: JSON.stringify(d),
        create_time: now,
      })
      .execute();
  }
}

export const partitionIndexOperations = [
  glueOperation('CreatePartitionIndex', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await ctx.services.store.transaction(async (trx) => {
      const table = await requireTable(trx, catalogId, input.DatabaseName, input.TableName);
      await addPartitionIndexes(trx, catalogId, table, [input.PartitionIndex]);
    });
    return {};
  }),

  glueOperation('GetPartitionIndexes', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const { db } = ctx.services.store;
    const table = await requireTable(db, catalogId, input.DatabaseName, input.TableName);
    const page = pageByOffset(await listPartitionIndexes(db, catalogId, table), input.NextToken, undefined);
    return { PartitionIndexDescriptorList: page.items, NextToken: page.nextToken };
  }),

  glueOperation('DeletePartitionIndex', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await ctx.services.store.transaction(async (trx) => {
      const table = await requireTable(trx, catalogId, input.DatabaseName, input.TableName);
      const r = await trx
        .deleteFrom('catalog_partition_indexes')
        .where('catalog_id', '=', catalogId)
        .where('database_name', '=', table.DatabaseName!)
        .where('table_name', '=', table.Name)
        .where('index_name', '=', input.IndexName)
        .executeTakeFirst();
      if (!Number(r.numDeletedRows)) throw notFound(`Partition index ${input.IndexName} not found on table ${table.Name}.`);
    });
    return {};
  }),
];
