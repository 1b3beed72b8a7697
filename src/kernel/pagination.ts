// NextToken/MaxResults as Glue has them: the token is opaque to clients and only valid for the
// listing that produced it; a forged or stale token is an InvalidInputException.
import { invalidInput } from './errors.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function encodeToken(state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeToken<T extends Record<string, unknown>>(token: string | undefined): T | undefined {
  if (!token) return undefined;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (v && typeof v === 'object') return v as T;
  } catch {
    // fall through
  }
  throw invalidInput('Invalid pagination token: the NextToken was not issued by this listing.');
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
