// The shared scan: every rule's aggregates in ONE aggregate SELECT over the primary dataset, and
// one GROUP BY per distinct (columns, where) for frequency statistics, all sent as one statement.
// If that statement fails (a bad where clause, a cast error in the data), each rule is computed on
// its own, so only the rules at fault end in ERROR.
import type { QueryEngine } from '../../engine/query-engine.js';
import { ident, toNumber } from './sql.js';
import type { GroupStats, RulePlan, Values } from './types.js';

export interface ScanItem {
  id: number;
  plan: RulePlan;
}

interface Built {
  sql: string;
  groupOf: Map<number, string>;
}

const groupKey = (g: NonNullable<RulePlan['groups']>) => `${g.columns.join(',')}|${g.where ?? ''}`;

function groupSql(primary: string, g: NonNullable<RulePlan['groups']>, alias: string): string {
  const anyValue = g.columns.map((c) => `${c} IS NOT NULL`).join(' OR ');
  const where = g.where ? `${g.where} AND (${anyValue})` : anyValue;
  // Entropy = ln N − Σ n ln n / N, which is −Σ p ln p with p = n / N, in one pass over the groups.
  return `(SELECT count(*) FILTER (WHERE n = 1) AS ${alias}_once, count(*) AS ${alias}_distinct, coalesce(sum(n), 0) AS ${alias}_rows,
    ln(sum(n)) - sum(n * ln(n)) / sum(n) AS ${alias}_entropy
    FROM (SELECT count(*) AS n FROM ${primary} WHERE ${where} GROUP BY ${g.columns.join(', ')})) AS ${alias}`;
}

export function buildScan(primary: string, items: ScanItem[]): Built | undefined {
  const selects: string[] = [];
  const groups = new Map<string, { alias: string; sql: string }>();
  const groupOf = new Map<number, string>();
  for (const { id, plan } of items) {
    for (const [name, expr] of Object.entries(plan.aggregates ?? {})) selects.push(`${expr} AS ${ident(`r${id}_${name}`)}`);
    if (plan.groups) {
      const key = groupKey(plan.groups);
      let g = groups.get(key);
      if (!g) {
        const alias = `g${groups.size}`;
        g = { alias, sql: groupSql(primary, plan.groups, alias) };
        groups.set(key, g);
      }
      groupOf.set(id, g.alias);
    }
  }
  if (!selects.length && !groups.size) return undefined;
  const from = [
    `(SELECT ${selects.length ? selects.join(',\n  ') : '1 AS __dq_one'} FROM ${primary}) AS __dq_a`,
    ...[...groups.values()].map((g) => g.sql),
  ];
  return { sql: `SELECT * FROM ${from.join('\nCROSS JOIN ')}`, groupOf };
}

function valuesFrom(row: Record<string, unknown>, id: number, plan: RulePlan, group: string | undefined): Values {
  const agg: Record<string, unknown> = {};
  for (const name of Object.keys(plan.aggregates ?? {})) agg[name] = row[`r${id}_${name}`];
  let stats: GroupStats | undefined;
  if (group) {
    stats = {
      rows: toNumber(row[`${group}_rows`]) ?? 0,
      distinct: toNumber(row[`${group}_distinct`]) ?? 0,
      once: toNumber(row[`${group}_once`]) ?? 0,
      entropy: toNumber(row[`${group}_entropy`]) ?? NaN,
    };
  }
  return { agg, group: stats };
}

/** Values per item id, or the error that item's own query raised. */
export async function runScan(engine: QueryEngine, primary: string, items: ScanItem[]): Promise<Map<number, Values | Error>> {
  const out = new Map<number, Values | Error>();
  const built = buildScan(primary, items);
  if (!built) {
    for (const { id } of items) out.set(id, { agg: {} });
    return out;
  }
  try {
    const row = (await engine.query(built.sql)).rows[0] ?? {};
    for (const { id, plan } of items) out.set(id, valuesFrom(row, id, plan, built.groupOf.get(id)));
    return out;
  } catch (e) {
    if (items.length === 1) {
      out.set(items[0].id, e as Error);
      return out;
    }
  }
  for (const item of items) {
    const [v] = (await runScan(engine, primary, [item])).values();
    out.set(item.id, v);
  }
  return out;
}
