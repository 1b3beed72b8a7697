// GetDataQualityResult, ListDataQualityResults and BatchGetDataQualityResult, over the result history.
import type { Kysely } from 'kysely';
import { glueOperation } from '../../kernel/registry.js';
import { notFound } from '../../kernel/errors.js';
import { pageByOffset } from '../../kernel/pagination.js';
import { reviveDates } from '../../kernel/shape-codec.js';
import type { DataQualityResult } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';
import { sourceKey } from './history.js';

export async function findResults(db: Kysely<DB>, ids: string[]): Promise<DataQualityResult[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('dq_results').select(['result_id', 'doc']).where('result_id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.result_id, reviveDates<DataQualityResult>('DataQualityResult', JSON.parse(r.doc))]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export const resultOperations = [
  glueOperation('GetDataQualityResult', async (input, ctx) => {
    const [r] = await findResults(ctx.services.store.db, [input.ResultId]);
    if (!r) throw notFound(`Data Quality Result ${input.ResultId} not found.`);
    return r;
  }),

  glueOperation('BatchGetDataQualityResult', async (input, ctx) => {
    const Results = await findResults(ctx.services.store.db, input.ResultIds);
    const found = new Set(Results.map((r) => r.ResultId));
    return { Results, ResultsNotFound: input.ResultIds.filter((id) => !found.has(id)) };
  }),

  glueOperation('ListDataQualityResults', async (input, ctx) => {
    const f = input.Filter ?? {};
    let q = ctx.services.store.db.selectFrom('dq_results').select(['result_id', 'doc']).orderBy('started_on', 'desc').orderBy('result_id');
    if (f.DataSource) q = q.where('source_key', '=', sourceKey(f.DataSource, ctx.accountId));
    if (f.JobName) q = q.where('job_name', '=', f.JobName);
    if (f.JobRunId) q = q.where('job_run_id', '=', f.JobRunId);
    if (f.StartedAfter) q = q.where('started_on', '>', f.StartedAfter.getTime());
    if (f.StartedBefore) q = q.where('started_on', '<', f.StartedBefore.getTime());
    const rows = await q.execute();
    const page = pageByOffset(rows, input.NextToken, input.MaxResults);
    return {
      Results: page.items.map((row) => {
        const r = reviveDates<DataQualityResult>('DataQualityResult', JSON.parse(row.doc));
        return { ResultId: r.ResultId, DataSource: r.DataSource, JobName: r.JobName, JobRunId: r.JobRunId, StartedOn: r.StartedOn };
      }),
      NextToken: page.nextToken,
    };
  }),
];
