// What a job calls to check its output before committing it: evaluate a ruleset over a relation in
// the job's own engine, keep the result in the dataset's history, and say whether a critical rule
// failed (the job then fails the run and commits nothing) and which rows to quarantine.
import type { Kysely } from 'kysely';
import type { DataQualityResult, DataQualityRuleResult } from '../kernel/glue-types.js';
import type { QueryEngine } from '../engine/query-engine.js';
import type { DB } from '../store/schema.js';
import type { Ruleset } from './dqdl/ast.js';
import { evaluateRuleset, type Evaluation } from './eval/evaluate.js';
import { recordResult, storeHistory } from './service/history.js';
import { toResult } from './service/evaluate-table.js';

export interface JobQualityCheck {
  engine: QueryEngine;
  /** The job's output as a SQL relation in `engine` (a view or table name, or a parenthesised query). */
  relation: string;
  ruleset: string | Ruleset;
  rulesetName?: string;
  /** Reference datasets by alias, as SQL relations in `engine`. */
  additional?: Record<string, string>;
  /** Where history is kept: the output table's key (catalogId.db.table) or the job's own. */
  sourceKey: string;
  jobName?: string;
  jobRunId?: string;
  /** A temporary table to hold row-level outcomes; its 'Failed' rows are the ones to quarantine. */
  rowLevelTable?: string;
  compositeMethod?: 'COLUMN' | 'ROW';
  /** The store to read history from and record the result in; without it nothing is kept. */
  db?: Kysely<DB>;
}

export interface JobQualityOutcome {
  evaluation: Evaluation;
  result: DataQualityResult & { ResultId: string };
  /** Rules labelled critical (severity=critical or critical=true) that did not pass. */
  criticalFailures: DataQualityRuleResult[];
  /** SQL selecting the rows to quarantine, with DataQualityRulesFail as the reason (when rowLevelTable is set). */
  quarantineSql?: string;
}

const isCritical = (labels: Record<string, string> | undefined) =>
  !!labels && (labels.severity?.toLowerCase() === 'critical' || labels.critical?.toLowerCase() === 'true');

export async function evaluateForJob(check: JobQualityCheck): Promise<JobQualityOutcome> {
  const startedOn = new Date();
  const history = check.db ? await storeHistory(check.db, check.sourceKey) : undefined;
  const evaluation = await evaluateRuleset(check.engine, check.ruleset, {
    primary: check.relation,
    additional: check.additional,
    compositeMethod: check.compositeMethod,
    history,
    now: startedOn,
    rowLevelTable: check.rowLevelTable,
  });
  const result = toResult(evaluation, { RulesetName: check.rulesetName, JobName: check.jobName, JobRunId: check.jobRunId }, startedOn);
  if (check.db) await recordResult(check.db, { result, sourceKey: check.sourceKey, metrics: evaluation.metrics });
  return {
    evaluation,
    result,
    criticalFailures: evaluation.ruleResults.filter((r) => r.Result !== 'PASS' && isCritical(r.Labels)),
    quarantineSql: check.rowLevelTable
      ? `SELECT * FROM "${check.rowLevelTable.replaceAll('"', '""')}" WHERE DataQualityEvaluationResult = 'Failed'`
      : undefined,
  };
}
