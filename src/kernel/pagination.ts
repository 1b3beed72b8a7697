// NextToken/MaxResults as Glue has them: the token is opaque to clients and only valid for the
// listing that produced it. A token is the listing's state with an HMAC over it and over the request
// it answers (operation, account, and the input without NextToken and MaxResults), so a forged,
// edited or replayed-elsewhere token is an InvalidInputException. The key is this process's own,
// made at start: tokens do not outlive the server that issued them (Glue's expire too).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { invalidInput } from './errors.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

let tokenKey = randomBytes(32);

/** Several processes that serve one listing (tests, workers) may share a key. */
export function setTokenKey(key: Uint8Array): void {
  tokenKey = Buffer.from(key);
}

/** What a token is bound to: computed on first use, since most calls never page. */
const binding = new AsyncLocalStorage<() => string>();

/** Runs a call with its tokens bound to the operation, the account and the input (Registry.call). */
export function withTokenBinding<T>(operation: string, accountId: string, input: unknown, run: () => Promise<T>): Promise<T> {
  let scope: string | undefined;
  return binding.run(() => (scope ??= `${operation}\0${accountId}\0${stableJson(input, true)}`), run);
}

function stableJson(v: unknown, top = false): string {
  if (Array.isArray(v)) return `[${v.map((x) => stableJson(x)).join(',')}]`;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const keys = Object.keys(v)
      .filter((k) => !(top && (k === 'NextToken' || k === 'MaxResults')) && (v as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const mac = (payload: string) =>
  createHmac('sha256', tokenKey)
    .update(binding.getStore()?.() ?? '')
    .update('\0')
    .update(payload)
    .digest()
    .subarray(0, 16);

export function encodeToken(state: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${mac(payload).toString('base64url')}`;
}

const NOT_ISSUED = 'Invalid pagination token: the NextToken was not issued by this listing for this request.';

export function decodeToken<T extends Record<string, unknown>>(token: string | undefined): T | undefined {
  if (!token) return undefined;
  const dot = token.lastIndexOf('.');
  const given = Buffer.from(dot < 0 ? '' : token.slice(dot + 1), 'base64url');
  const payload = token.slice(0, Math.max(dot, 0));
  const expected = mac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidInput(NOT_ISSUED);
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (v && typeof v === 'object') return v as T;
  } catch {
    // fall through
  }
  throw invalidInput(NOT_ISSUED);
}

/** Pages an in-memory list by offset. */
export function pageByOffset<T>(items: T[], nextToken: string | undefined, maxResults: number | undefined, defaultMax = 100): Page<T> {
  const start = decodeToken<{ o: number }>(nextToken)?.o ?? 0;
  if (!Number.isInteger(start) || start < 0) throw invalidInput('Invalid pagination token.');
  const size = maxResults ?? defaultMax;
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return { items: slice, nextToken: end < items.length ? encodeToken({ o: end }) : undefined };
}
