// One line per step of a finished run, saying what it produced: a crawl's tables and partitions, a
// job's rows and files in and out (and its data-quality score when it evaluated a ruleset), and how
// long it took. Each detail is read through the registry; one that cannot be read is left out.
import type { CrawlerHistory } from '../../kernel/glue-types.js';
import type { GlueCall } from '../glue-call.js';
import type { NodeEvent } from './follow.js';

const n = (v: unknown) => String(Number(v ?? 0));
const seconds = (e: NodeEvent) =>
  e.startedOn && e.completedOn ? `${((e.completedOn.getTime() - e.startedOn.getTime()) / 1000).toFixed(1)} s` : '';

async function crawlLine(call: GlueCall, e: NodeEvent): Promise<string> {
  const { Crawls } = await call<{ Crawls: CrawlerHistory[] }>('ListCrawls', {
    CrawlerName: e.name,
    Filters: [{ FieldName: 'START_TIME', FilterOperator: 'GE', FieldValue: String(e.startedOn!.getTime() - 1000) }],
  });
  const crawl = Crawls.at(-1);
  if (!crawl) return '';
  const d = await call('GetCrawlDetails', { CrawlerName: e.name, CrawlId: crawl.CrawlId });
  const c = d.Counts ?? {};
  // Files left out are said here too: a crawl that skipped input never reads as a clean one.
  const unreadable = d.UnreadableCount ? `; ${n(d.UnreadableCount)} file(s) unreadable` : '';
  const warnings = d.WarningCount ? `; ${n(d.WarningCount)} warning(s)` : '';
  return `tables ${n(c.tablesCreated)} created, ${n(c.tablesUpdated)} updated; partitions ${n(c.partitionsCreated)} created${unreadable}${warnings}`;
}

async function qualityOf(call: GlueCall, e: NodeEvent): Promise<string> {
  const { Results } = await call('ListDataQualityResults', { Filter: { JobName: e.name, JobRunId: e.runId } });
  if (!Results?.length) return '';
  const r = await call('GetDataQualityResult', { ResultId: Results[0].ResultId });
  const rules = r.RuleResults ?? [];
  return `; quality score ${Number(r.Score ?? 0).toFixed(2)} (${rules.filter((x: { Result: string }) => x.Result === 'PASS').length} of ${rules.length} rules passed)`;
}

async function jobLine(call: GlueCall, e: NodeEvent): Promise<string> {
  const d = await call('GetJobRunDetails', { JobName: e.name, RunId: e.runId });
  const m = d.Metrics ?? {};
  const outputs = (d.Lineage?.outputs ?? []).map((o: { name: string }) => o.name);
  const wrote = outputs.length ? ` to ${outputs.join(', ')}` : '';
  return `read ${n(m.rowsRead)} rows from ${n(m.filesRead)} files, wrote ${n(m.rowsWritten)} rows${wrote}, quarantined ${n(m.rowsQuarantined)}${await qualityOf(call, e).catch(() => '')}`;
}

export async function stepSummary(call: GlueCall, e: NodeEvent): Promise<string> {
  const what = await (e.type === 'CRAWLER' ? crawlLine(call, e) : jobLine(call, e)).catch(() => '');
  const error = e.errorMessage ? ` — ${e.errorMessage.split('\n')[0]}` : '';
  return `${e.type === 'JOB' ? 'job' : 'crawler'} ${e.name}: ${e.state} in ${seconds(e)}${what ? ` — ${what}` : ''}${error}`;
}
