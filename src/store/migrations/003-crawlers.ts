// Crawlers (issue 3): crawler definitions, custom classifiers, and each crawler's memory of the
// folders it has crawled (what CRAWL_NEW_FOLDERS_ONLY skips, and which table each folder fed).
// Crawls themselves are rows of the generic `runs` table (kind 'crawl').
import type { Kysely, Migration } from 'kysely';

export const m003Crawlers: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('crawlers')
      .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('state', 'varchar(32)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('classifiers')
      .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(32)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('crawler_folders')
      .addColumn('crawler_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('folder', 'varchar(2048)', (c) => c.notNull())
      .addColumn('database_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('table_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('crawl_id', 'varchar(255)', (c) => c.notNull())
      .addPrimaryKeyConstraint('crawler_folders_pk', ['crawler_name', 'folder'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['crawler_folders', 'classifiers', 'crawlers']) await db.schema.dropTable(t).execute();
  },
};
