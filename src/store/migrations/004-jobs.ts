// Jobs (issue 4): job definitions, their bookmarks (current state and the state each run committed,
// for rewinds) and per-run details that are not part of the Glue JobRun (progress, metrics, lineage,
// the host and pids that let a dead run be detected). Runs themselves live in the generic `runs` table.
import type { Kysely, Migration } from 'kysely';

export const m004Jobs: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('jobs')
      .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('run_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('job_bookmarks')
      .addColumn('job_name', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('run', 'integer', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('run_id', 'varchar(255)')
      .addColumn('previous_run_id', 'varchar(255)')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('job_bookmark_history')
      .addColumn('job_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('run_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('run', 'integer', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('previous_run_id', 'varchar(255)')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('job_bookmark_history_pk', ['job_name', 'run_id'])
      .execute();
    await db.schema
      .createTable('job_run_details')
      .addColumn('run_id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('job_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('host', 'varchar(255)', (c) => c.notNull())
      .addColumn('executor_pid', 'integer')
      .addColumn('progress', 'text', (c) => c.notNull())
      .addColumn('metrics', 'text')
      .addColumn('lineage', 'text')
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('job_run_details_job').on('job_run_details').column('job_name').execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['job_run_details', 'job_bookmark_history', 'job_bookmarks', 'jobs']) await db.schema.dropTable(t).execute();
  },
};
