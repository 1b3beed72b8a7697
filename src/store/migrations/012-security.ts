// Security (issue 14): which account owns each job, crawler, trigger, workflow and ruleset (those
// tables predate accounts; a resource without a row belongs to account.id), the Glue resource
// policies of each catalog, and the audit trail, an append-only hash chain.
import type { Kysely, Migration } from 'kysely';

export const m012Security: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('resource_owners')
      .addColumn('type', 'varchar(64)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('account_id', 'varchar(12)', (c) => c.notNull())
      .addPrimaryKeyConstraint('resource_owners_pk', ['type', 'name'])
      .execute();
    await db.schema
      .createTable('resource_policies')
      .addColumn('resource_arn', 'varchar(2048)', (c) => c.primaryKey())
      .addColumn('catalog_id', 'varchar(12)', (c) => c.notNull())
      .addColumn('policy', 'text', (c) => c.notNull())
      .addColumn('policy_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('create_time', 'bigint', (c) => c.notNull())
      .addColumn('update_time', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_records')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('time', 'bigint', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('hash', 'varchar(64)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_records_time').on('audit_records').column('time').execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['audit_records', 'resource_policies', 'resource_owners']) await db.schema.dropTable(t).execute();
  },
};
