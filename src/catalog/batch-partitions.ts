// BatchCreatePartition, BatchGetPartition, BatchUpdatePartition, BatchDeletePartition. A missing
// database or table fails the whole call; a problem with one entry is reported in Errors, left out when empty as moto shows it (or
// UnprocessedKeys) and the other entries still apply, all in one transaction. The entry limits
// (100 to create or update, 25 to delete, 1000 to get) come from the model's validator.
import { glueOperation } from '../kernel/registry.js';
import type { BatchUpdatePartitionFailureEntry, Partition, PartitionError } from '../kernel/glue-types.js';
import { catalogIdOf, requireTable } from './common.js';
import {
  deletePartitionRow,
  findPartition,
  orAlreadyExists,
  PARTITION_EXISTS,
  PARTITION_NOT_FOUND,
  partitionDocs,
  partitionFromInput,
  partitionRow,
  replacePartitionRow,
  reviveWithoutColumns,
  valuesKey,
  valuesProblem,
} from './partition-rows.js';

const detail = (ErrorCode: string, ErrorMessage: string) => ({ ErrorCode, ErrorMessage });

export const batchPartitionOperations = [
  glueOperation('BatchCreatePartition', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const Errors: PartitionError[] = [];
    await orAlreadyExists(() =>
      ctx.services.store.transaction(async (trx) => {
        const table = await requireTable(trx, catalogId, input.DatabaseName, input.TableName);
        const keys = input.PartitionInputList.map((p) => (p.Values ? valuesKey(p.Values) : ''));
        const taken = new Set((await partitionDocs(trx, catalogId, table, keys.filter(Boolean))).keys());
        const now = new Date();
        const rows = [];
        for (const [i, p] of input.PartitionInputList.entries()) {
          const problem = valuesProblem(table, p.Values);
          if (problem) Errors.push({ PartitionValues: p.Values ?? [], ErrorDetail: detail('InvalidInputException', problem) });
          else if (taken.has(keys[i]))
            Errors.push({ PartitionValues: p.Values, ErrorDetail: detail('AlreadyExistsException', PARTITION_EXISTS) });
          else {
            taken.add(keys[i]);
            rows.push(partitionRow(catalogId, partitionFromInput(p, table, catalogId, now)));
          }
        }
        if (rows.length) await trx.insertInto('catalog_partitions').values(rows).execute();
      }),
    );
    return Errors.length ? { Errors } : {};
  }),

  glueOperation('BatchGetPartition', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const db = ctx.services.store.db;
    const table = await requireTable(db, catalogId, input.DatabaseName, input.TableName);
    const docs = await partitionDocs(
      db,
      catalogId,
      table,
      input.PartitionsToGet.map((p) => valuesKey(p.Values)),
    );
    const Partitions: Partition[] = [];
    const UnprocessedKeys: { Values: string[] }[] = [];
    const returned = new Set<string>();
    for (const { Values } of input.PartitionsToGet) {
      const key = valuesKey(Values);
      const doc = docs.get(key);
      if (doc === undefined) UnprocessedKeys.push({ Values });
      else if (!returned.has(key)) {
        returned.add(key);
        Partitions.push(reviveWithoutColumns(doc, false));
      }
    }
    return { Partitions, UnprocessedKeys };
  }),

  glueOperation('BatchUpdatePartition', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const Errors: BatchUpdatePartitionFailureEntry[] = [];
    await ctx.services.store.transaction(async (trx) => {
      const table = await requireTable(trx, catalogId, input.DatabaseName, input.TableName);
      for (const { PartitionValueList, PartitionInput } of input.Entries) {
        const fail = (code: string, message: string) => Errors.push({ PartitionValueList, ErrorDetail: detail(code, message) });
        const newValues = PartitionInput.Values ?? PartitionValueList;
        const current = await findPartition(trx, catalogId, table, PartitionValueList);
        if (!current) {
          fail('EntityNotFoundException', PARTITION_NOT_FOUND);
          continue;
        }
        const problem = valuesProblem(table, newValues);
        if (problem) {
          fail('InvalidInputException', problem);
          continue;
        }
        if (valuesKey(newValues) !== valuesKey(PartitionValueList) && (await findPartition(trx, catalogId, table, newValues))) {
          fail('AlreadyExistsException', PARTITION_EXISTS);
          continue;
        }
        const partition = partitionFromInput(
          { ...PartitionInput, Values: newValues },
          table,
          catalogId,
          current.CreationTime ?? new Date(),
        );
        await replacePartitionRow(trx, catalogId, table, PartitionValueList, partition);
      }
    });
    return Errors.length ? { Errors } : {};
  }),

  glueOperation('BatchDeletePartition', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const Errors: PartitionError[] = [];
    await ctx.services.store.transaction(async (trx) => {
      const table = await requireTable(trx, catalogId, input.DatabaseName, input.TableName);
      for (const { Values } of input.PartitionsToDelete) {
        if (!(await deletePartitionRow(trx, catalogId, table, Values))) {
          Errors.push({ PartitionValues: Values, ErrorDetail: detail('EntityNotFoundException', PARTITION_NOT_FOUND) });
        }
      }
    });
    return Errors.length ? { Errors } : {};
  }),
];
