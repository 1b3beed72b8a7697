// The commit intents of runs (issue 13): a row per run whose output is decided but may not all be in
// place yet, written in the run's SUCCEEDED transaction and deleted once every staged object moved.
import type { Kysely, Migration } from 'kysely';

export const m010RunCommits: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('run_commits')
      .addColumn('run_id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(32)', (c) => c.notNull())
      .addColumn('host', 'varchar(255)', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('stages', 'text', (c) => c.notNull())
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('run_commits').execute();
  },
};
