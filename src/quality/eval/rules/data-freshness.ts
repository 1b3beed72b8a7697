// DataFreshness (§4.2, §4.3): each row's age (evaluation time − value) in hours against the
// duration condition, `between` exclusive; NULL rows fail; every row must comply.
import { numberPredicate, durationHours } from '../predicates.js';
import { toNumber } from '../sql.js';
import { RuleError, type RuleEnv, type RulePlan, type Values } from '../types.js';

export function dataFreshness(env: RuleEnv): RulePlan {
  const name = env.rule.params[0].value;
  const c = env.col(name);
  const cond = env.rule.condition;
  if (cond?.type !== 'duration') throw new RuleError('DataFreshness needs a duration condition such as <= 24 hours');
  const age = `((epoch(${env.now}) - epoch(TRY_CAST(${c} AS TIMESTAMP))) / 3600.0)`;
  const row = numberPredicate(age, { op: cond.op, values: cond.operands.map(durationHours) });
  const key = `Column.${name}.DataFreshness.Compliance`;
  const measure = (v: Values): Record<string, number> => {
    const n = toNumber(v.agg.n) ?? 0;
    return n ? { [key]: (toNumber(v.agg.ok) ?? 0) / n } : {};
  };
  return {
    aggregates: { n: `count(*)${env.filter()}`, ok: `count(*)${env.filter(row)}` },
    row,
    filteredRowsAgg: env.rule.where ? 'n' : undefined,
    measure,
    finish: (v) => {
      const metrics = measure(v);
      const share = metrics[key];
      if (share === undefined) return { status: 'FAIL', message: 'Empty dataset: no values to check.', metrics };
      if (share === 1) return { status: 'PASS', metrics };
      return { status: 'FAIL', message: `${(share * 100).toFixed(2)} % of rows passed the threshold`, metrics };
    },
  };
}
