// Per-row predicates for conditions, with the NULL rules of §4.2/§6.2: a NULL value fails every
// form except `!=` and `not in` (which pass it), unless NULL is listed. Every predicate returned
// here is never NULL itself, so counting rows that satisfy it is exact.
import type { DateExpr, Duration, StringOperand } from '../dqdl/ast.js';
import { literal } from './sql.js';
import { RuleError, type NumberCheck } from './types.js';

const notNull = (p: string) => `coalesce(${p}, false)`;

export function numberPredicate(x: string, check: NumberCheck): string {
  const nums = check.values.filter((v): v is number => v !== null);
  const hasNull = check.values.some((v) => v === null);
  const [a, b] = check.values;
  const lit = (v: number | null) => {
    if (v === null || !Number.isFinite(v)) throw new RuleError('The condition needs numbers here, not NULL');
    return literal(v);
  };
  switch (check.op) {
    case 'between':
      return notNull(`${x} > ${lit(a)} AND ${x} < ${lit(b)}`);
    case 'not between':
      return notNull(`${x} <= ${lit(a)} OR ${x} >= ${lit(b)}`);
    case '>':
    case '>=':
    case '<':
    case '<=':
      return notNull(`${x} ${check.op} ${lit(a)}`);
    case '=':
      return a === null ? `${x} IS NULL` : notNull(`${x} = ${lit(a)}`);
    case '!=':
      return a === null ? `${x} IS NOT NULL` : `(${x} IS NULL OR ${x} <> ${lit(a)})`;
    case 'in':
      return inList(x, nums.map(literal), hasNull, false);
    case 'not in':
      return inList(x, nums.map(literal), hasNull, true);
    default:
      throw new RuleError(`Operator ${check.op} is not supported here`);
  }
}

function inList(x: string, items: string[], hasNull: boolean, negated: boolean): string {
  const list = items.length ? `${x} IN (${items.join(', ')})` : 'false';
  if (!negated) return hasNull ? `(${x} IS NULL OR ${notNull(list)})` : notNull(list);
  return hasNull ? `(${x} IS NOT NULL AND ${notNull(`NOT (${list})`)})` : `(${x} IS NULL OR ${notNull(`NOT (${list})`)})`;
}

/** String conditions compare the value as text; `with ignoreCase = "true"` lower-cases both sides. */
export function stringPredicate(x: string, op: string, operands: StringOperand[], ignoreCase: boolean): string {
  const v = ignoreCase ? `lower(CAST(${x} AS VARCHAR))` : `CAST(${x} AS VARCHAR)`;
  const lit = (s: string) => literal(ignoreCase ? s.toLowerCase() : s);
  if (op === 'matches' || op === 'not matches') {
    const pattern = (operands[0] as { value: string }).value;
    const flags = ignoreCase ? `, 'i'` : '';
    // A full-string match (^regex$), as the reference anchors it.
    const m = `regexp_full_match(CAST(${x} AS VARCHAR), ${literal(pattern)}${flags})`;
    return op === 'matches' ? notNull(m) : notNull(`${x} IS NOT NULL AND NOT ${m}`);
  }
  const strings = operands.filter((o) => o.kind === 'string').map((o) => lit((o as { value: string }).value));
  const kw = new Set(operands.filter((o) => o.kind === 'keyword').map((o) => (o as { keyword: string }).keyword));
  const negated = op === '!=' || op === 'not in';
  const parts: string[] = [];
  if (!negated) {
    if (kw.has('NULL')) parts.push(`${x} IS NULL`);
    if (kw.has('EMPTY')) parts.push(notNull(`${v} = ''`));
    if (kw.has('WHITESPACES_ONLY')) parts.push(notNull(`length(trim(${v})) = 0 AND length(${v}) > 0`));
    if (strings.length) parts.push(notNull(`${v} IN (${strings.join(', ')})`));
    return parts.length ? `(${parts.join(' OR ')})` : 'false';
  }
  if (kw.has('NULL')) parts.push(`${x} IS NOT NULL`);
  if (kw.has('EMPTY')) parts.push(`(${x} IS NULL OR ${v} <> '')`);
  if (kw.has('WHITESPACES_ONLY')) parts.push(`(${x} IS NULL OR length(trim(${v})) > 0 OR length(${v}) = 0)`);
  if (strings.length) parts.push(`(${x} IS NULL OR ${v} NOT IN (${strings.join(', ')}))`);
  return parts.length ? `(${parts.join(' AND ')})` : 'true';
}

const UNIT_MS: Record<Duration['unit'], number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** A date operand as a SQL TIMESTAMP literal (times of day are today's, in UTC), or null for NULL. */
export function dateOperand(d: DateExpr, now: Date): string | null {
  switch (d.kind) {
    case 'null':
      return null;
    case 'date':
      return `TIMESTAMP ${literal(`${d.text} 00:00:00`)}`;
    case 'now':
      return tsLiteral(now);
    case 'now-offset':
      return tsLiteral(new Date(now.getTime() + (d.op === '+' ? 1 : -1) * d.amount * UNIT_MS[d.unit]));
    case 'time': {
      const m = /^(\d{1,2}):(\d{2})(?: (AM|PM))?$/.exec(d.text)!;
      let h = Number(m[1]) % (m[3] ? 12 : 24);
      if (m[3] === 'PM') h += 12;
      const t = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h, Number(m[2])));
      return tsLiteral(t);
    }
  }
}

export const tsLiteral = (d: Date) => `TIMESTAMP ${literal(d.toISOString().replace('T', ' ').replace('Z', ''))}`;

/** Dates compare as timestamps: `between` exclusive, `not between` inclusive, NULL fails unless listed. */
export function datePredicate(x: string, op: string, operands: DateExpr[], now: Date): string {
  const ts = `TRY_CAST(${x} AS TIMESTAMP)`;
  const values = operands.map((d) => dateOperand(d, now));
  const dates = values.filter((v): v is string => v !== null);
  const hasNull = values.some((v) => v === null);
  const [a, b] = values;
  const need = (v: string | null) => {
    if (v === null) throw new RuleError('NULL cannot bound a date range');
    return v;
  };
  switch (op) {
    case 'between':
      return notNull(`${ts} > ${need(a)} AND ${ts} < ${need(b)}`);
    case 'not between':
      return notNull(`${ts} <= ${need(a)} OR ${ts} >= ${need(b)}`);
    case '>':
    case '>=':
    case '<':
    case '<=':
      return notNull(`${ts} ${op} ${need(a)}`);
    case '=':
      return a === null ? `${x} IS NULL` : notNull(`${ts} = ${a}`);
    case '!=':
      return a === null ? `${x} IS NOT NULL` : `(${x} IS NULL OR ${notNull(`${ts} <> ${a}`)})`;
    case 'in':
      return inList(ts, dates, hasNull, false);
    case 'not in':
      return inList(ts, dates, hasNull, true);
    default:
      throw new RuleError(`Operator ${op} is not supported for dates`);
  }
}

/** Durations in hours, as DataFreshness compares them (minutes rounded to 4 decimals, days × 24). */
export const durationHours = (d: Duration) =>
  d.unit === 'days' ? d.amount * 24 : d.unit === 'hours' ? d.amount : Math.round((d.amount / 60) * 1e4) / 1e4;
