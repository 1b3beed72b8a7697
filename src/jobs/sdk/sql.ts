// SQL text for frames: identifiers, literals, Glue field paths and Glue types in DuckDB terms.
import { invalidInput } from '../../kernel/errors.js';
import { duckdbType } from '../../catalog/column-types.js';
export { ident, literal } from '../../engine/sql-text.js';
import { ident } from '../../engine/sql-text.js';

/** A Glue path: 'a.b' is field b of struct a; `a.b` in backticks is one column named "a.b". */
export function pathExpr(path: string): string {
  if (typeof path !== 'string' || path === '') throw invalidInput('A field path must be a non-empty string');
  const parts: string[] = [];
  const re = /`([^`]*)`|([^.`]+)/g;
  for (let m; (m = re.exec(path));) parts.push(m[1] ?? m[2]);
  return parts.map(ident).join('.');
}

/** The top-level column a path starts in. */
export const topOf = (path: string) => /^`([^`]*)`/.exec(path)?.[1] ?? path.split('.')[0];

/** Glue/Hive type names (string, bigint, decimal(10,2) …) or DuckDB ones (VARCHAR …) as DuckDB types. */
export function sqlType(type: string): string {
  const lower = type.trim().toLowerCase();
  const glue =
    /^(string|varchar|char|boolean|tinyint|smallint|int|integer|bigint|long|float|real|double|date|timestamp|binary|decimal|array|map|struct)\b/.test(
      lower,
    );
  return glue ? duckdbType(type) : type.trim().toUpperCase();
}
