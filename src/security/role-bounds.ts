// A job run under its role: when the job's Role names a role in security.roles, the role's policies
// bound what the run may read and write. Locations are checked as S3 actions (s3:GetObject to read,
// s3:PutObject to write) on the location's ARN — arn:aws:s3:::bucket/key for s3://, and
// arn:sluice:zone:::<zone>/<key> for the project's zones (arn:sluice:file:::<path> elsewhere) — and
// catalog tables as glue:GetTable / glue:UpdateTable on the table's ARNs. A refusal is an
// AccessDeniedException in IAM's words that names the statement that denied, and fails the run.
// A Role that names no configured role leaves the run unbounded, as before roles existed.
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SluiceError } from '../kernel/errors.js';
import type { SluiceConfig } from '../config/schema.js';
import { compilePolicies } from './access-keys.js';
import { deniedMessage, evaluate, type AccessRequest } from './iam/evaluate.js';
import type { CompiledPolicy } from './iam/policy.js';

export interface RoleBounds {
  roleArn: string;
  /** Throws AccessDeniedException unless the role may read the location. */
  read(location: string): void;
  write(location: string): void;
  readTable(database: string, table: string): void;
  writeTable(database: string, table: string): void;
  /** Throws AccessDeniedException unless the role may read the PII column unmasked (sluice:ReadPiiColumn). */
  readPiiColumn(database: string, table: string, column: string, kind: string): void;
}

/** The role name of a job's Role: arn:aws:iam::<account>:role/<path/>name, or the bare name. */
export const roleNameOf = (role: string) => /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(role)?.[1] ?? role;

export function locationArn(root: string, zones: Record<string, string>, location: string): string {
  const s3 = /^s3[an]?:\/\/(.*)$/i.exec(location);
  if (s3) return `arn:aws:s3:::${s3[1]}`;
  const path = resolve(root, location.startsWith('file:') ? fileURLToPath(location) : location);
  // A trailing '/' says "the objects under": kept, so a policy on processed/orders/* matches.
  const slash = location.endsWith('/') ? '/' : '';
  for (const [zone, where] of Object.entries(zones)) {
    const zoneS3 = /^s3[an]?:\/\//i.test(where);
    if (zoneS3) continue;
    const rel = relative(resolve(root, where), path);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))
      return `arn:sluice:zone:::${zone}${rel ? `/${rel.split('\\').join('/')}` : ''}${slash}`;
  }
  return `arn:sluice:file:::${path}${slash}`;
}

export function createRoleBounds(root: string, config: SluiceConfig, role: string | undefined): RoleBounds | undefined {
  if (!role) return undefined;
  const name = roleNameOf(role);
  const declared = config.security.roles.find((r) => r.name === name);
  if (!declared) return undefined;
  const account = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(role)?.[1] ?? config.account.id;
  const roleArn = `arn:aws:iam::${account}:role/${name}`;
  const policies: CompiledPolicy[] = compilePolicies(`role ${name}`, declared.policies);
  const { region } = config.account;

  const check = (action: string, resources: string[], extra: [string, string][] = []) => {
    const req: AccessRequest = {
      caller: { arn: roleArn, accountId: account },
      action,
      resources,
      context: new Map([
        ['aws:principalarn', roleArn],
        ['aws:principalaccount', account],
        ['aws:principaltype', 'AssumedRole'],
        ['aws:currenttime', new Date().toISOString()],
        ...extra,
      ]),
    };
    const d = evaluate(policies, req);
    if (!d.allowed) {
      const by = d.statement ? ` (${d.statement})` : '';
      throw new SluiceError('AccessDeniedException', `${deniedMessage(req, d).replace(/^User: /, 'Role: ')}${by}`);
    }
  };
  const tableArns = (db: string, t: string) => [
    `arn:aws:glue:${region}:${account}:catalog`,
    `arn:aws:glue:${region}:${account}:database/${db.toLowerCase()}`,
    `arn:aws:glue:${region}:${account}:table/${db.toLowerCase()}/${t.toLowerCase()}`,
  ];
  return {
    roleArn,
    read: (location) => check('s3:GetObject', [locationArn(root, config.zones, location)]),
    write: (location) => check('s3:PutObject', [locationArn(root, config.zones, location)]),
    readTable: (db, t) => check('glue:GetTable', tableArns(db, t)),
    writeTable: (db, t) => check('glue:UpdateTable', tableArns(db, t)),
    readPiiColumn: (db, t, column, kind) =>
      check('sluice:ReadPiiColumn', tableArns(db, t), [
        ['sluice:columnname', column.toLowerCase()],
        ['sluice:piikind', kind],
      ]),
  };
}
