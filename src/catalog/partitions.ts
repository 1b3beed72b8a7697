// Partitions one at a time: CreatePartition, GetPartition, UpdatePartition, DeletePartition.
// GetPartitions is in get-partitions.ts and the Batch* operations in batch-partitions.ts.
// Values that do not line up with the partition keys are refused where a partition is written; a
// lookup with them finds nothing (EntityNotFoundException), since no such partition can exist.
import { glueOperation } from '../kernel/registry.js';
import { alreadyExists, notFound } from '../kernel/errors.js';
import { catalogIdOf, requireTable } from './common.js';
import {
  deletePartitionRow,
  findPartition,
  orAlreadyExists,
  PARTITION_EXISTS,
  PARTITION_NOT_FOUND,
  partitionFromInput,
  partitionRow,
  replacePartitionRow,
  requireValues,
  valuesKey,
} from './partition-rows.js';

export const partitionOperations = [
  glueOperation('CreatePartition', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await orAlreadyExists(() =>
      ctx.services.store.transaction(async (trx) => {
        const table = await requireTable(trx, catalogId, input.DatabaseName, input.TableName);
        const values = requireValues(table, input.PartitionInput.Values);
        if (await findPartition(trx, catalogId, table, values)) throw alreadyExists(PARTITION_EXISTS);
        const partition = partitionFromInput(input.PartitionInput, table, catalogId, new Date());
        await trx.insertInto('catalog_partitions').values(partitionRow(catalogId, partition)).execute();
      }),
    );
    return {};
  }),

  glueOperation('GetPartition', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const db = ctx.services.store.db;
    const table = await requireTable(db, catalogId, input.DatabaseName, input.TableName);
    const partition = await findPartition(db, catalogId, table, input.PartitionValues);
    if (!partition) throw notFound(PARTITION_NOT_FOUND);
    return { Partition: partition };
  }),

  glueOperation('UpdatePartition', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await orAlreadyExists(() =>
      ctx.services.store.transaction(async (trx) => {
        const table = await requireTable(trx, catalogId, input.DatabaseName, input.TableName);
        const oldValues = input.PartitionValueList;
        const current = await findPartition(trx, catalogId, table, oldValues);
        if (!current) throw notFound(PARTITION_NOT_FOUND);
        // The model says Values cannot change, but Glue (and Hive's ALTER PARTITION … RENAME) moves
        // the partition when they do; an absent Values keeps the partition where it is.
        const newValues = requireValues(table, input.PartitionInput.Values ?? oldValues);
        if (valuesKey(newValues) !== valuesKey(oldValues) && (await findPartition(trx, catalogId, table, newValues))) {
          throw alreadyExists(PARTITION_EXISTS);
        }
        const partition = partitionFromInput(
          { ...input.PartitionInput, Values: newValues },
          table,
          catalogId,
          current.CreationTime ?? new Date(),
        );
        await replacePartitionRow(trx, catalogId, table, oldValues, partition);
      }),
    );
    return {};
  }),

  glueOperation('DeletePartition', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await ctx.services.store.transaction(async (trx) => {
      const table = await requireTable(trx, catalogId, input.DatabaseName, input.TableName);
      if (!(await deletePartitionRow(trx, catalogId, table, input.PartitionValues))) throw notFound(PARTITION_NOT_FOUND);
    });
    return {};
  }),
];
