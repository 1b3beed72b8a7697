// Environment-dependent values in an exported pipeline. While the bundle is built they are tokens
// (a NUL-delimited name no user text contains); Terraform output turns each into `${var.name}`
// (with the user's own `${` escaped), the SDK deploy into the environment's value. So one build
// serves both, and the Terraform is the same file for every environment, only the tfvars differ.
import { pathToFileURL } from 'node:url';
import { resolveLocation } from '../config/locations.js';
import type { SluiceConfig } from '../config/schema.js';
import type { Environment } from './environments.js';

export const VARIABLES = {
  account_id: 'The AWS account the pipeline is deployed to',
  region: 'The AWS region',
  glue_role_arn: 'The IAM role jobs and crawlers run as',
  raw_bucket: 'The bucket of the raw zone',
  processed_bucket: 'The bucket of the processed zone',
  curated_bucket: 'The bucket of the curated zone',
  scripts_bucket: 'The bucket job scripts, job sources and rule files are uploaded to',
} as const;
export type Variable = keyof typeof VARIABLES;

export const token = (v: Variable) => `\u0000var.${v}\u0000`;
/** A Terraform reference (aws_glue_job.x.name) as a token: Terraform output interpolates it. */
export const reference = (expr: string) => `\u0000${expr}\u0000`;
const TOKEN = /\u0000([A-Za-z0-9_.-]+)\u0000/g;

export function variableValues(env: Environment): Record<Variable, string> {
  return {
    account_id: env.account,
    region: env.region,
    glue_role_arn: env.role,
    raw_bucket: env.buckets.raw,
    processed_bucket: env.buckets.processed,
    curated_bucket: env.buckets.curated,
    scripts_bucket: env.buckets.scripts,
  };
}

/** Deep-maps every string of a value. */
export function mapStrings<T>(v: T, f: (s: string) => string): T {
  if (typeof v === 'string') return f(v) as T;
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f)) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)])) as T;
  return v;
}

/** Tokens → the environment's values (the SDK deploy). */
export const withValues = <T>(v: T, values: Record<Variable, string>): T =>
  mapStrings(v, (s) => s.replace(TOKEN, (_m, name: string) => values[name.replace(/^var\./, '') as Variable]));

/** Tokens → Terraform interpolations; a literal `${` or `%{` in user text is escaped as Terraform requires. */
export const asTerraform = <T>(v: T): T =>
  mapStrings(v, (s) => s.replace(/([$%])\{/g, '$1$1{').replace(TOKEN, (_m, name: string) => `\${${name}}`));

export const hasTokens = (s: string) => s.includes('\u0000');

/**
 * Maps a location of the project to S3: a zone (as sluice.yaml spells it, absolute, or as a file://
 * URL) becomes its environment bucket; anything else is left as it is and reported by the caller.
 */
export function zoneMapper(root: string, zones: SluiceConfig['zones']): (location: string) => string {
  const prefixes: [string, string][] = [];
  for (const [zone, where] of Object.entries(zones) as [keyof SluiceConfig['zones'], string][]) {
    const bucket = `s3://${token(`${zone}_bucket`)}`;
    const abs = resolveLocation(root, where).replace(/\/+$/, '');
    for (const p of new Set([where.replace(/\/+$/, ''), abs, pathToFileURL(abs).href])) prefixes.push([p, bucket]);
  }
  // Longest first, so a zone nested in another's folder maps to its own bucket.
  prefixes.sort((a, b) => b[0].length - a[0].length);
  return (location) => {
    for (const [p, bucket] of prefixes) {
      if (location === p || location === `${p}/`) return `${bucket}/`;
      if (location.startsWith(`${p}/`)) return `${bucket}${location.slice(p.length)}`;
    }
    return location;
  };
}
