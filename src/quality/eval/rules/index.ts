// Rule type → planner. Each planner turns one rule into what it needs computed (see ../types.ts).
import { RuleError, type RuleEnv, type RulePlan } from '../types.js';
import { columnCount, columnExists, columnNamesMatchPattern, rowCount } from './dataset-rules.js';
import { completeness, isComplete } from './completeness.js';
import { distinctValuesCount, entropy, isPrimaryKey, isUnique, uniqueValueRatio, uniqueness } from './distinct-rules.js';
import { columnCorrelation, mean, standardDeviation, sum, variance } from './statistics.js';
import { columnLength } from './column-length.js';
import { columnValues } from './column-values.js';
import { columnDataType } from './column-data-type.js';
import { dataFreshness } from './data-freshness.js';
import { customSql } from './custom-sql.js';
import { aggregateMatch, datasetMatch, referentialIntegrity, rowCountMatch, schemaMatch } from './cross-dataset.js';

export const PLANNERS: Record<string, (env: RuleEnv) => RulePlan> = {
  RowCount: rowCount,
  ColumnCount: columnCount,
  ColumnExists: columnExists,
  ColumnNamesMatchPattern: columnNamesMatchPattern,
  Completeness: completeness,
  IsComplete: isComplete,
  Uniqueness: uniqueness,
  IsUnique: isUnique,
  IsPrimaryKey: isPrimaryKey,
  UniqueValueRatio: uniqueValueRatio,
  DistinctValuesCount: distinctValuesCount,
  Entropy: entropy,
  Mean: mean,
  Sum: sum,
  StandardDeviation: standardDeviation,
  Variance: variance,
  ColumnCorrelation: columnCorrelation,
  ColumnLength: columnLength,
  ColumnValues: columnValues,
  ColumnDataType: columnDataType,
  DataFreshness: dataFreshness,
  CustomSql: customSql,
  ReferentialIntegrity: referentialIntegrity,
  DatasetMatch: datasetMatch,
  RowCountMatch: rowCountMatch,
  SchemaMatch: schemaMatch,
  AggregateMatch: aggregateMatch,
};

export function planRule(env: RuleEnv): RulePlan {
  const planner = PLANNERS[env.rule.ruleType];
  if (!planner) {
    // File rules read object-store paths rather than a dataset; Sluice does not evaluate them yet.
    throw new RuleError(`Rule (or nested rule) not supported due to: ${env.rule.ruleType} is not supported by Sluice`);
  }
  return planner(env);
}
