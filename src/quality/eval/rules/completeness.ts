// Completeness (non-null rows / rows, after where; an empty string is complete) and IsComplete.
import { constraintMessage, judge } from '../checks.js';
import { toNumber } from '../sql.js';
import type { RuleEnv, RulePlan, Values } from '../types.js';

export function completenessPlan(
  env: RuleEnv,
  column: string,
  local = '',
): Pick<RulePlan, 'aggregates' | 'row'> & { value(v: Values): number } {
  const c = env.col(column);
  return {
    aggregates: { [`n${local}`]: `count(*)${env.filter()}`, [`c${local}`]: `count(${c})${env.filter()}` },
    row: `${c} IS NOT NULL`,
    value: (v) => (toNumber(v.agg[`c${local}`]) ?? 0) / (toNumber(v.agg[`n${local}`]) ?? 0),
  };
}

export function completeness(env: RuleEnv): RulePlan {
  const name = env.rule.params[0].value;
  const key = `Column.${name}.Completeness`;
  const p = completenessPlan(env, name);
  const measure = (v: Values) => ({ [key]: p.value(v) });
  const empty = 'Empty dataset: completeness cannot be computed on zero rows.';
  return {
    aggregates: p.aggregates,
    row: p.row,
    historyMetric: key,
    filteredRowsAgg: env.rule.where ? 'n' : undefined,
    measure,
    finish: (v, check) => judge(p.value(v), check, measure(v), empty),
  };
}

export function isComplete(env: RuleEnv): RulePlan {
  const plan = completeness(env);
  return {
    ...plan,
    finish: (v) => {
      const metrics = plan.measure(v);
      const m = Object.values(metrics)[0];
      if (Number.isNaN(m)) return { status: 'FAIL', message: 'Empty dataset: completeness cannot be computed on zero rows.', metrics };
      return m === 1 ? { status: 'PASS', metrics } : { status: 'FAIL', message: constraintMessage(m), metrics };
    },
  };
}
