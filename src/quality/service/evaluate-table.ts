// Evaluates rulesets over a catalog table and keeps each result in the table's history: the work of
// an evaluation run's worker, and of `sluice dq evaluate`.
import type { Services } from '../../kernel/services.js';
import type { DataQualityResult, DataSource } from '../../kernel/glue-types.js';
import { evaluateRuleset, type Evaluation } from '../eval/evaluate.js';
import { ident } from '../eval/sql.js';
import { registerSources } from './data-source.js';
import { recordResult, sourceKey, storeHistory, type RecordedResult } from './history.js';
import { finalPaths, stageFolder, type IntentStage } from '../../runs/run-commit.js';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
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
  /**
   * Neither records the results nor makes the row-level files visible, but hands both back in
   * `pending` (a run's commit records them with its end, runs/run-commit.ts). Ignores `record`. Stages
   * of an evaluation that fails stay until this process ends, then are swept as abandoned.
   */
  deferCommit?: boolean;
}

/** What a deferred evaluation leaves for its run's commit. */
export interface PendingEvaluation {
  records: RecordedResult[];
  stages: IntentStage[];
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

export async function evaluateTable(
  services: Services,
  req: TableEvaluationRequest,
  pending: PendingEvaluation = { records: [], stages: [] },
): Promise<TableEvaluation[]> {
  const engine = await services.openEngine({ sandbox: true });
  const scratch = join(services.root, '.sluice', 'tmp', 'dq', randomUUID());
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
      const location = `${req.rowLevelPrefix?.replace(/\/+$/, '')}/${result.ResultId}`;
      if (rowLevelTable && req.deferCommit) {
        const dir = join(scratch, result.ResultId);
        await engine.writeParquet(`SELECT * FROM ${ident(rowLevelTable)}`, { location: dir });
        const stage = await stageFolder(services, dir, location, true);
        pending.stages.push(stage);
        rowLevelFiles = finalPaths(services, stage);
      } else if (rowLevelTable) {
        const written = await engine.writeParquet(`SELECT * FROM ${ident(rowLevelTable)}`, { location });
        rowLevelFiles = written.files.map((f) => f.path);
      }
      const record = { result, sourceKey: key, metrics: evaluation.metrics };
      if (req.deferCommit) pending.records.push(record);
      else if (req.record !== false) await recordResult(services.store.db, record);
      out.push({ result, evaluation, rowLevelFiles });
    }
    return out;
  } finally {
    await engine.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
