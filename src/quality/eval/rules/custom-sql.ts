// CustomSql (§4.3) over the dataset aliased `primary`. With a number condition the query returns
// one value, which is compared. Without one it returns rows: the share of primary rows it returns
// (matched on all the columns it returns, which must exist in primary) must be 1.0, or as
// `with threshold` says.
import type { QueryEngine } from '../../../engine/query-engine.js';
import { findColumn } from '../../../kernel/column-names.js';
import { judge } from '../checks.js';
import { ident, quotePrimary, toNumber } from '../sql.js';
import { RuleError, type RuleEnv, type RulePlan, type Values } from '../types.js';
import { finishCompliance } from './column-values.js';

async function run<T>(what: () => Promise<T>): Promise<T> {
  try {
    return await what();
  } catch (e) {
    throw new RuleError(`Custom SQL statement failed: ${(e as Error).message}`);
  }
}

export const prepareSql = (sql: string) => quotePrimary(sql).trim().replace(/;\s*$/, '');

export function customSql(env: RuleEnv): RulePlan {
  const sql = prepareSql(env.rule.params[0].value);
  return env.rule.condition ? customSqlValue(sql) : customSqlRows(env, sql);
}

export function customSqlValue(sql: string): RulePlan {
  const key = 'Dataset.*.CustomSQL';
  const measure = (v: Values): Record<string, number> => (v.extra?.value === undefined ? {} : { [key]: v.extra.value as number });
  return {
    historyMetric: key,
    extra: async (engine: QueryEngine) => {
      const r = await run(() => engine.query(sql, { maxRows: 2 }));
      if (r.rows.length !== 1 || r.columns.length !== 1) {
        throw new RuleError(
          `Custom SQL with a condition must return one row with one value; it returned ${r.rows.length > 1 ? 'more than one row' : `${r.rows.length} rows`} and ${r.columns.length} columns`,
        );
      }
      const value = toNumber(Object.values(r.rows[0])[0]);
      if (value === undefined)
        throw new RuleError(`Custom SQL must return a number; it returned ${JSON.stringify(Object.values(r.rows[0])[0])}`);
      return { value };
    },
    measure,
    finish: (v, check) => judge(v.extra?.value as number, check, measure(v), 'Custom SQL returned no value'),
  };
}

function customSqlRows(env: RuleEnv, sql: string): RulePlan {
  const key = 'Dataset.*.CustomSQL.Compliance';
  const on = (cols: string[], q: string, p: string) =>
    cols.map((c) => `${q}.${ident(c)} IS NOT DISTINCT FROM ${p}.${ident(c)}`).join(' AND ');
  const measure = (v: Values): Record<string, number> => {
    const total = toNumber(v.extra?.total) ?? 0;
    return total ? { [key]: (toNumber(v.extra?.matched) ?? 0) / total } : {};
  };
  return {
    extra: async (engine: QueryEngine) => {
      const shape = await run(() => engine.query(`SELECT * FROM (${sql}) AS __dq_q LIMIT 0`));
      const cols = shape.columns.map((c) => c.name);
      const missing = cols.filter((c) => !findColumn(env.columns, c));
      if (missing.length) throw new RuleError(`Custom SQL returned columns that are not in the primary dataset: ${missing.join(', ')}`);
      const r = await run(() =>
        engine.query(
          `SELECT (SELECT count(*) FROM ${env.primary}) AS total, (SELECT count(*) FROM ${env.primary} AS __dq_p SEMI JOIN (${sql}) AS __dq_q ON ${on(cols, '__dq_q', '__dq_p') || 'true'}) AS matched`,
        ),
      );
      return { cols, total: r.rows[0].total, matched: r.rows[0].matched };
    },
    row: (v) => {
      const cols = v.extra?.cols as string[] | undefined;
      return cols ? `EXISTS (SELECT 1 FROM (${sql}) AS __dq_q WHERE ${on(cols, '__dq_q', '__dq_src') || 'true'})` : undefined;
    },
    rowIsHeavy: true,
    measure,
    finish: (v) => {
      if (!toNumber(v.extra?.total))
        return { status: 'FAIL', message: 'Custom SQL rule could not be evaluated due to data frame being empty', metrics: {} };
      return finishCompliance(measure(v)[key], env.threshold, measure(v));
    },
  };
}
