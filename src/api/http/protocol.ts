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

/** Deeper than any Glue shape nests (CodeGenConfigurationNodes reach about 20): refused before parsing. */
export const MAX_JSON_DEPTH = 64;

/** The request's JSON input; an empty body is an empty input, as the SDKs send for operations without one. */
export function parseBody(body: Uint8Array): unknown {
  const text = Buffer.from(body).toString('utf8').trim();
  if (!text) return {};
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new SluiceError('SerializationException', `The request body nests JSON deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SluiceError('SerializationException', `The request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** The deepest nesting of objects and arrays in JSON text (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Messages echo input (a bad value, a name); beyond this they are cut, so a 10 MB value never comes back. */
export const MAX_MESSAGE_CHARS = 1024;

const bounded = (message: string) =>
  message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}… (message cut at ${MAX_MESSAGE_CHARS} characters)` : message;

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
    body: JSON.stringify({ __type: e.type, message: bounded(e.message) }),
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
