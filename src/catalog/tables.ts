// Tables: CreateTable, GetTable, GetTables, UpdateTable, DeleteTable, BatchDeleteTable.
// Every change of a table writes a row in catalog_table_versions (the current version included),
// so GetTableVersions shows the history and UpdateTable's SkipArchive can drop the previous one.
import type { Transaction } from 'kysely';
import { glueOperation, type CallContext } from '../kernel/registry.js';
import { alreadyExists, invalidInput, SluiceError, notFound } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import { pageByOffset } from '../kernel/pagination.js';
import type { Table, TableInput } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';
import { catalogIdOf, findTable, namePattern, norm, requireDatabase, requireTable } from './common.js';
import { addPartitionIndexes } from './partition-indexes.js';
import { createIcebergTable } from './iceberg-tables.js';

export function tableFromInput(
  input: TableInput,
  base: { database: string; catalogId: string; createTime: Date; version: number; createdBy: string },
): Table {
  const { ViewDefinition: _view, Name, ...rest } = input;
  return {
    ...rest,
    Name: norm(Name),
    DatabaseName: base.database,
    CreateTime: base.createTime,
    UpdateTime: new Date(),
    Retention: input.Retention ?? 0,
    CreatedBy: base.createdBy,
    IsRegisteredWithLakeFormation: false,
    CatalogId: base.catalogId,
    VersionId: String(base.version),
    IsMultiDialectView: false,
  };
}

function requireTableInput(t: TableInput | undefined): TableInput {
  if (!t) throw invalidInput('TableInput is required (it names the table, also for OpenTableFormatInput).');
  return t;
}

const principal = (ctx: CallContext) => `arn:aws:iam::${ctx.accountId}:user/sluice`;

/** Writes the table as its current version, and its version row. */
export async function saveTable(trx: Transaction<DB>, catalogId: string, table: Table, isNew: boolean): Promise<void> {
  const row = {
    catalog_id: catalogId,
    database_name: table.DatabaseName!,
    name: table.Name,
    version_id: Number(table.VersionId),
    doc: JSON.stringify(table),
    create_time: table.CreateTime!.getTime(),
    update_time: table.UpdateTime!.getTime(),
  };
  if (isNew) await trx.insertInto('catalog_tables').values(row).execute();
  else
    await trx
      .updateTable('catalog_tables')
      .set(row)
      .where('catalog_id', '=', catalogId)
      .where('database_name', '=', row.database_name)
      .where('name', '=', row.name)
      .execute();
  await trx
    .insertInto('catalog_table_versions')
    .values({ catalog_id: catalogId, database_name: row.database_name, table_name: row.name, version_id: row.version_id, doc: row.doc })
    .execute();
}

export async function deleteTableRows(trx: Transaction<DB>, catalogId: string, database: string, name: string): Promise<boolean> {
  const r = await trx
    .deleteFrom('catalog_tables')
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', database)
    .where('name', '=', name)
    .executeTakeFirst();
  for (const t of ['catalog_table_versions', 'catalog_partitions', 'catalog_partition_indexes', 'catalog_column_statistics'] as const) {
    await trx
      .deleteFrom(t)
      .where('catalog_id', '=', catalogId)
      .where('database_name', '=', database)
      .where('table_name', '=', name)
      .execute();
  }
  return Number(r.numDeletedRows) > 0;
}

