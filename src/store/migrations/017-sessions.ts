// Interactive sessions and their statements, and dev endpoints (issue 12). A session and a dev
// endpoint are Glue documents keyed by their Id/name; statements are numbered per session from 0.
import type { Kysely, Migration } from 'kysely';

export const m017Sessions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('status', 'varchar(32)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('request_origin', 'varchar(128)')
      .addColumn('statement_seq', 'integer', (c) => c.notNull())
      .addColumn('timeout_minutes', 'integer', (c) => c.notNull())
      .addColumn('idle_timeout_minutes', 'integer', (c) => c.notNull())
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .addColumn('active_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('session_statements')
      .addColumn('session_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('id', 'integer', (c) => c.notNull())
      .addColumn('state', 'varchar(32)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('session_statements_pk', ['session_id', 'id'])
      .execute();
    await db.schema
      .createTable('dev_endpoints')
      .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('dev_endpoints').execute();
    await db.schema.dropTable('session_statements').execute();
    await db.schema.dropTable('sessions').execute();
  },
};
