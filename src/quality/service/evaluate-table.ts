// Evaluates rulesets over a catalog table and keeps each result in the table's history: the work of
// an evaluation run's worker, and of `sluice dq evaluate`.
import type { Services } from '../../kernel/services.js';
import type { DataQualityResult, DataSource } from '../../kernel/glue-types.js';
import { evaluateRuleset, type Evaluation } from '../eval/evaluate.js';
import { ident } from '../eval/sql.js';
import { registerSources } from './data-source.js';
import { recordResult, sourceKey, storeHistory } from './history.js';
import { newResultId } from './ids.js';

export interface TableEvaluationRequest {
  dataSource: DataSource;
  additional?: Record<string, DataSource>;
  rulesets: { name?: string; text: string }[];
  accountId: string;
  runId?: string;
  compositeMethod?: 'COLUMN' | 'ROW';
  /** Writes each ruleset's row-level outcomes as Parquet under this prefix (ResultsS3Prefix). */
  rowLevelPrefix?: string;
  /** Keeps the results (default true); `sluice dq evaluate --dry-run` does not. */
  record?: boolean;
}

export interface TableEvaluation {
  result: DataQualityResult & { ResultId: string };
  evaluation: Evaluation;
  rowLevelFiles?: string[];
}

export function toResult(
  e: Evaluation,
  base: Pick<DataQualityResult, 'DataSource' | 'RulesetName' | 'RulesetEvaluationRunId' | 'JobName' | 'JobRunId'>,
  startedOn: Date,
): DataQualityResult & { ResultId: string; StartedOn: Date } {
  return {
    ResultId: newResultId(),
    Score: e.score,
    ...base,
    StartedOn: startedOn,
    CompletedOn: new Date(),
    RuleResults: e.ruleResults,
    AnalyzerResults: e.analyzerResults,
    Observations: e.observations,
    AggregatedMetrics: e.aggregatedMetrics,
  };
}

export async function evaluateTable(services: Services, req: TableEvaluationRequest): Promise<TableEvaluation[]> {
  const engine = await services.openEngine({ sandbox: true });
  try {
    const rel = await registerSources(engine, services, req.accountId, req.dataSource, req.additional);
    const key = sourceKey(req.dataSource, req.accountId);
    const history = await storeHistory(services.store.db, key);
    const out: TableEvaluation[] = [];
    for (const [i, rs] of req.rulesets.entries()) {
      const startedOn = new Date();
      const rowLevelTable = req.rowLevelPrefix ? `dq_rows_${i}` : undefined;
      const evaluation = await evaluateRuleset(engine, rs.text, {
        ...rel,
        compositeMethod: req.compositeMethod,
        history,
        now: startedOn,
        rowLevelTable,
        rowCounts: true,
      });
      const result = toResult(
        evaluation,
        { DataSource: req.dataSource, RulesetName: rs.name, RulesetEvaluationRunId: req.runId },
        startedOn,
      );
      let rowLevelFiles: string[] | undefined;
      if (rowLevelTable) {
        const written = await engine.writeParquet(`SELECT * FROM ${ident(rowLevelTable)}`, {
          location: `${req.rowLevelPrefix!.replace(/\/+$/, '')}/${result.ResultId}`,
        });
        rowLevelFiles = written.files.map((f) => f.path);
      }
      if (req.record !== false) await recordResult(services.store.db, { result, sourceKey: key, metrics: evaluation.metrics });
      out.push({ result, evaluation, rowLevelFiles });
    }
    return out;
  } finally {
    await engine.close();
  }
}
