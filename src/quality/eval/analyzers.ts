// Analyzers (§4.6): statistics without pass or fail, computed in the same shared scan as the rules.
import type { Analyzer, SimpleRule } from '../dqdl/ast.js';
import { makeEnv, type EvalContext } from './env.js';
import { PLANNERS } from './rules/index.js';
import { customSqlValue, prepareSql } from './rules/custom-sql.js';
import { NUMERIC } from './rules/statistics.js';
import { toNumber } from './sql.js';
import type { RuleEnv, RulePlan, Values } from './types.js';

const asRule = (a: Analyzer, ruleType = a.analyzerType, params = a.params): SimpleRule => ({
  kind: 'rule',
  ruleType,
  params,
  where: a.where,
  tags: [],
  position: a.position,
});

/** Column minimum and maximum for numbers, shortest and longest length otherwise. */
function valueRange(env: RuleEnv): RulePlan {
  const name = env.rule.params[0].value;
  const c = env.col(name);
  const numeric = NUMERIC.test(env.typeOf(name));
  const x = numeric ? c : `length(CAST(${c} AS VARCHAR))`;
  const [lo, hi] = numeric ? ['Minimum', 'Maximum'] : ['MinimumLength', 'MaximumLength'];
  return {
    aggregates: { min: `CAST(min(${x})${env.filter()} AS DOUBLE)`, max: `CAST(max(${x})${env.filter()} AS DOUBLE)` },
    measure: (v) => {
      const m: Record<string, number> = {};
      const min = toNumber(v.agg.min);
      const max = toNumber(v.agg.max);
      if (min !== undefined) m[`Column.${name}.${lo}`] = min;
      if (max !== undefined) m[`Column.${name}.${hi}`] = max;
      return m;
    },
    finish: () => ({ status: 'PASS', metrics: {} }),
  };
}

/** Several plans as one: aggregates renamed apart; they share the (single) group of the column. */
function merge(plans: RulePlan[]): RulePlan {
  const aggregates: Record<string, string> = {};
  plans.forEach((p, i) => Object.entries(p.aggregates ?? {}).forEach(([k, v]) => (aggregates[`p${i}_${k}`] = v)));
  const local = (v: Values, i: number): Values => ({
    ...v,
    agg: Object.fromEntries(Object.keys(plans[i].aggregates ?? {}).map((k) => [k, v.agg[`p${i}_${k}`]])),
  });
  return {
    aggregates,
    groups: plans.find((p) => p.groups)?.groups,
    measure: (v) => Object.assign({}, ...plans.map((p, i) => p.measure(local(v, i)))),
    finish: () => ({ status: 'PASS', metrics: {} }),
  };
}

function allStatistics(a: Analyzer, ctx: EvalContext): RulePlan {
  const env = makeEnv(asRule(a), ctx);
  const name = a.params[0].value;
  const numeric = NUMERIC.test(env.typeOf(name));
  const types = [
    'RowCount',
    'ColumnCount',
    'Completeness',
    'Uniqueness',
    ...(numeric ? ['Entropy', 'Mean', 'StandardDeviation', 'Sum'] : []),
  ];
  const plans = types.map((t) => PLANNERS[t](makeEnv(asRule(a, t, t === 'RowCount' || t === 'ColumnCount' ? [] : a.params), ctx)));
  plans.push(valueRange(env));
  return merge(plans);
}

export function planAnalyzer(a: Analyzer, ctx: EvalContext): RulePlan {
  switch (a.analyzerType) {
    case 'AllStatistics':
      return allStatistics(a, ctx);
    case 'ColumnValues':
      return valueRange(makeEnv(asRule(a), ctx));
    case 'CustomSql':
      return customSqlValue(prepareSql(a.params[0].value));
    default:
      return PLANNERS[a.analyzerType](makeEnv(asRule(a), ctx));
  }
}
