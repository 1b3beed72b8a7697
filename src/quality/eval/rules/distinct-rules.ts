// Rules over value frequencies (§4.3, §6.4), from one GROUP BY per column set and where clause:
// Uniqueness = values occurring exactly once / rows with a non-null key; UniqueValueRatio = once /
// distinct; DistinctValuesCount counts NULL as one value; Entropy = −Σ p ln p over non-null values.
import { constraintMessage, judge } from '../checks.js';
import { toNumber } from '../sql.js';
import type { Outcome, RuleEnv, RulePlan, Values } from '../types.js';
import { completenessPlan } from './completeness.js';

const keyOf = (names: string[], metric: string) =>
  names.length === 1 ? `Column.${names[0]}.${metric}` : `Multicolumn.${names.join(',')}.${metric}`;
const noRows = 'Empty state: no rows with a value to compute uniqueness on.';

function groupPlan(env: RuleEnv) {
  const names = env.rule.params.map((p) => p.value);
  const cols = names.map((n) => env.col(n));
  const anyValue = cols.map((c) => `${c} IS NOT NULL`).join(' OR ');
  // The where predicate is a partition key, so rows outside it never count as duplicates of rows inside.
  const row = `CASE WHEN ${anyValue} THEN count(*) OVER (PARTITION BY ${[env.where, ...cols].join(', ')}) = 1 END`;
  return { names, cols, groups: { columns: cols, where: env.rule.where === undefined ? undefined : env.where }, row };
}

export function uniqueness(env: RuleEnv): RulePlan {
  const g = groupPlan(env);
  const key = keyOf(g.names, 'Uniqueness');
  const value = (v: Values) => (v.group ? v.group.once / v.group.rows : NaN);
  const measure = (v: Values) => ({ [key]: value(v) });
  return {
    groups: g.groups,
    row: g.row,
    rowIsHeavy: true,
    historyMetric: key,
    aggregates: env.rule.where ? { n: `count(*)${env.filter()}` } : undefined,
    filteredRowsAgg: env.rule.where ? 'n' : undefined,
    measure,
    finish: (v, check) => judge(value(v), check, measure(v), noRows),
  };
}

export function isUnique(env: RuleEnv): RulePlan {
  const plan = uniqueness(env);
  return { ...plan, finish: (v) => exactlyOne(plan.measure(v)) };
}

function exactlyOne(metrics: Record<string, number>, extra: Record<string, number> = {}): Outcome {
  const all = { ...metrics, ...extra };
  const m = Object.values(metrics)[0];
  if (Number.isNaN(m)) return { status: 'FAIL', message: noRows, metrics: all };
  return m === 1 ? { status: 'PASS', metrics: all } : { status: 'FAIL', message: constraintMessage(m), metrics: all };
}

export function isPrimaryKey(env: RuleEnv): RulePlan {
  const plan = uniqueness(env);
  const g = groupPlan(env);
  const complete = g.names.map((n, i) => ({ n, p: completenessPlan(env, n, String(i)) }));
  const aggregates = Object.assign({}, plan.aggregates, ...complete.map((c) => c.p.aggregates));
  const measure = (v: Values) => ({
    ...plan.measure(v),
    ...Object.fromEntries(complete.map((c) => [`Column.${c.n}.Completeness`, c.p.value(v)])),
  });
  return {
    ...plan,
    aggregates,
    row: `(${g.cols.map((c) => `${c} IS NOT NULL`).join(' AND ')}) AND count(*) OVER (PARTITION BY ${[env.where, ...g.cols].join(', ')}) = 1`,
    measure,
    finish: (v) => {
      const metrics = measure(v);
      const incomplete = complete.find((c) => metrics[`Column.${c.n}.Completeness`] !== 1);
      if (incomplete) {
        const m = metrics[`Column.${incomplete.n}.Completeness`];
        return {
          status: 'FAIL',
          message: Number.isNaN(m)
            ? 'Empty dataset: a primary key needs rows.'
            : `${constraintMessage(m)} Column ${incomplete.n} has NULL values.`,
          metrics,
        };
      }
      return exactlyOne(plan.measure(v), metrics);
    },
  };
}

function groupMetric(env: RuleEnv, metric: string, value: (v: Values) => number, extra: Partial<RulePlan> = {}): RulePlan {
  const g = groupPlan(env);
  const key = keyOf(g.names, metric);
  const measure = (v: Values) => ({ [key]: value(v) });
  return {
    groups: g.groups,
    historyMetric: key,
    filteredRowsAgg: env.rule.where ? 'n' : undefined,
    ...extra,
    aggregates: { ...(env.rule.where ? { n: `count(*)${env.filter()}` } : {}), ...extra.aggregates },
    measure,
    finish: (v, check) => judge(value(v), check, measure(v), 'Empty state: all input values were NULL.'),
  };
}

export const uniqueValueRatio = (env: RuleEnv) =>
  groupMetric(env, 'UniqueValueRatio', (v) => (v.group ? v.group.once / v.group.distinct : NaN));

export const entropy = (env: RuleEnv) => groupMetric(env, 'Entropy', (v) => (v.group && v.group.rows ? v.group.entropy : NaN));

export function distinctValuesCount(env: RuleEnv): RulePlan {
  const c = env.col(env.rule.params[0].value);
  return groupMetric(env, 'DistinctValuesCount', (v) => (v.group?.distinct ?? 0) + ((toNumber(v.agg.nulls) ?? 0) > 0 ? 1 : 0), {
    aggregates: { nulls: `count(*)${env.filter(`${c} IS NULL`)}` },
  });
}
