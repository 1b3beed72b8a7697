// Bookmark keys for table sources (glue-behaviour.md §2.5): one or more columns that only grow (or
// only shrink, with sort order desc) form one compound key; a run reads the rows past the last key
// it committed. Updated rows are never seen again, as in Glue.
import { invalidInput } from '../../kernel/errors.js';

export interface KeyBookmarkState {
  jsonClass: 'KeyBookmarkState';
  keys: string[];
  sortOrder: 'asc' | 'desc';
  /** The key of the last row read, as JSON values in key order. */
  last: unknown[] | null;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (v: unknown): string =>
  v === null
    ? 'NULL'
    : typeof v === 'number' || typeof v === 'bigint'
      ? String(v)
      : typeof v === 'boolean'
        ? String(v)
        : `'${String(v).replaceAll("'", "''")}'`;

export function checkKeys(keys: string[], sortOrder: string): void {
  if (!keys.length) throw invalidInput('jobBookmarkKeys must name at least one column.');
  if (sortOrder !== 'asc' && sortOrder !== 'desc') throw invalidInput(`jobBookmarkKeysSortOrder must be asc or desc, not ${sortOrder}.`);
}

/** The SQL predicate selecting rows after `last` (and not after `upTo`, for paused ranges). */
export function keyPredicate(
  keys: string[],
  sortOrder: 'asc' | 'desc',
  last: unknown[] | null,
  upTo?: unknown[] | null,
): string | undefined {
  const tuple = `(${keys.map(ident).join(', ')})`;
  const value = (v: unknown[]) => `(${v.map(literal).join(', ')})`;
  const after = sortOrder === 'asc' ? '>' : '<';
  const notAfter = sortOrder === 'asc' ? '<=' : '>=';
  const parts = [];
  if (last) parts.push(`${tuple} ${after} ${value(last)}`);
  if (upTo) parts.push(`${tuple} ${notAfter} ${value(upTo)}`);
  return parts.length ? parts.join(' AND ') : undefined;
}

/** The SQL that finds the key of the last row of a relation in key order. */
export function lastKeySql(keys: string[], sortOrder: 'asc' | 'desc', relation: string): string {
  const dir = sortOrder === 'asc' ? 'DESC' : 'ASC';
  return `SELECT ${keys.map(ident).join(', ')} FROM ${relation} ORDER BY ${keys.map((k) => `${ident(k)} ${dir}`).join(', ')} LIMIT 1`;
}
