// Account isolation of data quality results and of evaluation and recommendation runs, which Glue
// addresses by id alone. Neither has an owner row: a result belongs to the owner of the job that
// produced it, else of its ruleset, else to the account whose catalog holds the table it judged
// (its source key, `<account>.<db>.<table>`); a run to the owner of its first ruleset, else to the
// account of its source key. Another account's is answered as one that does not exist, and
// listings and batch-gets are filtered, as for jobs and crawlers (isolation.ts).
import type { Kysely } from 'kysely';
import { notFound } from '../kernel/errors.js';
import type { DB } from '../store/schema.js';
import type { Ownership } from './ownership.js';

type In = Record<string, any>;
const RUN_OPS: Record<string, { kind: string; message: (id: string) => string }> = {
  GetDataQualityRulesetEvaluationRun: { kind: 'dq-evaluation', message: (id) => `Data Quality Ruleset Evaluation Run ${id} not found.` },
  CancelDataQualityRulesetEvaluationRun: { kind: 'dq-evaluation', message: (id) => `Data Quality Ruleset Evaluation Run ${id} not found.` },
  GetDataQualityRuleRecommendationRun: {
    kind: 'dq-recommendation',
    message: (id) => `Data Quality Rule Recommendation Run ${id} not found.`,
  },
  CancelDataQualityRuleRecommendationRun: {
    kind: 'dq-recommendation',
    message: (id) => `Data Quality Rule Recommendation Run ${id} not found.`,
  },
};
const RESULT_OPS = new Set(['GetDataQualityResult', 'GetDataQualityFailingRows']);
export const QUALITY_RUN_KINDS = new Set(['dq-evaluation', 'dq-recommendation']);

const accountOfKey = (key: string | null | undefined) => /^(\d{12})\./.exec(key ?? '')?.[1];

export class QualityIsolation {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly ownership: Ownership,
    private readonly defaultAccountId: string,
  ) {}

  private async ownerOf(o: { job?: string | null; ruleset?: string | null; sourceKey?: string | null }): Promise<string> {
    const named = o.job
      ? { type: 'job' as const, name: o.job }
      : o.ruleset
        ? { type: 'dataQualityRuleset' as const, name: o.ruleset }
        : undefined;
    if (named) return [...(await this.ownership.owners([named])).values()][0];
    return accountOfKey(o.sourceKey) ?? this.defaultAccountId;
  }

  /** The owning account of each result id that exists. */
  async resultOwners(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!ids.length) return out;
    const rows = await this.db
      .selectFrom('dq_results')
      .select(['result_id', 'job_name', 'ruleset_name', 'source_key'])
      .where('result_id', 'in', ids)
      .execute();
    for (const r of rows) out.set(r.result_id, await this.ownerOf({ job: r.job_name, ruleset: r.ruleset_name, sourceKey: r.source_key }));
    return out;
  }

  /** The owning account of a quality run, undefined when there is no such run of that kind. */
  async runOwner(id: string, kind?: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('runs').select(['kind', 'name', 'doc']).where('id', '=', id).executeTakeFirst();
    if (!row || !QUALITY_RUN_KINDS.has(row.kind) || (kind && row.kind !== kind)) return undefined;
    const doc = JSON.parse(row.doc) as { RulesetNames?: string[] };
    return this.ownerOf({ ruleset: doc.RulesetNames?.[0], sourceKey: row.name });
  }

  /** Throws EntityNotFoundException, in the operation's words, for another account's result or run. */
  async before(accountId: string, operation: string, input: In): Promise<void> {
    if (RESULT_OPS.has(operation) && typeof input.ResultId === 'string') {
      const owner = (await this.resultOwners([input.ResultId])).get(input.ResultId);
      if (owner && owner !== accountId) throw notFound(`Data Quality Result ${input.ResultId} not found.`);
    }
    if ((operation === 'GetRun' || operation === 'GetRunLog') && typeof input.RunId === 'string') {
      const owner = await this.runOwner(input.RunId);
      if (owner && owner !== accountId) throw notFound(`Run ${input.RunId} not found`);
    }
    const run = RUN_OPS[operation];
    if (run && typeof input.RunId === 'string') {
      const owner = await this.runOwner(input.RunId, run.kind);
      if (owner && owner !== accountId) throw notFound(run.message(input.RunId));
    }
  }

  /** Filters listings and batch-gets to the caller's own results and runs. */
  async after(accountId: string, operation: string, out: In | undefined): Promise<void> {
    if (!out) return;
    if (operation === 'ListDataQualityResults' || operation === 'BatchGetDataQualityResult') {
      const all: { ResultId: string }[] = out.Results ?? [];
      const owners = await this.resultOwners(all.map((r) => r.ResultId));
      out.Results = all.filter((r) => owners.get(r.ResultId) === accountId);
      const hidden = all.filter((r) => owners.get(r.ResultId) !== accountId).map((r) => r.ResultId);
      if (operation === 'BatchGetDataQualityResult' && hidden.length) out.ResultsNotFound = [...(out.ResultsNotFound ?? []), ...hidden];
    }
    if (operation === 'ListRuns') {
      const keep = [];
      for (const r of (out.Runs ?? []) as { RunId: string; Kind: string }[])
        if (!QUALITY_RUN_KINDS.has(r.Kind) || (await this.runOwner(r.RunId)) === accountId) keep.push(r);
      out.Runs = keep;
    }
    if (operation === 'ListDataQualityRulesetEvaluationRuns' || operation === 'ListDataQualityRuleRecommendationRuns') {
      const keep = [];
      for (const r of (out.Runs ?? []) as { RunId: string }[]) if ((await this.runOwner(r.RunId)) === accountId) keep.push(r);
      out.Runs = keep;
    }
  }
}
