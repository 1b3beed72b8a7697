// ColumnValues (§4.3, §6.2). Numeric `>`/`>=` test the minimum and `<`/`<=` the maximum, `= x`
// both, each also requiring a complete column; every other form (and any form with a threshold) is
// the share of rows that comply: all of them by default, or as `with threshold` says. NULL fails
// every form except `!=` and `not in`; `matches` is a full-string match.
import { checkNumber, constraintMessage } from '../checks.js';
import { datePredicate, numberPredicate, stringPredicate } from '../predicates.js';
import { toNumber } from '../sql.js';
import { NUMERIC } from './statistics.js';
import { RuleError, type NumberCheck, type Outcome, type RuleEnv, type RulePlan, type Values } from '../types.js';

const NULL_MESSAGE = 'Value: NULL does not meet the constraint requirement!';

export function columnValues(env: RuleEnv): RulePlan {
  const { rule } = env;
  const name = rule.params[0].value;
  const cond = rule.condition;
  // Numbers compare as numbers: a text column is read through TRY_CAST, so text that is no number fails.
  const c = cond?.type === 'number' && !NUMERIC.test(env.typeOf(name)) ? `TRY_CAST(${env.col(name)} AS DOUBLE)` : env.col(name);
  if (!cond) throw new RuleError('ColumnValues needs a condition');
  const ignoreCase = rule.tags.some((t) => t.key === 'ignoreCase' && t.value.toLowerCase() === 'true');
  const numeric = cond.type === 'number' ? env.constCheck(cond) : undefined;
  const row =
    cond.type === 'number'
      ? numberPredicate(c, numeric!)
      : cond.type === 'string'
        ? stringPredicate(c, cond.op, cond.operands, ignoreCase)
        : cond.type === 'date'
          ? datePredicate(c, cond.op, cond.operands, env.nowDate)
          : undefined;
  if (!row) throw new RuleError(`ColumnValues does not take a ${cond.type} condition`);
  const extreme = !env.threshold && numeric && ['>', '>=', '<', '<=', '='].includes(numeric.op) && numeric.values[0] !== null;
  const isPattern = cond.type === 'string' && (cond.op === 'matches' || cond.op === 'not matches');
  const keys = {
    min: `Column.${name}.Minimum`,
    max: `Column.${name}.Maximum`,
    compliance: isPattern ? `Column.${name}.PatternMatch` : `Column.${name}.ColumnValues.Compliance`,
  };
  const aggregates: Record<string, string> = { n: `count(*)${env.filter()}` };
  if (extreme)
    Object.assign(aggregates, { min: `min(${c})${env.filter()}`, max: `max(${c})${env.filter()}`, c: `count(${c})${env.filter()}` });
  else aggregates.ok = `count(*)${env.filter(row)}`;
  const measure = (v: Values): Record<string, number> => {
    const n = toNumber(v.agg.n) ?? 0;
    if (!extreme) return n ? { [keys.compliance]: (toNumber(v.agg.ok) ?? 0) / n } : {};
    const m: Record<string, number> = {};
    const min = toNumber(v.agg.min);
    const max = toNumber(v.agg.max);
    if (min !== undefined && numeric!.op !== '<' && numeric!.op !== '<=') m[keys.min] = min;
    if (max !== undefined && numeric!.op !== '>' && numeric!.op !== '>=') m[keys.max] = max;
    return m;
  };
  return {
    aggregates,
    row,
    filteredRowsAgg: rule.where ? 'n' : undefined,
    measure,
    finish: (v) =>
      extreme ? finishExtreme(v, numeric!, measure(v), keys) : finishCompliance(measure(v)[keys.compliance], env.threshold, measure(v)),
  };
}

function finishExtreme(v: Values, check: NumberCheck, metrics: Record<string, number>, keys: { min: string; max: string }): Outcome {
  const n = toNumber(v.agg.n) ?? 0;
  const nonNull = toNumber(v.agg.c) ?? 0;
  if (n === 0) return { status: 'FAIL', message: 'Empty dataset: no values to check.', metrics };
  for (const k of [keys.min, keys.max]) {
    if (k in metrics && !checkNumber(metrics[k], check)) return { status: 'FAIL', message: constraintMessage(metrics[k]), metrics };
  }
  return nonNull < n ? { status: 'FAIL', message: NULL_MESSAGE, metrics } : { status: 'PASS', metrics };
}

export function finishCompliance(
  compliance: number | undefined,
  threshold: NumberCheck | undefined,
  metrics: Record<string, number>,
): Outcome {
  if (compliance === undefined) return { status: 'FAIL', message: 'Empty dataset: no values to check.', metrics };
  const ok = threshold ? checkNumber(compliance, threshold) : compliance === 1;
  return ok ? { status: 'PASS', metrics } : { status: 'FAIL', message: constraintMessage(compliance), metrics };
}