export const tableOperations = [
  glueOperation(
    'CreateTable',
    async (input, ctx) => {
      const catalogId = catalogIdOf(input, ctx);
      let tableInput = requireTableInput(input.TableInput);
      const iceberg = input.OpenTableFormatInput?.IcebergInput;
      if (iceberg) {
        // The first metadata file is written before the table row; a row that then fails to insert
        // leaves an unreferenced file, never a table without metadata.
        const db = await requireDatabase(ctx.services.store.db, catalogId, input.DatabaseName);
        if (await findTable(ctx.services.store.db, catalogId, db.Name, tableInput.Name)) throw alreadyExists('Table already exists.');
        tableInput = await createIcebergTable(ctx.services.storage, tableInput, iceberg);
      }
      await ctx.services.store.transaction(async (trx) => {
        const db = await requireDatabase(trx, catalogId, input.DatabaseName);
        if (await findTable(trx, catalogId, db.Name, tableInput.Name)) throw alreadyExists('Table already exists.');
        const table = tableFromInput(tableInput, {
          database: db.Name,
          catalogId,
          createTime: new Date(),
          version: 0,
          createdBy: principal(ctx),
        });
        await saveTable(trx, catalogId, table, true);
        // In the same transaction: a refused index leaves no table behind.
        if (input.PartitionIndexes?.length) await addPartitionIndexes(trx, catalogId, table, input.PartitionIndexes);
      });
      return {};
    },
    { partial: 'TransactionId is accepted and ignored; OpenTableFormatInput.IcebergInput creates Iceberg v2 tables of primitive columns' },
  ),

  glueOperation('GetTable', async (input, ctx) => ({
    Table: await requireTable(ctx.services.store.db, catalogIdOf(input, ctx), input.DatabaseName, input.Name),
  })),

  glueOperation('GetTables', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const db = await requireDatabase(ctx.services.store.db, catalogId, input.DatabaseName);
    const rows = await ctx.services.store.db
      .selectFrom('catalog_tables')
      .select(['name', 'doc'])
      .where('catalog_id', '=', catalogId)
      .where('database_name', '=', db.Name)
      .orderBy('name')
      .execute();
    const matches = namePattern(input.Expression);
    const page = pageByOffset(
      rows.filter((r) => matches(r.name)),
      input.NextToken,
      input.MaxResults,
    );
    return { TableList: page.items.map((r) => reviveDates<Table>('Table', JSON.parse(r.doc))), NextToken: page.nextToken };
  }),

  glueOperation(
    'UpdateTable',
    async (input, ctx) => {
      const catalogId = catalogIdOf(input, ctx);
      const tableInput = requireTableInput(input.TableInput);
      await ctx.services.store.transaction(async (trx) => {
        const current = await requireTable(trx, catalogId, input.DatabaseName, tableInput.Name);
        if (input.VersionId !== undefined && input.VersionId !== current.VersionId) {
          throw new SluiceError(
            'ConcurrentModificationException',
            `Table ${current.Name} was modified: version ${input.VersionId} was requested but the current version is ${current.VersionId}.`,
          );
        }
        const version = Number(current.VersionId) + 1;
        const table = tableFromInput(tableInput, {
          database: current.DatabaseName!,
          catalogId,
          createTime: current.CreateTime!,
          version,
          createdBy: current.CreatedBy ?? principal(ctx),
        });
        if (input.SkipArchive) {
          await trx
            .deleteFrom('catalog_table_versions')
            .where('catalog_id', '=', catalogId)
            .where('database_name', '=', current.DatabaseName!)
            .where('table_name', '=', current.Name)
            .where('version_id', '=', Number(current.VersionId))
            .execute();
        }
        await saveTable(trx, catalogId, table, false);
      });
      return {};
    },
    { partial: 'TransactionId, ViewUpdateAction, Force and UpdateOpenTableFormatInput are accepted and ignored' },
  ),

  glueOperation('DeleteTable', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await ctx.services.store.transaction(async (trx) => {
      const db = await requireDatabase(trx, catalogId, input.DatabaseName);
      if (!(await deleteTableRows(trx, catalogId, db.Name, norm(input.Name)))) throw notFound(`Table ${input.Name} not found.`);
    });
    return {};
  }),

  glueOperation('BatchDeleteTable', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const Errors: { TableName: string; ErrorDetail: { ErrorCode: string; ErrorMessage: string } }[] = [];
    await ctx.services.store.transaction(async (trx) => {
      const db = await requireDatabase(trx, catalogId, input.DatabaseName);
      for (const name of input.TablesToDelete) {
        if (!(await deleteTableRows(trx, catalogId, db.Name, norm(name)))) {
          Errors.push({ TableName: name, ErrorDetail: { ErrorCode: 'EntityNotFoundException', ErrorMessage: `Table ${name} not found.` } });
        }
      }
    });
    return { Errors };
  }),
];
