// The DQDL rule-type catalogue (glue-behaviour.md §4.3, DQDL-R): parameter counts, which condition a
// rule takes, and where `with threshold`, `where` and analyzers are allowed. The parser checks rules
// against it; the evaluator trusts it.

/** Which condition a rule takes; `none` = boolean rule (no condition allowed). */
export type ConditionKind = 'none' | 'number' | 'string' | 'date' | 'duration' | 'size';

export interface RuleTypeSpec {
  name: string;
  minParams: number;
  /** Infinity for var-args. */
  maxParams: number;
  /** Condition kinds accepted, tried in order. `none` in the list makes the condition optional. */
  conditions: ConditionKind[];
  threshold?: boolean;
  where?: boolean;
  /** Has no per-row meaning inside a ROW-evaluated composite rule. */
  excludedAtRowLevel?: boolean;
  analyzer?: boolean;
  analyzerOnly?: boolean;
  experimental?: boolean;
}

const spec = (name: string, min: number, max: number, conditions: ConditionKind[], extra: Partial<RuleTypeSpec> = {}): RuleTypeSpec => ({
  name,
  minParams: min,
  maxParams: max,
  conditions,
  ...extra,
});

const N: ConditionKind[] = ['number'];
const B: ConditionKind[] = ['none'];
const VAR = Infinity;

export const RULE_TYPES: Record<string, RuleTypeSpec> = Object.fromEntries(
  [
    spec('RowCount', 0, 0, N, { where: true, analyzer: true }),
    spec('ColumnCount', 0, 0, N, { analyzer: true }),
    spec('Completeness', 1, 1, N, { where: true, analyzer: true, excludedAtRowLevel: true }),
    spec('IsComplete', 1, 1, B, { where: true }),
    spec('Uniqueness', 1, VAR, N, { where: true, analyzer: true, excludedAtRowLevel: true }),
    spec('IsUnique', 1, VAR, B, { where: true }),
    spec('IsPrimaryKey', 1, VAR, B, { where: true }),
    spec('UniqueValueRatio', 1, 1, N, { where: true, analyzer: true }),
    spec('DistinctValuesCount', 1, 1, N, { where: true, analyzer: true }),
    spec('Entropy', 1, 1, N, { where: true, analyzer: true }),
    spec('Mean', 1, 1, N, { where: true, analyzer: true }),
    spec('Sum', 1, 1, N, { where: true, analyzer: true }),
    spec('StandardDeviation', 1, 1, N, { where: true, analyzer: true, excludedAtRowLevel: true }),
    spec('Variance', 1, 1, N, { where: true, analyzer: true }),
    spec('ColumnCorrelation', 2, 2, N, { where: true, analyzer: true }),
    spec('ColumnLength', 1, 1, N, { where: true, analyzer: true }),
    spec('ColumnValues', 1, 1, ['number', 'date', 'string'], { where: true, threshold: true, analyzer: true }),
    spec('ColumnDataType', 1, 1, ['string'], { where: true, threshold: true }),
    spec('ColumnExists', 1, 1, B),
    spec('ColumnNamesMatchPattern', 1, 1, B),
    spec('DataFreshness', 1, 1, ['duration'], { where: true }),
    spec('CustomSql', 1, 1, ['number', 'none'], { threshold: true, analyzer: true }),
    spec('ReferentialIntegrity', 2, 2, N, { excludedAtRowLevel: true }),
    spec('DatasetMatch', 2, 3, N, { excludedAtRowLevel: true }),
    spec('RowCountMatch', 1, 1, N),
    spec('SchemaMatch', 1, 1, N),
    spec('AggregateMatch', 2, 2, N),
    spec('DetectAnomalies', 1, VAR, B, { experimental: true }),
    spec('FileFreshness', 0, 1, ['date'], { threshold: true, experimental: true }),
    spec('FileMatch', 0, 2, ['string', 'none'], { experimental: true }),
    spec('FileUniqueness', 0, 1, N, { experimental: true }),
    spec('FileSize', 0, 1, ['size'], { threshold: true, experimental: true }),
    spec('AllStatistics', 1, 1, B, { analyzer: true, analyzerOnly: true }),
  ].map((s) => [s.name, s]),
);

/** Metrics DetectAnomalies can watch (DOC dqdl-rule-types-DetectAnomalies). */
export const ANOMALY_METRICS = new Set([
  'RowCount',
  'Completeness',
  'Uniqueness',
  'Mean',
  'Sum',
  'StandardDeviation',
  'Entropy',
  'DistinctValuesCount',
  'UniqueValueRatio',
  'ColumnLength',
  'ColumnValues',
  'ColumnCorrelation',
  'CustomSql',
  'ColumnCount',
]);

/** Functions allowed in dynamic-rule number expressions (§4.5); `average` is the reference parser's alias of avg. */
export const LIST_FUNCTIONS = new Set(['avg', 'average', 'median', 'max', 'min', 'sum', 'std', 'index']);
export const SCALAR_FUNCTIONS = new Set(['abs']);
