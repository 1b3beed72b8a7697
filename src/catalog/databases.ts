// Databases: CreateDatabase, GetDatabase, GetDatabases, UpdateDatabase, DeleteDatabase.
// Deleting a database deletes its tables (with their versions, partitions, partition indexes and column
// statistics) and its user-defined functions, in one transaction.
import { glueOperation } from '../kernel/registry.js';
import { alreadyExists, invalidInput, notFound } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import { pageByOffset } from '../kernel/pagination.js';
import type { Database } from '../kernel/glue-types.js';
import { catalogIdOf, norm, requireDatabase } from './common.js';
import { putTags } from '../tags/tags.js';

export const databaseOperations = [
  glueOperation('CreateDatabase', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const { Name, ...rest } = input.DatabaseInput;
    const now = new Date();
    const doc: Database = { Name: norm(Name), ...rest, CreateTime: now, CatalogId: catalogId };
    doc.CreateTableDefaultPermissions ??= [{ Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Permissions: ['ALL'] }];
    await ctx.services.store.transaction(async (trx) => {
      const exists = await trx
        .selectFrom('catalog_databases')
        .select('name')
        .where('catalog_id', '=', catalogId)
        .where('name', '=', doc.Name)
        .executeTakeFirst();
      if (exists) throw alreadyExists('Database already exists.');
      await trx
        .insertInto('catalog_databases')
        .values({ catalog_id: catalogId, name: doc.Name, doc: JSON.stringify(doc), create_time: now.getTime() })
        .execute();
    });
    await putTags(ctx.services.store.db, `arn:aws:glue:${ctx.region}:${catalogId}:database/${doc.Name}`, input.Tags);
    return {};
  }),

  glueOperation('GetDatabase', async (input, ctx) => ({
    Database: await requireDatabase(ctx.services.store.db, catalogIdOf(input, ctx), input.Name),
  })),

  glueOperation('GetDatabases', async (input, ctx) => {
    const rows = await ctx.services.store.db
      .selectFrom('catalog_databases')
      .select(['name', 'doc'])
      .where('catalog_id', '=', catalogIdOf(input, ctx))
      .orderBy('name')
      .execute();
    const page = pageByOffset(rows, input.NextToken, input.MaxResults);
    return {
      DatabaseList: page.items.map((r) => reviveDates<Database>('Database', JSON.parse(r.doc))),
      NextToken: page.nextToken,
    };
  }),

  glueOperation('UpdateDatabase', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const { Name: newName, ...rest } = input.DatabaseInput;
    if (norm(newName) !== norm(input.Name)) throw invalidInput('Renaming a database is not supported: DatabaseInput.Name must equal Name.');
    await ctx.services.store.transaction(async (trx) => {
      const current = await requireDatabase(trx, catalogId, input.Name);
      const doc: Database = { Name: current.Name, ...rest, CreateTime: current.CreateTime, CatalogId: catalogId };
      doc.CreateTableDefaultPermissions ??= current.CreateTableDefaultPermissions;
      await trx
        .updateTable('catalog_databases')
        .set({ doc: JSON.stringify(doc) })
        .where('catalog_id', '=', catalogId)
        .where('name', '=', current.Name)
        .execute();
    });
    return {};
  }),

  glueOperation('DeleteDatabase', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const name = norm(input.Name);
    await ctx.services.store.transaction(async (trx) => {
      const r = await trx.deleteFrom('catalog_databases').where('catalog_id', '=', catalogId).where('name', '=', name).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound(`Database ${input.Name} not found.`);
      for (const t of [
        'catalog_tables',
        'catalog_table_versions',
        'catalog_partitions',
        'catalog_partition_indexes',
        'catalog_column_statistics',
        'catalog_functions',
      ] as const) {
        await trx.deleteFrom(t).where('catalog_id', '=', catalogId).where('database_name', '=', name).execute();
      }
    });
    return {};
  }),
];
