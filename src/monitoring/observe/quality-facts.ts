// A data-quality result as the monitor sees it: its table, ruleset, score and rule outcomes. Results
// come from evaluation runs, from jobs (EvaluateDataQuality) and from `sluice dq evaluate` alike.
import type { DqResultRow } from '../../store/schema.js';
import type { QualityFacts } from '../alarms/types.js';

export function qualityFacts(row: DqResultRow): QualityFacts | undefined {
  let doc: any;
  try {
    doc = JSON.parse(row.doc);
  } catch {
    return undefined;
  }
  if (typeof doc.Score !== 'number') return undefined;
  const t = doc.DataSource?.GlueTable ?? doc.DataSource?.DataQualityGlueTable;
  // A history key is catalogId.db.table; people know the table as db.table (the catalog is the account's).
  const table = t
    ? `${String(t.DatabaseName).toLowerCase()}.${String(t.TableName).toLowerCase()}`
    : row.source_key.replace(/^\d{12}\./, '');
  const results: { Result?: string }[] = doc.RuleResults ?? [];
  return {
    resultId: row.result_id,
    table,
    ruleset: row.ruleset_name ?? undefined,
    score: doc.Score,
    at: Number(row.started_on),
    runId: row.run_id ?? undefined,
    jobName: row.job_name ?? undefined,
    jobRunId: row.job_run_id ?? undefined,
    rules: {
      passed: results.filter((r) => r.Result === 'PASS').length,
      failed: results.filter((r) => r.Result === 'FAIL').length,
      errored: results.filter((r) => r.Result === 'ERROR').length,
    },
  };
}
