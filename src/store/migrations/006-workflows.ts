// Workflows and triggers (issue 6): definitions, the state of each workflow run (and of each trigger
// chain outside workflows) beside its row in `runs`, the actions and firings of each run (their
// primary keys are what make a firing or a scheduled slot happen once), the scheduler's slots, the
// event watcher's memory of files and events, the server's heartbeat, retry claims for runs whose
// supervisor died, and what `sluice apply` manages.
import type { Kysely, Migration } from 'kysely';

export const m006Workflows: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('workflows')
      .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('run_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('triggers')
      .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('workflow_name', 'varchar(255)')
      .addColumn('type', 'varchar(32)', (c) => c.notNull())
      .addColumn('state', 'varchar(32)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('watch', 'text')
      .addColumn('activated_on', 'bigint')
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('triggers_workflow').on('triggers').column('workflow_name').execute();
    await db.schema
      .createTable('workflow_run_state')
      .addColumn('run_id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(32)', (c) => c.notNull())
      .addColumn('workflow_name', 'varchar(255)')
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('properties', 'text', (c) => c.notNull())
      .addColumn('cascade', 'integer', (c) => c.notNull())
      .addColumn('lease_owner', 'varchar(255)')
      .addColumn('lease_until', 'bigint', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('workflow_run_actions')
      .addColumn('run_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('trigger_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('node_type', 'varchar(16)', (c) => c.notNull())
      .addColumn('target', 'varchar(255)', (c) => c.notNull())
      .addColumn('request', 'text', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('child_id', 'varchar(255)')
      .addColumn('error', 'text')
      .addColumn('claimed_on', 'bigint', (c) => c.notNull())
      .addColumn('started_on', 'bigint')
      .addPrimaryKeyConstraint('workflow_run_actions_pk', ['run_id', 'seq'])
      .execute();
    await db.schema
      .createTable('workflow_run_firings')
      .addColumn('run_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('trigger_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('fired_on', 'bigint', (c) => c.notNull())
      .addColumn('copied', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('workflow_run_firings_pk', ['run_id', 'trigger_name'])
      .execute();
    await db.schema
      .createTable('schedule_slots')
      .addColumn('owner', 'varchar(300)', (c) => c.notNull())
      .addColumn('slot', 'bigint', (c) => c.notNull())
      .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
      .addColumn('run_id', 'varchar(255)')
      .addColumn('note', 'text')
      .addColumn('recorded_on', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('schedule_slots_pk', ['owner', 'slot'])
      .execute();
    await db.schema
      .createTable('trigger_watch_files')
      .addColumn('trigger_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('object_url', 'varchar(2048)', (c) => c.notNull())
      .addColumn('fingerprint', 'varchar(255)', (c) => c.notNull())
      .addPrimaryKeyConstraint('trigger_watch_files_pk', ['trigger_name', 'object_url'])
      .execute();
    await db.schema
      .createTable('trigger_events')
      .addColumn('event_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('trigger_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('object_url', 'varchar(2048)', (c) => c.notNull())
      .addColumn('received_on', 'bigint', (c) => c.notNull())
      .addColumn('run_id', 'varchar(255)')
      .execute();
    await db.schema.createIndex('trigger_events_pending').on('trigger_events').columns(['trigger_name', 'run_id']).execute();
    await db.schema
      .createTable('sluice_servers')
      .addColumn('owner', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('host', 'varchar(255)', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('started_on', 'bigint', (c) => c.notNull())
      .addColumn('beat_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('job_retry_claims')
      .addColumn('run_id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('claimed_on', 'bigint', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .execute();
    await db.schema
      .createTable('pipeline_resources')
      .addColumn('kind', 'varchar(32)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('applied_on', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('pipeline_resources_pk', ['kind', 'name'])
      .execute();
  },
  async down(db: Kysely<any>) {
    const tables = [
      'pipeline_resources',
      'job_retry_claims',
      'sluice_servers',
      'trigger_events',
      'trigger_watch_files',
      'schedule_slots',
      'workflow_run_firings',
      'workflow_run_actions',
      'workflow_run_state',
      'triggers',
      'workflows',
    ];
    for (const t of tables) await db.schema.dropTable(t).execute();
  },
};
