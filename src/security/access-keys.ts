// The access keys the server accepts, resolved from sluice.yaml once at start-up: a secret whose
// environment variable is missing stops the server with the variable's name, instead of every
// request failing later with a signature mismatch.
import type { SecurityConfig } from './config.js';

export interface AccessKey {
  id: string;
  secret: string;
  accountId: string;
}

export type AccessKeys = ReadonlyMap<string, AccessKey>;

export function resolveAccessKeys(security: SecurityConfig, defaultAccountId: string, env: NodeJS.ProcessEnv = process.env): AccessKeys {
  const missing = security.accessKeys.filter((k) => env[k.secret.env] === undefined);
  if (missing.length) {
    const list = missing.map((k) => `security.accessKeys ${k.id}: environment variable ${k.secret.env} is not set`).join('\n  ');
    throw new Error(`Cannot resolve the secrets of ${missing.length} access key${missing.length > 1 ? 's' : ''}:\n  ${list}`);
  }
  return new Map(
    security.accessKeys.map((k) => [k.id, { id: k.id, secret: env[k.secret.env]!, accountId: k.accountId ?? defaultAccountId }]),
  );
}
