// Workers, run claims and leases (issue 19, src/cluster/). A claim row is what hands one run to one
// worker: its token changes whenever the claim is taken away (the worker was declared dead), and the
// run's commit checks it, so a worker that comes back after a partition cannot commit its old runs.
import type { Kysely, Migration } from 'kysely';

export const m023Cluster: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('cluster_workers')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('host', 'varchar(255)', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('labels', 'text', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('running', 'integer', (c) => c.notNull())
      .addColumn('completed', 'integer', (c) => c.notNull())
      .addColumn('started_on', 'bigint', (c) => c.notNull())
      .addColumn('beat_on', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('run_claims')
      .addColumn('run_id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(32)', (c) => c.notNull())
      .addColumn('worker_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('token', 'varchar(64)', (c) => c.notNull())
      .addColumn('host', 'varchar(255)', (c) => c.notNull())
      .addColumn('pid', 'integer')
      .addColumn('claimed_on', 'bigint', (c) => c.notNull())
      .addColumn('released_on', 'bigint')
      .execute();
    await db.schema.createIndex('run_claims_worker').on('run_claims').columns(['worker_id', 'released_on']).execute();
    await db.schema
      .createTable('cluster_leases')
      .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('holder', 'varchar(255)', (c) => c.notNull())
      .addColumn('epoch', 'integer', (c) => c.notNull())
      .addColumn('expires_on', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('cluster_leases').execute();
    await db.schema.dropTable('run_claims').execute();
    await db.schema.dropTable('cluster_workers').execute();
  },
};
