// Glue's resource ARNs: arn:aws:glue:<region>:<account>:<type>/<name> (tables: table/<db>/<table>).
// Database and table names are kept lower case, as the catalog stores them, so one resource has one
// ARN however its name was spelled.
import { invalidInput } from './errors.js';

/** The resource types that can be tagged, with the number of name parts in their ARN. */
export const TAGGABLE_TYPES = {
  database: 1,
  table: 2,
  connection: 1,
  crawler: 1,
  job: 1,
  trigger: 1,
  workflow: 1,
  dataQualityRuleset: 1,
  session: 1,
  devEndpoint: 1,
} as const;

export type GlueResourceType = keyof typeof TAGGABLE_TYPES;

export interface GlueArn {
  region: string;
  account: string;
  type: GlueResourceType;
  /** The name parts after the type: [database] or [database, table] or [name]. */
  names: string[];
}

const LOWER_CASED: ReadonlySet<GlueResourceType> = new Set(['database', 'table']);

/** Builds a resource's ARN, e.g. glueArn(ctx, 'table', 'sales', 'orders'). */
export function glueArn(where: { region: string; accountId: string }, type: GlueResourceType, ...names: string[]): string {
  return formatArn({ region: where.region, account: where.accountId, type, names });
}

export function formatArn(a: GlueArn): string {
  const names = LOWER_CASED.has(a.type) ? a.names.map((n) => n.toLowerCase()) : a.names;
  return `arn:aws:glue:${a.region}:${a.account}:${a.type}/${names.join('/')}`;
}

/**
 * Parses a Glue ARN of a taggable resource, or throws InvalidInputException saying what is expected.
 * An empty account (`arn:aws:glue:us-east-1::workflow/x`) is the caller's, given as callerAccount: the
 * Terraform provider builds such ARNs when it does not look the account id up.
 */
export function parseGlueArn(arn: string, callerAccount?: string): GlueArn {
  const m = /^arn:aws[a-z-]*:glue:([a-z0-9-]+):(\d{12}|):([A-Za-z]+)\/(.+)$/.exec(arn);
  const type = m?.[3] as GlueResourceType | undefined;
  const names = m?.[4].split('/') ?? [];
  if (!m || !type || !(type in TAGGABLE_TYPES) || names.length !== TAGGABLE_TYPES[type] || names.some((n) => !n)) {
    throw invalidInput(
      `Invalid resource ARN '${arn}'. Expected arn:aws:glue:<region>:<account-id>:<type>/<name>, with type one of ` +
        `${Object.keys(TAGGABLE_TYPES).join(', ')} (tables: table/<database>/<table>).`,
    );
  }
  if (!m[2] && !callerAccount) throw invalidInput(`Invalid resource ARN '${arn}': the account id is missing.`);
  return { region: m[1], account: m[2] || callerAccount!, type, names };
}
