// Encryption (issue 14): Glue security configurations, and each catalog's encryption settings
// (PutDataCatalogEncryptionSettings). Both kept as their Glue JSON documents.
import type { Kysely, Migration } from 'kysely';

export const m013Encryption: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('security_configurations')
      .addColumn('account_id', 'varchar(32)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('created_on', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('security_configurations_pk', ['account_id', 'name'])
      .execute();
    await db.schema
      .createTable('catalog_encryption_settings')
      .addColumn('catalog_id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('updated_on', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('catalog_encryption_settings').execute();
    await db.schema.dropTable('security_configurations').execute();
  },
};
