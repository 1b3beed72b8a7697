// EvaluateDataQuality (glue-behaviour.md §4, §5): a DQDL ruleset over the frame, through the quality
// concept's evaluateForJob. The result is kept in the data-quality history; a failed rule labelled
// critical fails the run (so nothing is committed); with quarantine, rows failing any row-level rule
// go to the quarantine table with the rules they failed, and the frame keeps the others.
import { Frame } from '../frame.js';
import type { QualityCheck, QualityOutcome } from '../types.js';
import { ident } from '../sql.js';
import { quarantineRows } from './quarantine.js';

const OUTCOME_COLUMNS = ['DataQualityRulesPass', 'DataQualityRulesFail', 'DataQualityRulesSkip', 'DataQualityEvaluationResult'];

export async function evaluateDataQuality(frame: Frame, check: QualityCheck): Promise<QualityOutcome> {
  const { session } = frame;
  const rowLevelTable = check.quarantineFailedRows ? session.nextName('dq_rows') : undefined;
  // Loaded on use: the quality evaluator is large, and most jobs never check quality.
  const { evaluateForJob } = await import('../../../quality/for-jobs.js');
  const out = await evaluateForJob({
    engine: await frame.engine(),
    relation: frame.sqlName,
    ruleset: check.ruleset,
    rulesetName: check.rulesetName,
    sourceKey: check.sourceKey ?? `job:${session.job.Name}`,
    jobName: session.job.Name,
    jobRunId: session.runId,
    rowLevelTable,
    db: session.services.store.db,
  });
  const failedRules = (out.result.RuleResults ?? []).filter((r) => r.Result !== 'PASS').map((r) => r.Description ?? r.Name ?? '');
  session.log('info', 'data quality evaluated', {
    ruleset: check.rulesetName,
    score: out.result.Score,
    resultId: out.result.ResultId,
    failedRules,
  });
  if (out.criticalFailures.length) {
    throw new Error(
      `Data quality check failed on critical rules (score ${out.result.Score}, result ${out.result.ResultId}): ${out.criticalFailures.map((r) => r.Description).join('; ')}`,
    );
  }
  let result = frame;
  if (rowLevelTable) {
    const rows = new Frame(session, rowLevelTable);
    const exclude = OUTCOME_COLUMNS.map(ident);
    await quarantineRows(
      rows,
      `DataQualityEvaluationResult = 'Failed'`,
      `'data quality: ' || array_to_string(DataQualityRulesFail, '; ')`,
      exclude,
    );
    result = await rows.derive(
      `SELECT * EXCLUDE (${exclude.join(', ')}) FROM ${rows.sqlName} WHERE DataQualityEvaluationResult IS DISTINCT FROM 'Failed'`,
      'dq',
    );
  }
  return { frame: result, score: out.result.Score ?? 0, resultId: out.result.ResultId, failedRules };
}
