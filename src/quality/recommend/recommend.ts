// Rule recommendation: profile a dataset in one scan (completeness, distinct values, ranges, lengths,
// what text columns hold) and write a DQDL ruleset that the data as it is today passes. Bounds are
// widened just enough for DQDL's exclusive `between`.
import type { QueryEngine } from '../../engine/query-engine.js';
import { ident, toNumber } from '../eval/sql.js';
import { NUMERIC } from '../eval/rules/statistics.js';
import type { Column } from '../eval/types.js';

/** Values of a column with at most this many distinct values are recommended as an allowed list. */
const MAX_ALLOWED_VALUES = 10;
const TEXT_TYPES: [string, string][] = [
  ['Integer', 'BIGINT'],
  ['Double', 'DOUBLE'],
  ['Date', 'DATE'],
  ['Timestamp', 'TIMESTAMP'],
  ['Boolean', 'BOOLEAN'],
];

interface Profile {
  column: Column;
  nonNull: number;
  distinct: number;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  /** For text: the first DQDL type every non-null value casts to. */
  textType?: string;
  values?: unknown[];
}

const isText = (t: string) => t === 'VARCHAR';
const floor2 = (x: number) => Math.floor(x * 100) / 100;
const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const num = (n: number) => String(n);

async function profile(engine: QueryEngine, relation: string, columns: Column[]): Promise<{ rows: number; profiles: Profile[] }> {
  const parts = ['count(*) AS n'];
  columns.forEach((c, i) => {
    const x = ident(c.name);
    parts.push(`count(${x}) AS c${i}`, `count(DISTINCT ${x}) AS d${i}`);
    if (NUMERIC.test(c.type)) parts.push(`CAST(min(${x}) AS DOUBLE) AS lo${i}`, `CAST(max(${x}) AS DOUBLE) AS hi${i}`);
    if (isText(c.type)) {
      parts.push(`min(length(${x})) AS ml${i}`, `max(length(${x})) AS xl${i}`);
      TEXT_TYPES.forEach(([, sql], k) => parts.push(`count(TRY_CAST(${x} AS ${sql})) AS t${i}_${k}`));
    }
  });
  const row = (await engine.query(`SELECT ${parts.join(', ')} FROM ${relation}`)).rows[0];
  const rows = toNumber(row.n) ?? 0;
  const profiles = columns.map((column, i): Profile => {
    const nonNull = toNumber(row[`c${i}`]) ?? 0;
    const p: Profile = {
      column,
      nonNull,
      distinct: toNumber(row[`d${i}`]) ?? 0,
      min: toNumber(row[`lo${i}`]),
      max: toNumber(row[`hi${i}`]),
    };
    if (isText(column.type)) {
      p.minLength = toNumber(row[`ml${i}`]);
      p.maxLength = toNumber(row[`xl${i}`]);
      const k = TEXT_TYPES.findIndex((_, k) => nonNull > 0 && toNumber(row[`t${i}_${k}`]) === nonNull);
      if (k >= 0) p.textType = TEXT_TYPES[k][0];
    }
    return p;
  });
  for (const p of profiles) {
    const categorical =
      p.distinct > 0 && p.distinct <= MAX_ALLOWED_VALUES && p.distinct * 2 <= rows && (isText(p.column.type) || /INT/.test(p.column.type));
    if (categorical) {
      const r = await engine.query(
        `SELECT DISTINCT ${ident(p.column.name)} AS v FROM ${relation} WHERE ${ident(p.column.name)} IS NOT NULL ORDER BY 1`,
      );
      p.values = r.rows.map((x) => x.v);
    }
  }
  return { rows, profiles };
}

function rulesFor(p: Profile, rows: number): string[] {
  const c = q(p.column.name);
  const out: string[] = [];
  const completeness = rows ? p.nonNull / rows : 0;
  if (rows && completeness === 1) out.push(`IsComplete ${c}`);
  else if (completeness > 0) out.push(`Completeness ${c} >= ${floor2(completeness)}`);
  if (p.nonNull === 0) return out;
  // Rows with NULL fail most ColumnValues forms, so a nullable column gets a threshold at its completeness.
  const threshold = completeness < 1 ? ` with threshold >= ${floor2(completeness)}` : '';
  if (rows >= 2 && p.distinct === p.nonNull) out.push(`IsUnique ${c}`);
  if (p.values) {
    const items = p.values.map((v) => (typeof v === 'number' ? num(v) : q(String(v))));
    out.push(`ColumnValues ${c} in [${items.join(',')}]${threshold}`);
  } else if (p.min !== undefined && p.max !== undefined) {
    out.push(`ColumnValues ${c} >= ${num(p.min)}${threshold}`, `ColumnValues ${c} <= ${num(p.max)}${threshold}`);
  }
  if (p.minLength !== undefined && p.maxLength !== undefined)
    out.push(`ColumnLength ${c} between ${p.minLength - 1} and ${p.maxLength + 1}`);
  if (p.textType) out.push(`ColumnDataType ${c} = ${q(p.textType)}${threshold}`);
  return out;
}

/** A DQDL ruleset that the relation's data passes today. */
export async function recommendRuleset(engine: QueryEngine, relation: string): Promise<string> {
  const columns = (await engine.query(`SELECT * FROM ${relation} LIMIT 0`)).columns;
  const { rows, profiles } = await profile(engine, relation, columns);
  const rules = [rows ? `RowCount between ${Math.floor(rows * 0.8) - 1} and ${Math.ceil(rows * 1.2) + 1}` : 'RowCount >= 0'];
  rules.push(`ColumnCount = ${columns.length}`);
  for (const p of profiles) rules.push(...rulesFor(p, rows));
  return `Rules = [\n${rules.map((r) => `    ${r}`).join(',\n')}\n]\n`;
}
