// Builds the S3 client and store for a bucket from the `s3` section of sluice.yaml (checked by
// s3-config.ts). Loading this module loads the AWS SDK.
import { S3Client } from '@aws-sdk/client-s3';
import { checkS3Location, s3Credentials, type S3Config } from './s3-config.js';
import { S3ObjectStore, type S3StoreOptions } from './s3-object-store.js';

export function openS3Store(
  location: string,
  bucket: string,
  config: S3Config | undefined,
  tempDir: string,
  options: S3StoreOptions = {},
): S3ObjectStore {
  checkS3Location(location, bucket, config);
  return new S3ObjectStore(s3Client(config, location), bucket, { tempDir, endpoint: config.endpoint, ...options });
}

export function s3Client(config: S3Config, location: string): S3Client {
  // On Node 20 the SDK warns on every process that its versions after January 2027 will need Node 22;
  // Sluice supports Node 20 with the SDK it pins, so the warning says nothing a user can act on. A
  // user who set the variable either way keeps their choice.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: s3Credentials(config, location),
    // Many S3-compatible servers reject the SDK's default flexible checksums / aws-chunked bodies;
    // against AWS itself (no endpoint) the SDK's defaults stay.
    ...(config.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  });
}
