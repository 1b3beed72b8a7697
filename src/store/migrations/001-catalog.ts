import type { Kysely, Migration } from 'kysely';

export const m001Catalog: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('catalog_databases')
      .addColumn('catalog_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('create_time', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('catalog_databases_pk', ['catalog_id', 'name'])
      .execute();
    await db.schema
      .createTable('catalog_tables')
      .addColumn('catalog_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('database_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('version_id', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('create_time', 'bigint', (c) => c.notNull())
      .addColumn('update_time', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('catalog_tables_pk', ['catalog_id', 'database_name', 'name'])
      .execute();
    await db.schema
      .createTable('catalog_table_versions')
      .addColumn('catalog_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('database_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('table_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('version_id', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('catalog_table_versions_pk', ['catalog_id', 'database_name', 'table_name', 'version_id'])
      .execute();
    await db.schema
      .createTable('catalog_partitions')
      .addColumn('catalog_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('database_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('table_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('values_key', 'varchar(2048)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('creation_time', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('catalog_partitions_pk', ['catalog_id', 'database_name', 'table_name', 'values_key'])
      .execute();
    await db.schema
      .createTable('catalog_connections')
      .addColumn('catalog_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('create_time', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('catalog_connections_pk', ['catalog_id', 'name'])
      .execute();
    await db.schema
      .createTable('tags')
      .addColumn('arn', 'varchar(2048)', (c) => c.notNull())
      .addColumn('tag_key', 'varchar(128)', (c) => c.notNull())
      .addColumn('tag_value', 'varchar(256)', (c) => c.notNull())
      .addPrimaryKeyConstraint('tags_pk', ['arn', 'tag_key'])
      .execute();
    await db.schema
      .createTable('runs')
      .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(64)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('state', 'varchar(64)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('pid', 'integer')
      .addColumn('started_on', 'bigint', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('runs_kind_name').on('runs').columns(['kind', 'name', 'started_on']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of [
      'runs',
      'tags',
      'catalog_connections',
      'catalog_partitions',
      'catalog_table_versions',
      'catalog_tables',
      'catalog_databases',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
};
