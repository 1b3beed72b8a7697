// Account isolation of the listings: what a list or batch-get returns is filtered to the caller's
// own jobs, crawlers, triggers, workflows, rulesets and runs. A page may therefore hold fewer items
// than MaxResults; its NextToken still continues the listing, as Glue allows short pages.
import type { Ownership } from './ownership.js';
import type { OwnedType } from './resources.js';

type Out = Record<string, any>;
type Filter = (
  out: Out,
  keep: <T>(list: T[] | undefined, nameOf: (t: T) => { type: OwnedType; name: string } | undefined) => Promise<T[] | undefined>,
) => Promise<void>;

const named = (type: OwnedType) => (t: unknown) => ({ type, name: typeof t === 'string' ? t : (t as { Name: string }).Name });
const RUN_KINDS: Record<string, OwnedType> = { job: 'job', crawl: 'crawler', workflow: 'workflow' };

/** Lists answered by another list's field, and the names a batch-get could not return. */
const filters: Record<string, Filter> = {};
const list = (ops: string[], field: string, type: OwnedType) =>
  ops.forEach(
    (op) =>
      (filters[op] = async (out, keep) => {
        out[field] = await keep(out[field], named(type));
      }),
  );
const batch = (op: string, field: string, missing: string, type: OwnedType) =>
  (filters[op] = async (out, keep) => {
    const all: unknown[] = out[field] ?? [];
    const own = (await keep(all, named(type))) ?? [];
    const hidden = all.filter((x) => !own.includes(x)).map((x) => named(type)(x).name);
    out[field] = own;
    if (hidden.length) out[missing] = [...(out[missing] ?? []), ...hidden];
  });

list(['GetJobs'], 'Jobs', 'job');
list(['ListJobs'], 'JobNames', 'job');
list(['GetCrawlers'], 'Crawlers', 'crawler');
list(['ListCrawlers'], 'CrawlerNames', 'crawler');
list(['GetTriggers'], 'Triggers', 'trigger');
list(['ListTriggers'], 'TriggerNames', 'trigger');
list(['ListWorkflows'], 'Workflows', 'workflow');
list(['ListDataQualityRulesets'], 'Rulesets', 'dataQualityRuleset');
batch('BatchGetJobs', 'Jobs', 'JobsNotFound', 'job');
batch('BatchGetCrawlers', 'Crawlers', 'CrawlersNotFound', 'crawler');
batch('BatchGetTriggers', 'Triggers', 'TriggersNotFound', 'trigger');
batch('BatchGetWorkflows', 'Workflows', 'MissingWorkflows', 'workflow');
filters.GetCrawlerMetrics = async (out, keep) => {
  out.CrawlerMetricsList = await keep(out.CrawlerMetricsList, (m: { CrawlerName: string }) => ({ type: 'crawler', name: m.CrawlerName }));
};
filters.ListRuns = async (out, keep) => {
  out.Runs = await keep(out.Runs, (r: { Kind: string; Name: string }) =>
    RUN_KINDS[r.Kind] ? { type: RUN_KINDS[r.Kind], name: r.Name } : undefined,
  );
};

/** Batch-gets check their names afterwards (a missing name is not an error for them). */
export const FILTERED_BATCH_GETS = new Set([
  'BatchGetJobs',
  'BatchGetCrawlers',
  'BatchGetTriggers',
  'BatchGetWorkflows',
  'GetCrawlerMetrics',
]);

export async function filterToAccount(ownership: Ownership, accountId: string, operation: string, output: unknown): Promise<void> {
  const f = filters[operation];
  if (!f || !output || typeof output !== 'object') return;
  await f(output as Out, async (items, nameOf) => (items ? ownership.keepOwn(accountId, items, nameOf) : items));
}

export const CREATES: Record<string, OwnedType> = {
  CreateJob: 'job',
  CreateCrawler: 'crawler',
  CreateTrigger: 'trigger',
  CreateWorkflow: 'workflow',
  CreateDataQualityRuleset: 'dataQualityRuleset',
};
export const DELETES: Record<string, OwnedType> = {
  DeleteJob: 'job',
  DeleteCrawler: 'crawler',
  DeleteTrigger: 'trigger',
  DeleteWorkflow: 'workflow',
  DeleteDataQualityRuleset: 'dataQualityRuleset',
};
