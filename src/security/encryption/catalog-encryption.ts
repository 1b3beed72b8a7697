// PutDataCatalogEncryptionSettings / GetDataCatalogEncryptionSettings: one document per catalog.
// ConnectionPasswordEncryption is acted on (connection-passwords.ts); EncryptionAtRest is kept and
// returned, and the metadata store itself is not encrypted (docs/security.md says why).
import type { Kysely } from 'kysely';
import { glueOperation } from '../../kernel/registry.js';
import { invalidInput } from '../../kernel/errors.js';
import type { DataCatalogEncryptionSettings } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';

/** What Glue answers for a catalog whose settings were never put. */
const DEFAULT_SETTINGS: DataCatalogEncryptionSettings = {
  EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' },
  ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: false },
};

export async function catalogEncryptionSettings(db: Kysely<DB>, catalogId: string): Promise<DataCatalogEncryptionSettings> {
  const row = await db.selectFrom('catalog_encryption_settings').select('doc').where('catalog_id', '=', catalogId).executeTakeFirst();
  return row ? (JSON.parse(row.doc) as DataCatalogEncryptionSettings) : DEFAULT_SETTINGS;
}

function validate(s: DataCatalogEncryptionSettings): void {
  const rest = s.EncryptionAtRest;
  if (rest?.CatalogEncryptionMode === 'SSE-KMS-WITH-SERVICE-ROLE' && !rest.CatalogEncryptionServiceRole)
    throw invalidInput('CatalogEncryptionServiceRole is required when CatalogEncryptionMode is SSE-KMS-WITH-SERVICE-ROLE.');
}

export const catalogEncryptionOperations = [
  glueOperation(
    'PutDataCatalogEncryptionSettings',
    async (input, ctx) => {
      validate(input.DataCatalogEncryptionSettings);
      const catalogId = input.CatalogId ?? ctx.accountId;
      const doc = JSON.stringify(input.DataCatalogEncryptionSettings);
      const now = Date.now();
      await ctx.services.store.db
        .insertInto('catalog_encryption_settings')
        .values({ catalog_id: catalogId, doc, updated_on: now })
        .onConflict((oc) => oc.column('catalog_id').doUpdateSet({ doc, updated_on: now }))
        .execute();
      return {};
    },
    { partial: 'EncryptionAtRest is stored and returned; the metadata store is not encrypted' },
  ),

  glueOperation('GetDataCatalogEncryptionSettings', async (input, ctx) => ({
    DataCatalogEncryptionSettings: await catalogEncryptionSettings(ctx.services.store.db, input.CatalogId ?? ctx.accountId),
  })),
];
