// What a security configuration asks of a run: how its S3 output is encrypted, and under which KMS
// keys its bookmark and its log are sealed. Modes that ask for nothing give undefined.
import type { Kysely } from 'kysely';
import { notFound } from '../../kernel/errors.js';
import type { DB } from '../../store/schema.js';
import type { ObjectEncryption } from '../../storage/object-store.js';
import { findSecurityConfiguration } from './security-configurations.js';

export interface RunEncryption {
  /** The security configuration's name. */
  name: string;
  /** How output objects are written (SSE-S3 / SSE-KMS; on local folders sealed on the client). */
  output?: ObjectEncryption;
  /** KMS key sealing the job bookmark (JobBookmarksEncryption CSE-KMS). */
  bookmarks?: string;
  /** KMS key sealing the run log (CloudWatchEncryption SSE-KMS). */
  logs?: string;
}

export async function runEncryption(
  db: Kysely<DB>,
  accountId: string,
  name: string | undefined,
  user: string,
): Promise<RunEncryption | undefined> {
  if (!name) return undefined;
  const config = (await findSecurityConfiguration(db, accountId, name))?.EncryptionConfiguration;
  if (!config) throw notFound(`${user} names security configuration ${name}, which does not exist.`);
  const s3 = config.S3Encryption?.[0];
  const output: ObjectEncryption | undefined =
    s3?.S3EncryptionMode === 'SSE-S3'
      ? { mode: 'SSE-S3' }
      : s3?.S3EncryptionMode === 'SSE-KMS'
        ? { mode: 'SSE-KMS', key: s3.KmsKeyArn }
        : undefined;
  const bookmarks =
    config.JobBookmarksEncryption?.JobBookmarksEncryptionMode === 'CSE-KMS' ? config.JobBookmarksEncryption.KmsKeyArn : undefined;
  const logs = config.CloudWatchEncryption?.CloudWatchEncryptionMode === 'SSE-KMS' ? config.CloudWatchEncryption.KmsKeyArn : undefined;
  return { name, output, bookmarks: bookmarks || undefined, logs: logs || undefined };
}
