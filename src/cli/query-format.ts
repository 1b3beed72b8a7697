// How `sluice query` prints a result: an aligned text table for people, CSV (RFC 4180) or JSON for
// programs.
import type { QueryResult } from '../engine/query-engine.js';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function formatTable(result: QueryResult): string {
  const { columns, rows } = result;
  const cells = rows.map((r) => columns.map((c) => (r[c.name] === null ? 'NULL' : text(r[c.name]).replace(/\r?\n/g, '\\n'))));
  const widths = columns.map((c, i) => Math.max(c.name.length, ...cells.map((row) => row[i].length)));
  const right = columns.map((c) => NUMERIC.test(c.type));
  const line = (values: string[], alignNumbers: boolean) =>
    values
      .map((v, i) => (alignNumbers && right[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join(' | ')
      .trimEnd();
  const out = [
    line(
      columns.map((c) => c.name),
      false,
    ),
    widths.map((w) => '-'.repeat(w)).join('-+-'),
    ...cells.map((row) => line(row, true)),
  ];
  const n = rows.length;
  out.push(`(${n} row${n === 1 ? '' : 's'}${result.truncated ? `; more rows were left out, see --limit` : ''})`);
  return `${out.join('\n')}\n`;
}

export function formatCsv(result: QueryResult): string {
  const field = (v: unknown) => {
    const s = text(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [result.columns.map((c) => field(c.name)), ...result.rows.map((r) => result.columns.map((c) => field(r[c.name])))];
  return lines.map((l) => `${l.join(',')}\r\n`).join('');
}

export function formatJson(result: QueryResult): string {
  return `${JSON.stringify(result.rows, null, 2)}\n`;
}
