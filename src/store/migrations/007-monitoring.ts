// Monitoring (issue 8): metric history for the dashboard's charts, alarm states and their history,
// the notification outbox (delivered with retries, apart from the runs they tell about), the runs and
// quality results the monitor has already judged, and the run states it saw on the way.
import type { Kysely, Migration } from 'kysely';

export const m007Monitoring: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('metric_points')
      .addColumn('series', 'varchar(255)', (c) => c.notNull())
      .addColumn('subject', 'varchar(1024)', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('run_id', 'varchar(255)')
      .execute();
    await db.schema.createIndex('metric_points_series').on('metric_points').columns(['series', 'subject', 'at']).execute();
    await db.schema.createIndex('metric_points_at').on('metric_points').column('at').execute();

    await db.schema
      .createTable('alarm_states')
      .addColumn('alarm', 'varchar(255)', (c) => c.notNull())
      .addColumn('subject', 'varchar(1024)', (c) => c.notNull())
      .addColumn('state', 'varchar(32)', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision')
      .addColumn('threshold', 'double precision')
      .addColumn('memo', 'text')
      .addColumn('run_id', 'varchar(255)')
      .addColumn('changed_on', 'bigint', (c) => c.notNull())
      .addColumn('evaluated_on', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('alarm_states_pk', ['alarm', 'subject'])
      .execute();

    await db.schema
      .createTable('alarm_history')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('alarm', 'varchar(255)', (c) => c.notNull())
      .addColumn('subject', 'varchar(1024)', (c) => c.notNull())
      .addColumn('severity', 'varchar(16)', (c) => c.notNull())
      .addColumn('old_state', 'varchar(32)', (c) => c.notNull())
      .addColumn('new_state', 'varchar(32)', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision')
      .addColumn('threshold', 'double precision')
      .addColumn('run_id', 'varchar(255)')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('alarm_history_at').on('alarm_history').columns(['at']).execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('history_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('notifier', 'varchar(255)', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_on', 'bigint', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notifications_due').on('notifications').columns(['state', 'next_attempt_on']).execute();

    await db.schema
      .createTable('monitor_seen')
      .addColumn('source', 'varchar(32)', (c) => c.notNull())
      .addColumn('id', 'varchar(255)', (c) => c.notNull())
      .addColumn('seen_on', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('monitor_seen_pk', ['source', 'id'])
      .execute();

    await db.schema
      .createTable('run_states')
      .addColumn('run_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('state', 'varchar(32)', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_states_pk', ['run_id', 'state'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['run_states', 'monitor_seen', 'notifications', 'alarm_history', 'alarm_states', 'metric_points'])
      await db.schema.dropTable(t).execute();
  },
};
