// Secrets in sluice.yaml are a string or an { env: VAR } reference, resolved when used. Apart from
// the zod schema (schema.ts), so that resolving one does not load zod: a job run's worker receives
// its configuration already validated (runs/launcher.ts).
import type { SecretRef } from './schema.js';

/** Resolves a secret reference; a missing variable is an error naming it. */
export function resolveSecret(ref: SecretRef | undefined, what: string): string | undefined {
  if (ref === undefined) return undefined;
  if (typeof ref === 'string') return ref;
  const v = process.env[ref.env];
  if (v === undefined) throw new Error(`${what} refers to environment variable ${ref.env}, which is not set`);
  return v;
}
