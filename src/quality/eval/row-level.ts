// Row-level outcomes (§4.4): the primary rows with DataQualityRulesPass, DataQualityRulesFail and
// DataQualityRulesSkip (the rules, by their text) and DataQualityEvaluationResult ('Passed' when no
// rule failed for the row). Rules with no per-row form are skipped on every row. A job routes the
// 'Failed' rows to quarantine with DataQualityRulesFail as the reason.
import type { QueryEngine } from '../../engine/query-engine.js';
import { ident, literal, toNumber } from './sql.js';

export interface RowRule {
  /** The rule's text, as shown in the lists. */
  name: string;
  /** Per-row SQL (TRUE pass, FALSE fail, NULL skip), or undefined when the rule has no per-row form. */
  expr?: string;
}

export const ROW_LEVEL_COLUMNS = ['DataQualityRulesPass', 'DataQualityRulesFail', 'DataQualityRulesSkip', 'DataQualityEvaluationResult'];

export function rowLevelSql(primary: string, rules: RowRule[]): string {
  const cols = rules.map((r, i) => (r.expr ? `__dq_${i}` : undefined));
  const list = (when: (c: string) => string, always: boolean) => {
    const items = rules
      .map((r, i) => (cols[i] ? `CASE WHEN ${when(cols[i]!)} THEN ${literal(r.name)} END` : always ? literal(r.name) : undefined))
      .filter(Boolean);
    return items.length ? `list_filter([${items.join(', ')}], x -> x IS NOT NULL)` : 'CAST([] AS VARCHAR[])';
  };
  const computed = rules.map((r, i) => (r.expr ? `, ${r.expr} AS __dq_${i}` : '')).join('');
  const present = cols.filter(Boolean) as string[];
  const inner = `SELECT *${computed} FROM ${primary} AS __dq_src`;
  const lists = `SELECT *${present.length ? ` EXCLUDE (${present.join(', ')})` : ''},
    ${list((c) => c, false)} AS DataQualityRulesPass,
    ${list((c) => `NOT ${c}`, false)} AS DataQualityRulesFail,
    ${list((c) => `${c} IS NULL`, true)} AS DataQualityRulesSkip
    FROM (${inner})`;
  return `SELECT *, CASE WHEN len(DataQualityRulesFail) = 0 THEN 'Passed' ELSE 'Failed' END AS DataQualityEvaluationResult FROM (${lists})`;
}

export interface RowLevelCounts {
  rows: number;
  passed: number;
  failed: number;
}

/**
 * Counts rows passed and failed; with `name`, first creates (or replaces) the temporary table `name`
 * holding the row-level outcomes, otherwise computes them on the fly without keeping them.
 */
export async function writeRowLevel(
  engine: QueryEngine,
  name: string | undefined,
  primary: string,
  rules: RowRule[],
): Promise<RowLevelCounts> {
  if (name) await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(name)} AS ${rowLevelSql(primary, rules)}`);
  const from = name ? ident(name) : `(${rowLevelSql(primary, rules)})`;
  const r = await engine.query(`SELECT count(*) AS n, count(*) FILTER (WHERE DataQualityEvaluationResult = 'Passed') AS ok FROM ${from}`);
  const rows = toNumber(r.rows[0].n) ?? 0;
  const passed = toNumber(r.rows[0].ok) ?? 0;
  return { rows, passed, failed: rows - passed };
}
