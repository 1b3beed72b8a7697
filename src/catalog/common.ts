// Shared rules of the Data Catalog: which catalog a call addresses, Glue's lower-casing of names,
// and the messages Glue uses for missing and duplicate entities.
import type { Kysely } from 'kysely';
import type { CallContext } from '../kernel/registry.js';
import type { DB } from '../store/schema.js';
import { notFound } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import type { Database, Table } from '../kernel/glue-types.js';

/** The catalog a call addresses: its CatalogId, or the caller's account when absent or empty (as the Terraform provider sends it). */
export const catalogIdOf = (input: { CatalogId?: string }, ctx: CallContext) => input.CatalogId || ctx.accountId;

/** Glue stores database and table names in lower case, and finds them case-insensitively. */
export const norm = (name: string) => name.toLowerCase();

export async function requireDatabase(db: Kysely<DB>, catalogId: string, name: string): Promise<Database> {
  const row = await db
    .selectFrom('catalog_databases')
    .select('doc')
    .where('catalog_id', '=', catalogId)
    .where('name', '=', norm(name))
    .executeTakeFirst();
  if (!row) throw notFound(`Database ${name} not found.`);
  return reviveDates<Database>('Database', JSON.parse(row.doc));
}

export async function findTable(db: Kysely<DB>, catalogId: string, database: string, name: string): Promise<Table | undefined> {
  const row = await db
    .selectFrom('catalog_tables')
    .select('doc')
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', norm(database))
    .where('name', '=', norm(name))
    .executeTakeFirst();
  return row ? reviveDates<Table>('Table', JSON.parse(row.doc)) : undefined;
}

/** The table, or EntityNotFoundException naming the database or the table that is missing. */
export async function requireTable(db: Kysely<DB>, catalogId: string, database: string, name: string): Promise<Table> {
  const table = await findTable(db, catalogId, database, name);
  if (table) return table;
  await requireDatabase(db, catalogId, database);
  throw notFound(`Table ${name} not found.`);
}

/**
 * Hive-style name patterns, as GetDatabases/GetTables' Expression: '*' matches any run of
 * characters and '|' separates alternatives; matching is whole-name and case-insensitive.
 * Anything else is taken as a regular expression.
 */
export function namePattern(expression: string | undefined): (name: string) => boolean {
  if (!expression || expression === '*') return () => true;
  const alternatives = expression.split('|').map((p) => p.trim().replace(/(?<!\.)\*/g, '.*'));
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
  } catch {
    const esc = alternatives.map((p) => p.replace(/[.+?^${}()[\]\\]/g, '\\$&').replace(/\\\.\*/g, '.*'));
    re = new RegExp(`^(?:${esc.join('|')})$`, 'i');
  }
  return (name) => re.test(name);
}
