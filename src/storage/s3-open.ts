// Builds the S3 client for a bucket from the `s3` section of sluice.yaml. Credentials given there
// are used as they are; when none are given the SDK's default chain (env, profile, IMDS …) applies.
import { S3Client } from '@aws-sdk/client-s3';
import { invalidInput } from '../api/errors.js';
import { resolveSecret, type SluiceConfig } from '../config/schema.js';
import { S3ObjectStore, type S3StoreOptions } from './s3-object-store.js';

type S3Config = NonNullable<SluiceConfig['s3']>;

export function openS3Store(location: string, bucket: string, config: SluiceConfig['s3'], tempDir: string, options: S3StoreOptions = {}): S3ObjectStore {
  if (!config) throw invalidInput(`Cannot reach ${location}: sluice.yaml has no s3 section (endpoint, region, credentials)`);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw invalidInput(`Cannot reach ${location}: '${bucket}' is not a valid bucket name`);
  return new S3ObjectStore(s3Client(config, location), bucket, { tempDir, endpoint: config.endpoint, ...options });
}

export function s3Client(config: S3Config, location: string): S3Client {
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
    throw invalidInput(`Cannot reach ${location}: sluice.yaml sets only one of s3.accessKeyId and s3.secretAccessKey; ${missing} is missing`);
  }
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    // Many S3-compatible servers reject the SDK's default flexible checksums / aws-chunked bodies;
    // against AWS itself (no endpoint) the SDK's defaults stay.
    ...(config.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  });
}
