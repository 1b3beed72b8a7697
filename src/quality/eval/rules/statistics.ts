// Mean, Sum, StandardDeviation and Variance (population, §6.4) and ColumnCorrelation (Pearson),
// over the non-null values that pass the where clause.
import { judge } from '../checks.js';
import { toNumber } from '../sql.js';
import { RuleError, type RuleEnv, type RulePlan, type Values } from '../types.js';

export const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

export function numericColumn(env: RuleEnv, name: string, rule: string): string {
  const c = env.col(name);
  const type = env.typeOf(name);
  if (!NUMERIC.test(type)) throw new RuleError(`${rule} needs a numeric column, but ${name} is ${type}`);
  return c;
}

const AGG: Record<string, string> = { Mean: 'avg', Sum: 'sum', StandardDeviation: 'stddev_pop', Variance: 'var_pop' };

function statistic(env: RuleEnv, metric: string): RulePlan {
  const name = env.rule.params[0].value;
  const c = numericColumn(env, name, metric);
  const key = `Column.${name}.${metric}`;
  const value = (v: Values) => toNumber(v.agg.x);
  const measure = (v: Values): Record<string, number> => (value(v) === undefined ? {} : { [key]: value(v)! });
  return {
    aggregates: { x: `CAST(${AGG[metric]}(${c})${env.filter()} AS DOUBLE)`, ...(env.rule.where ? { n: `count(*)${env.filter()}` } : {}) },
    historyMetric: key,
    filteredRowsAgg: env.rule.where ? 'n' : undefined,
    measure,
    finish: (v, check) => judge(value(v), check, measure(v), `Empty state for analyzer ${metric}(${name}): all input values were NULL.`),
  };
}

export const mean = (env: RuleEnv) => statistic(env, 'Mean');
export const sum = (env: RuleEnv) => statistic(env, 'Sum');
export const standardDeviation = (env: RuleEnv) => statistic(env, 'StandardDeviation');
export const variance = (env: RuleEnv) => statistic(env, 'Variance');

export function columnCorrelation(env: RuleEnv): RulePlan {
  const [a, b] = env.rule.params.map((p) => p.value);
  const ca = numericColumn(env, a, 'ColumnCorrelation');
  const cb = numericColumn(env, b, 'ColumnCorrelation');
  const key = `Multicolumn.${a},${b}.ColumnCorrelation`;
  const value = (v: Values) => toNumber(v.agg.r);
  const measure = (v: Values): Record<string, number> => (value(v) === undefined || Number.isNaN(value(v)) ? {} : { [key]: value(v)! });
  return {
    aggregates: { r: `CAST(corr(${ca}, ${cb})${env.filter()} AS DOUBLE)`, ...(env.rule.where ? { n: `count(*)${env.filter()}` } : {}) },
    historyMetric: key,
    filteredRowsAgg: env.rule.where ? 'n' : undefined,
    measure,
    finish: (v, check) =>
      judge(value(v), check, measure(v), `Correlation of ${a} and ${b} cannot be computed: too few non-null pairs or no variance.`),
  };
}
