// Connection passwords at rest, as the catalog's ConnectionPasswordEncryption says: with
// ReturnConnectionPasswordEncrypted, PASSWORD is kept only as ENCRYPTED_PASSWORD, sealed under
// AwsKmsKeyId (alias/aws/glue when none is named), which is how Glue keeps it. Connectors get the
// password back through security/secrets/connection-credentials.ts.
import type { Kysely } from 'kysely';
import type { Services } from '../../kernel/services.js';
import type { DB } from '../../store/schema.js';
import { keyRing } from '../kms/index.js';
import { catalogEncryptionSettings } from './catalog-encryption.js';
import { isSealedText, sealText } from './sealed-text.js';

export const GLUE_KEY = 'alias/aws/glue';

export async function sealConnectionPassword(
  services: Services,
  db: Kysely<DB>,
  catalogId: string,
  props: Record<string, string> | undefined,
): Promise<Record<string, string> | undefined> {
  const setting = (await catalogEncryptionSettings(db, catalogId)).ConnectionPasswordEncryption;
  if (!props?.PASSWORD || !setting?.ReturnConnectionPasswordEncrypted) return props;
  const ring = keyRing(services.root, services.config);
  const key = setting.AwsKmsKeyId || ring.ensureAlias(GLUE_KEY, 'Sluice key for Glue connection passwords').Arn;
  const { PASSWORD, ...rest } = props;
  return { ...rest, ENCRYPTED_PASSWORD: isSealedText(PASSWORD) ? PASSWORD : sealText(ring, key, PASSWORD) };
}
