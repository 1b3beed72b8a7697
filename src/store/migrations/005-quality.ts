// Data quality (issue 5): rulesets, results, and the metric history that dynamic rules and anomaly
// detection read. Evaluation and recommendation runs live in the generic `runs` table.
import type { Kysely, Migration } from 'kysely';

export const m005Quality: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('dq_rulesets')
      .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('dq_results')
      .addColumn('result_id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('source_key', 'varchar(1024)', (c) => c.notNull())
      .addColumn('ruleset_name', 'varchar(255)')
      .addColumn('run_id', 'varchar(255)')
      .addColumn('job_name', 'varchar(255)')
      .addColumn('job_run_id', 'varchar(255)')
      .addColumn('started_on', 'bigint', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dq_results_source').on('dq_results').columns(['source_key', 'started_on']).execute();
    await db.schema
      .createTable('dq_metrics')
      .addColumn('source_key', 'varchar(1024)', (c) => c.notNull())
      .addColumn('result_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('recorded_on', 'bigint', (c) => c.notNull())
      // Metric names carry the rule's where clause, so they can be long: text, and not indexed.
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dq_metrics_source').on('dq_metrics').columns(['source_key', 'recorded_on']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['dq_metrics', 'dq_results', 'dq_rulesets']) await db.schema.dropTable(t).execute();
  },
};
