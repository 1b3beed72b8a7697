// Results are kept as history per dataset (its source key): the result documents for the API, and
// every metric of every result for dynamic rules (last(k)), DetectAnomalies and observations.
import type { Kysely } from 'kysely';
import type { DataQualityResult, DataSource } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';
import type { HistoryProvider } from '../eval/anomalies.js';

/** How many past evaluations history reaches back (last(k) with a larger k sees at most these). */
export const HISTORY_DEPTH = 100;

/** The key history is kept under: the catalog table a DataSource names, or a job's own key. */
export function sourceKey(source: DataSource | undefined, catalogId: string): string {
  const t = source?.GlueTable ?? source?.DataQualityGlueTable;
  if (!t) return 'unknown';
  return `${t.CatalogId || catalogId}.${t.DatabaseName.toLowerCase()}.${t.TableName.toLowerCase()}`;
}

/** Reads the dataset's recent metrics once, then answers history lookups from memory. */
export async function storeHistory(db: Kysely<DB>, key: string): Promise<HistoryProvider> {
  const recent = await db
    .selectFrom('dq_results')
    .select(['result_id'])
    .where('source_key', '=', key)
    .orderBy('started_on', 'desc')
    .limit(HISTORY_DEPTH)
    .execute();
  const byMetric = new Map<string, { at: number; value: number }[]>();
  if (recent.length) {
    const rows = await db
      .selectFrom('dq_metrics')
      .select(['metric', 'value', 'recorded_on'])
      .where('source_key', '=', key)
      .where(
        'result_id',
        'in',
        recent.map((r) => r.result_id),
      )
      .execute();
    for (const r of rows) {
      const list = byMetric.get(r.metric) ?? [];
      list.push({ at: Number(r.recorded_on), value: Number(r.value) });
      byMetric.set(r.metric, list);
    }
    for (const list of byMetric.values()) list.sort((a, b) => b.at - a.at);
  }
  return { values: async (metric, k) => (byMetric.get(metric) ?? []).slice(0, k).map((x) => x.value) };
}

export interface RecordedResult {
  result: DataQualityResult & { ResultId: string; StartedOn: Date };
  sourceKey: string;
  metrics: Record<string, number>;
}

/** Stores a result and its metrics together. */
export async function recordResult(db: Kysely<DB>, r: RecordedResult): Promise<void> {
  const at = r.result.StartedOn.getTime();
  await db
    .insertInto('dq_results')
    .values({
      result_id: r.result.ResultId,
      source_key: r.sourceKey,
      ruleset_name: r.result.RulesetName ?? null,
      run_id: r.result.RulesetEvaluationRunId ?? null,
      job_name: r.result.JobName ?? null,
      job_run_id: r.result.JobRunId ?? null,
      started_on: at,
      doc: JSON.stringify(r.result),
    })
    .execute();
  const rows = Object.entries(r.metrics)
    .filter(([, v]) => Number.isFinite(v))
    .map(([metric, value]) => ({ source_key: r.sourceKey, result_id: r.result.ResultId, recorded_on: at, metric, value }));
  // Several small inserts keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('dq_metrics')
      .values(rows.slice(i, i + 100))
      .execute();
}
