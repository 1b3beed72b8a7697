// Rules about the dataset as a whole: RowCount, ColumnCount, ColumnExists, ColumnNamesMatchPattern.
import { findColumn } from '../../../kernel/column-names.js';
import { judge } from '../checks.js';
import { toNumber } from '../sql.js';
import { RuleError, type RuleEnv, type RulePlan } from '../types.js';

export function rowCount(env: RuleEnv): RulePlan {
  const key = 'Dataset.*.RowCount';
  const measure = (v: { agg: Record<string, unknown> }) => ({ [key]: toNumber(v.agg.n) ?? 0 });
  return {
    aggregates: { n: `count(*)${env.filter()}` },
    historyMetric: key,
    measure,
    finish: (v, check) => judge(measure(v)[key], check, measure(v), 'The row count could not be computed'),
  };
}

export function columnCount(env: RuleEnv): RulePlan {
  const key = 'Dataset.*.ColumnCount';
  const measure = () => ({ [key]: env.columns.length });
  return { historyMetric: key, measure, finish: (_v, check) => judge(env.columns.length, check, measure(), '') };
}

export function columnExists(env: RuleEnv): RulePlan {
  const name = env.rule.params[0].value;
  const key = `Dataset.${name}.ColumnExists`;
  const exists = findColumn(env.columns, name) !== undefined;
  const measure = () => ({ [key]: exists ? 1 : 0 });
  return {
    measure,
    finish: () =>
      exists
        ? { status: 'PASS', metrics: measure() }
        : { status: 'FAIL', message: `Input data does not include column ${name}!`, metrics: measure() },
  };
}

export function columnNamesMatchPattern(env: RuleEnv): RulePlan {
  const pattern = env.rule.params[0].value;
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch (e) {
    throw new RuleError(`Invalid pattern ${pattern}: ${(e as Error).message}`);
  }
  // The reference uses find (partial) matching, so an unanchored pattern matches inside names.
  const unmatched = env.columns.map((c) => c.name).filter((n) => !re.test(n));
  const key = 'Dataset.*.ColumnNamesPatternMatchRatio';
  const measure = () => ({ [key]: env.columns.length ? (env.columns.length - unmatched.length) / env.columns.length : 1 });
  return {
    measure,
    finish: () =>
      unmatched.length
        ? { status: 'FAIL', message: `Columns that do not match the pattern: ${unmatched.join(', ')}`, metrics: measure() }
        : { status: 'PASS', metrics: measure() },
  };
}
