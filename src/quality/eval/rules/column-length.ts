// ColumnLength (§4.3): `>`/`>=` test the shortest value, `<`/`<=` the longest, `between` both
// (exclusive), `=`/`!=` both; `in`, `not in` and `not between` test every row, a NULL counting as
// length 0 (so it passes `in` only when 0 is listed). NULLs are ignored by the min/max forms.
import { checkNumber, constraintMessage } from '../checks.js';
import { numberPredicate } from '../predicates.js';
import { toNumber } from '../sql.js';
import type { NumberCheck, Outcome, RuleEnv, RulePlan, Values } from '../types.js';

const PER_ROW = new Set(['in', 'not in', 'not between']);

export function columnLength(env: RuleEnv): RulePlan {
  const name = env.rule.params[0].value;
  const len = `length(CAST(${env.col(name)} AS VARCHAR))`;
  const cond = env.rule.condition?.type === 'number' ? env.rule.condition : undefined;
  const op = cond?.op;
  const perRow = op !== undefined && PER_ROW.has(op);
  const constCheck = cond && perRow ? env.constCheck(cond) : undefined;
  const minKey = `Column.${name}.MinimumLength`;
  const maxKey = `Column.${name}.MaximumLength`;
  const complianceKey = `Column.${name}.LengthCompliance`;
  const aggregates: Record<string, string> = {
    min: `min(${len})${env.filter()}`,
    max: `max(${len})${env.filter()}`,
    n: `count(*)${env.filter()}`,
  };
  if (constCheck) aggregates.ok = `count(*)${env.filter(numberPredicate(`coalesce(${len}, 0)`, constCheck))}`;
  const lengths = (v: Values) => ({ min: toNumber(v.agg.min), max: toNumber(v.agg.max) });
  const measure = (v: Values): Record<string, number> => {
    const { min, max } = lengths(v);
    const m: Record<string, number> = {};
    if (min !== undefined) m[minKey] = min;
    if (max !== undefined) m[maxKey] = max;
    const n = toNumber(v.agg.n) ?? 0;
    if (constCheck && n > 0) m[complianceKey] = (toNumber(v.agg.ok) ?? 0) / n;
    return m;
  };
  const rowFor = (check: NumberCheck) =>
    perRow ? numberPredicate(`coalesce(${len}, 0)`, check) : `(${len} IS NULL OR ${numberPredicate(len, check)})`;
  let row: string | undefined;
  try {
    row = cond ? rowFor(env.constCheck(cond)) : undefined;
  } catch {
    row = undefined; // a dynamic bound has no per-row form; the dataset-level outcome still stands
  }
  return {
    aggregates,
    row,
    historyMetric: op === '<' || op === '<=' ? maxKey : minKey,
    filteredRowsAgg: env.rule.where ? 'n' : undefined,
    measure,
    finish: (v, check) => finishLength(measure(v), check, { minKey, maxKey, complianceKey, perRow }),
  };
}

function finishLength(
  metrics: Record<string, number>,
  check: NumberCheck | undefined,
  k: { minKey: string; maxKey: string; complianceKey: string; perRow: boolean },
): Outcome {
  if (!check) return { status: 'ERROR', message: 'ColumnLength needs a number condition', metrics };
  if (k.perRow) {
    const c = metrics[k.complianceKey];
    if (c === undefined) return { status: 'FAIL', message: 'Empty dataset: no rows to check.', metrics };
    return c === 1 ? { status: 'PASS', metrics } : { status: 'FAIL', message: constraintMessage(c), metrics };
  }
  const min = metrics[k.minKey];
  const max = metrics[k.maxKey];
  if (min === undefined || max === undefined) return { status: 'FAIL', message: 'Empty state: all input values were NULL.', metrics };
  const tested = check.op === '>' || check.op === '>=' ? [min] : check.op === '<' || check.op === '<=' ? [max] : [min, max];
  let failing: number | undefined;
  if (check.op === 'between') {
    const [lo, hi] = check.values;
    failing = !(lo !== null && min > lo) ? min : !(hi !== null && max < hi) ? max : undefined;
  } else failing = tested.find((m) => !checkNumber(m, check));
  return failing === undefined ? { status: 'PASS', metrics } : { status: 'FAIL', message: constraintMessage(failing), metrics };
}
