// The one place where S3 SDK errors become SluiceErrors, each naming what was being reached.
import { SluiceError, notFound } from '../kernel/errors.js';

const ACCESS = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AllAccessDisabled', 'ExpiredToken', 'Forbidden']);

export function isS3NotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NoSuchKey' || err?.name === 'NotFound' || (err?.$metadata?.httpStatusCode === 404 && err?.name !== 'NoSuchBucket');
}

/** what: e.g. "reading s3://bucket/key"; endpoint names the server when one is configured. */
export function s3Error(e: unknown, what: string, bucket: string, endpoint: string | undefined): SluiceError {
  if (e instanceof SluiceError) return e;
  const err = e as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  const where = endpoint ? ` at ${endpoint}` : '';
  const name = err?.name ?? 'Error';
  if (name === 'NoSuchBucket') return notFound(`Bucket '${bucket}' does not exist${where} (while ${what})`);
  if (ACCESS.has(name) || err?.$metadata?.httpStatusCode === 403) {
    return new SluiceError(
      'AccessDeniedException',
      `Access denied while ${what}${where}: ${name}: ${err.message}. Check the credentials in the s3 section of sluice.yaml`,
      { cause: e },
    );
  }
  if (name === 'CredentialsProviderError') {
    return new SluiceError(
      'InvalidInputException',
      `No S3 credentials for ${what}: set s3.accessKeyId and s3.secretAccessKey in sluice.yaml, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (${err.message})`,
      { cause: e },
    );
  }
  const code = err?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET') {
    return new SluiceError(
      'InternalServiceException',
      `Cannot reach the S3 endpoint${where || ` for bucket '${bucket}'`} while ${what}: ${code}`,
      { cause: e },
    );
  }
  return new SluiceError('InternalServiceException', `S3 failed while ${what}${where}: ${name}: ${err?.message ?? String(e)}`, {
    cause: e,
  });
}
