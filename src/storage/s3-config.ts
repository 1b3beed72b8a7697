// What the `s3` section of sluice.yaml must say for a bucket to be reachable, checked without the
// AWS SDK (lazy-s3-store.ts loads it only on first use). Credentials given there are used as they
// are; when none are given the SDK's default chain (env, profile, IMDS …) applies.
import { invalidInput } from '../kernel/errors.js';
import type { SluiceConfig } from '../config/schema.js';
import { resolveSecret } from '../config/secrets.js';

export type S3Config = NonNullable<SluiceConfig['s3']>;

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Throws InvalidInputException naming location when config cannot reach the bucket. */
export function checkS3Location(location: string, bucket: string, config: S3Config | undefined): asserts config is S3Config {
  if (!config) throw invalidInput(`Cannot reach ${location}: sluice.yaml has no s3 section (endpoint, region, credentials)`);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw invalidInput(`Cannot reach ${location}: '${bucket}' is not a valid bucket name`);
  s3Credentials(config, location);
}

/** The configured credentials, or undefined for the SDK's default chain. */
export function s3Credentials(config: S3Config, location: string): S3Credentials | undefined {
  let accessKeyId: string | undefined;
  let secretAccessKey: string | undefined;
  try {
    accessKeyId = resolveSecret(config.accessKeyId, 's3.accessKeyId');
    secretAccessKey = resolveSecret(config.secretAccessKey, 's3.secretAccessKey');
  } catch (e) {
    throw invalidInput(`Cannot reach ${location}: ${(e as Error).message}`);
  }
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    const missing = accessKeyId === undefined ? 's3.accessKeyId' : 's3.secretAccessKey';
    throw invalidInput(
      `Cannot reach ${location}: sluice.yaml sets only one of s3.accessKeyId and s3.secretAccessKey; ${missing} is missing`,
    );
  }
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}
