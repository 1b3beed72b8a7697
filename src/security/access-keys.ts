// The access keys the server accepts, resolved from sluice.yaml once at start-up: a secret whose
// environment variable is missing stops the server with the variable's name, instead of every
// request failing later with a signature mismatch. Each key's policies are compiled here too, so a
// policy Sluice cannot evaluate stops the server rather than being ignored.
import type { SecurityConfig } from './config.js';
import { compilePolicy, type CompiledPolicy, type PolicyDocument } from './iam/policy.js';
import { MANAGED_POLICIES } from './iam/managed.js';

export interface AccessKey {
  id: string;
  secret: string;
  accountId: string;
  /** arn:aws:iam::<account>:user/<user or key id> */
  arn: string;
  policies: CompiledPolicy[];
}

export type AccessKeys = ReadonlyMap<string, AccessKey>;

/** Compiles a list of policy references (managed names or inline documents) of `owner`. */
export function compilePolicies(owner: string, refs: readonly (string | PolicyDocument)[]): CompiledPolicy[] {
  return refs.map((ref, i) =>
    typeof ref === 'string' ? compilePolicy(ref, MANAGED_POLICIES[ref]) : compilePolicy(`${owner} inline policy ${i + 1}`, ref),
  );
}

export function resolveAccessKeys(security: SecurityConfig, defaultAccountId: string, env: NodeJS.ProcessEnv = process.env): AccessKeys {
  const missing = security.accessKeys.filter((k) => env[k.secret.env] === undefined);
  if (missing.length) {
    const list = missing.map((k) => `security.accessKeys ${k.id}: environment variable ${k.secret.env} is not set`).join('\n  ');
    throw new Error(`Cannot resolve the secrets of ${missing.length} access key${missing.length > 1 ? 's' : ''}:\n  ${list}`);
  }
  return new Map(
    security.accessKeys.map((k) => {
      const accountId = k.accountId ?? defaultAccountId;
      const policies = compilePolicies(`access key ${k.id}`, k.policies ?? []);
      return [k.id, { id: k.id, secret: env[k.secret.env]!, accountId, arn: `arn:aws:iam::${accountId}:user/${k.user ?? k.id}`, policies }];
    }),
  );
}

/** Start-up warnings: keys that can do nothing, since a key without a policy is refused every call. */
export function accessKeyWarnings(keys: AccessKeys): string[] {
  return [...keys.values()]
    .filter((k) => k.policies.length === 0)
    .map(
      (k) =>
        `access key ${k.id} has no policies, so every call it signs is refused; give it policies: [AdministratorAccess] or another policy in sluice.yaml`,
    );
}
