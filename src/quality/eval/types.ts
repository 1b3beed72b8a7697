// The evaluator's vocabulary: what a rule plans to compute, and what comes out of it.
import type { QueryEngine } from '../../engine/query-engine.js';
import type { Condition, SimpleRule } from '../dqdl/ast.js';

export type RuleStatus = 'PASS' | 'FAIL' | 'ERROR';

export interface Outcome {
  status: RuleStatus;
  message?: string;
  /** Metric name (as Glue names it, e.g. Column.c.Completeness) → value. */
  metrics: Record<string, number>;
  /** The rule with dynamic operands replaced by the values they had. */
  evaluatedRule?: string;
}

/** A rule that cannot be evaluated (missing column, bad SQL): its outcome is ERROR, the others still run. */
export class RuleError extends Error {}

export interface Column {
  name: string;
  type: string;
}

/** Values computed for one rule: its aggregates (by local name), group statistics and extra query. */
export interface Values {
  agg: Record<string, unknown>;
  group?: GroupStats;
  extra?: Record<string, unknown>;
}

export interface GroupStats {
  /** Rows where at least one of the columns is non-null. */
  rows: number;
  /** Distinct non-null values (or tuples). */
  distinct: number;
  /** Distinct values occurring exactly once. */
  once: number;
  /** −Σ p ln p over the distinct values. */
  entropy: number;
}

/** A number condition with its operands resolved (dynamic rules read history first). */
export interface NumberCheck {
  op: string;
  values: (number | null)[];
}

export interface RulePlan {
  /** Aggregates over the primary dataset, computed in the one shared scan; SQL carries its own FILTER. */
  aggregates?: Record<string, string>;
  /** Group statistics (Uniqueness, UniqueValueRatio, Entropy …), shared by rules on the same columns and where. */
  groups?: { columns: string[]; where?: string };
  /** Work outside the shared scan: custom SQL, other datasets. Runs on its own, so its failure is this rule's ERROR. */
  extra?: (engine: QueryEngine) => Promise<Record<string, unknown>>;
  /** Per-row outcome for row-level results: TRUE pass, FALSE fail, NULL not applicable (may need extra's values). */
  row?: string | ((values: Values) => string | undefined);
  /** Uses a window or a join, so it cannot sit in the shared aggregate scan (row-level results only). */
  rowIsHeavy?: boolean;
  /** The metric that dynamic rules (last(k)) and DetectAnomalies compare with its history. */
  historyMetric?: string;
  /** Counted over the where-filtered rows: when that is zero the rule passes with "No rows matched the filter". */
  filteredRowsAgg?: string;
  /** The metrics, as Glue names them; also what analyzers and DetectAnomalies report. */
  measure(values: Values): Record<string, number>;
  /** Turns the computed values into an outcome; `check` is the rule's number condition, resolved. */
  finish(values: Values, check: NumberCheck | undefined): Outcome;
}

export interface RuleEnv {
  rule: SimpleRule;
  columns: Column[];
  /** The quoted column, or a RuleError naming the missing column. */
  col(name: string): string;
  /** The DuckDB type of a column. */
  typeOf(name: string): string;
  /** ` FILTER (WHERE …)` restricting to the rule's where clause and an extra predicate. */
  filter(extra?: string): string;
  /** SQL for the rule's where predicate ('TRUE' without one). */
  where: string;
  /** The rule's number condition with constant operands (per-row conditions cannot read history). */
  constCheck(c: Condition & { type: 'number' }): NumberCheck;
  /** The `with threshold` condition, if any. */
  threshold: NumberCheck | undefined;
  /** Evaluation time as a SQL TIMESTAMP literal. */
  now: string;
  nowDate: Date;
  /** The dataset views: primary and additional aliases, as quoted SQL names. */
  primary: string;
  alias(name: string): string | undefined;
  aliasColumns(name: string): Promise<Column[]>;
}
