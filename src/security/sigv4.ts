// AWS Signature Version 4, the parts shared by signing (the CLI's remote mode) and verifying (the
// server): canonical request, string to sign, signing key. Written against the published algorithm
// rather than taken from an SDK because the server must hash the body it actually received — the
// SDK signers trust an x-amz-content-sha256 header, which a verifier must not.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
import { createHash, createHmac } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const SERVICE = 'glue';

export interface SignableRequest {
  method: string;
  /** The path as sent on the wire (percent-encoded), without the query string. */
  path: string;
  /** The raw query string, without '?'. */
  query: string;
  /** Header names in lower case, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalUri(path: string): string {
  // Non-S3 services encode each segment of the already-encoded path once more, after removing dot
  // segments (botocore's and the JS SDK's behaviour). Glue's path is always "/" in practice.
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const joined = out.map(rfc3986).join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  const pairs = query
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf('=');
      const [k, v] = i < 0 ? [p, ''] : [p.slice(0, i), p.slice(i + 1)];
      const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      return [rfc3986(dec(k)), rfc3986(dec(v))] as const;
    });
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(v: string | string[] | undefined): string {
  const joined = Array.isArray(v) ? v.join(',') : (v ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

/** The canonical request for the given signed header names (lower case, sorted as the client sent them). */
export function canonicalRequest(req: SignableRequest, signedHeaders: string[], payloadHash: string): string {
  const headers = signedHeaders.map((h) => `${h}:${headerValue(req.headers[h])}\n`).join('');
  return [req.method.toUpperCase(), canonicalUri(req.path), canonicalQuery(req.query), headers, signedHeaders.join(';'), payloadHash].join(
    '\n',
  );
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

const keyCache = new Map<string, Buffer>();

/** The derived signing key; cached because it only changes with the day, and four HMACs per request add up. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\0${date}\0${region}\0${service}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    const hmac = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
    if (keyCache.size > 1000) keyCache.clear();
    keyCache.set(cacheKey, key);
  }
  return key;
}

export function signatureOf(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign).digest('hex');
}

/** 2024-01-02T03:04:05.678Z → 20240102T030405Z */
export const amzDateOf = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * Signs a request as the AWS SDKs do: adds host, x-amz-date, x-amz-security-token and authorization
 * to its headers and returns them.
 */
export function signRequest(
  req: { method: string; url: URL; headers: Record<string, string>; body: Uint8Array },
  credentials: Credentials,
  region: string,
  now: Date = new Date(),
): Record<string, string> {
  const amzDate = amzDateOf(now);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  headers.host = req.url.host;
  headers['x-amz-date'] = amzDate;
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const signed = Object.keys(headers).sort();
  const scope = `${amzDate.slice(0, 8)}/${region}/${SERVICE}/aws4_request`;
  const canonical = canonicalRequest(
    { method: req.method, path: req.url.pathname, query: req.url.search.slice(1), headers, body: req.body },
    signed,
    sha256Hex(req.body),
  );
  const signature = signatureOf(
    signingKey(credentials.secretAccessKey, amzDate.slice(0, 8), region, SERVICE),
    stringToSign(amzDate, scope, canonical),
  );
  headers.authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
  return headers;
}
