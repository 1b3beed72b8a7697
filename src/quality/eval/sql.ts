// SQL text for the evaluator. Identifiers and literals go through the engine's quoting helpers;
// user SQL (where clauses, CustomSql) is passed through, with one rewrite: DQDL names the dataset
// `primary`, which DuckDB reserves as a keyword, so a bare `primary` becomes the quoted view name.
export { ident, literal } from '../../engine/sql-text.js';
import { quoteEnd } from '../../engine/sql-text.js';

/** Quotes every bare `primary` word outside strings, quoted names and comments. */
export function quotePrimary(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = quoteEnd(sql, i, c);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      const end = nl < 0 ? sql.length : nl;
      out += sql.slice(i, end);
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j])) j++;
      const word = sql.slice(i, j);
      const qualified = sql[i - 1] === '.' || sql[j] === '.';
      out += word.toLowerCase() === 'primary' && !qualified ? '"primary"' : word;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Java's Double.toString for the numbers rules print: 3 → "3.0", 0.5 → "0.5". */
export function formatDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(n) && Math.abs(n) < 1e7) return `${n}.0`;
  return String(n);
}

/** A value read back from DuckDB as a number (counts may arrive as numbers or numeric strings). */
export function toNumber(v: unknown): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}
