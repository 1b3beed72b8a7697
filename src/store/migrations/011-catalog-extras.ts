// User-defined functions, partition indexes and column statistics of the Data Catalog (issue 12).
import type { Kysely, Migration } from 'kysely';

export const m011CatalogExtras: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('catalog_functions')
      .addColumn('catalog_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('database_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('create_time', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('catalog_functions_pk', ['catalog_id', 'database_name', 'name'])
      .execute();
    await db.schema
      .createTable('catalog_partition_indexes')
      .addColumn('catalog_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('database_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('table_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('index_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('create_time', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('catalog_partition_indexes_pk', ['catalog_id', 'database_name', 'table_name', 'index_name'])
      .execute();
    // values_key is '' for a table's statistics and a partition's values_key for a partition's.
    await db.schema
      .createTable('catalog_column_statistics')
      .addColumn('catalog_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('database_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('table_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('values_key', 'varchar(2048)', (c) => c.notNull())
      .addColumn('column_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('catalog_column_statistics_pk', ['catalog_id', 'database_name', 'table_name', 'values_key', 'column_name'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['catalog_column_statistics', 'catalog_partition_indexes', 'catalog_functions']) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};
