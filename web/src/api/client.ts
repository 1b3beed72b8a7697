// The dashboard speaks to Sluice exactly as the CLI does: the Glue endpoint (POST / with
// X-Amz-Target, AWS JSON 1.1), including Sluice's own operations. Requests are signed when the user
// has given an access key (servers outside dev mode require it).
import { signHeaders, type Credentials } from './sigv4';

export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = type;
  }
  /** The server is not in dev mode and wants a signed request. */
  get needsCredentials(): boolean {
    return [
      'MissingAuthenticationTokenException',
      'UnrecognizedClientException',
      'InvalidSignatureException',
      'IncompleteSignatureException',
    ].includes(this.type);
  }
  /** The operation is not registered in this server (a concept not built yet). */
  get unsupported(): boolean {
    return this.type === 'UnknownOperationException';
  }
}

const STORAGE_KEY = 'sluice.credentials';
const listeners = new Set<() => void>();

export function getCredentials(): Credentials | undefined {
  const s = sessionStorage.getItem(STORAGE_KEY);
  return s ? (JSON.parse(s) as Credentials) : undefined;
}

export function setCredentials(c: Credentials | undefined): void {
  if (c) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(c));
  else sessionStorage.removeItem(STORAGE_KEY);
  for (const l of listeners) l();
}

export function onCredentialsChange(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export async function call<T = any>(operation: string, input: unknown = {}): Promise<T> {
  const url = new URL('/', window.location.origin);
  const body = JSON.stringify(input);
  let headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSGlue.${operation}` };
  const credentials = getCredentials();
  if (credentials) headers = { ...headers, ...(await signHeaders(url, headers, body, credentials)) };
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { message: text };
  }
  if (!res.ok) {
    const type = String(res.headers.get('x-amzn-errortype') ?? parsed.__type ?? 'InternalServiceException')
      .split(':')[0]
      .split('#')
      .pop()!;
    throw new ApiError(type, parsed.message ?? parsed.Message ?? `HTTP ${res.status}`, res.status);
  }
  return parsed as T;
}

/** Calls a paginated list operation until its NextToken runs out; returns the `key` lists joined. */
export async function callAll<T = any>(operation: string, input: Record<string, unknown>, key: string, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const r = await call<Record<string, any>>(operation, { ...input, NextToken: token });
    out.push(...((r[key] as T[]) ?? []));
    token = r.NextToken;
    if (!token) break;
  }
  return out;
}
