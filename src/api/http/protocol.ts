// AWS JSON 1.1 as the Glue endpoint speaks it: which operation a request names, how its body is
// read, and how an error is written (status, X-Amzn-ErrorType header, {"__type","message"} body).
import { SluiceError, toSluiceError } from '../../kernel/errors.js';

export const CONTENT_TYPE = 'application/x-amz-json-1.1';
export const TARGET_PREFIX = 'AWSGlue.';

/** The operation named by X-Amz-Target; anything else is UnknownOperationException, which clients do not retry. */
export function operationOf(target: string | string[] | undefined): string {
  const t = Array.isArray(target) ? target[0] : target;
  if (!t) throw new SluiceError('UnknownOperationException', 'The request has no X-Amz-Target header: expected AWSGlue.<Operation>.');
  if (!t.startsWith(TARGET_PREFIX)) {
    throw new SluiceError(
      'UnknownOperationException',
      `Operation ${t} is not supported by Sluice: X-Amz-Target must be AWSGlue.<Operation>.`,
    );
  }
  return t.slice(TARGET_PREFIX.length);
}

/** The request's JSON input; an empty body is an empty input, as the SDKs send for operations without one. */
export function parseBody(body: Uint8Array): unknown {
  const text = Buffer.from(body).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SluiceError('SerializationException', `The request body is not valid JSON: ${(e as Error).message}`);
  }
}

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The one place where a SluiceError becomes an HTTP response. */
export function errorResponse(err: unknown): ErrorResponse {
  const e = toSluiceError(err);
  return {
    status: e.isClientError ? 400 : 500,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-errortype': e.type },
    body: JSON.stringify({ __type: e.type, message: e.message }),
  };
}

/** Reads an error response back into a SluiceError (the CLI's remote mode). */
export function errorFromResponse(status: number, errorTypeHeader: string | null, body: string): SluiceError {
  let parsed: { __type?: string; message?: string; Message?: string } = {};
  try {
    parsed = JSON.parse(body || '{}');
  } catch {
    parsed = { message: body };
  }
  // Like the SDKs: "prefix#Name" and "Name:uri" both mean Name.
  const raw = errorTypeHeader ?? parsed.__type ?? (status >= 500 ? 'InternalServiceException' : 'ValidationException');
  const type = raw.split(':')[0].split('#').pop()!;
  return new SluiceError(type as SluiceError['type'], parsed.message ?? parsed.Message ?? `HTTP ${status}`);
}
