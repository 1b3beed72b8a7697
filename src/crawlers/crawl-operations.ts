// StartCrawler, StopCrawler, ListCrawls, GetCrawlerMetrics, and two Sluice-only operations:
// GetCrawlDetails (a crawl's progress, unreadable files and log, for `sluice crawler run`) and
// DryRunCrawler (what a crawl would change, changing nothing).
import { z } from 'zod';
import { glueOperation, sluiceOperation } from '../kernel/registry.js';
import { invalidInput, notFound, SluiceError } from '../kernel/errors.js';
import { pageByOffset } from '../kernel/pagination.js';
import type { CrawlerHistory, CrawlsFilter } from '../kernel/glue-types.js';
import { beginCrawl, endCrawl, reapCrawler } from './crawl-lifecycle.js';
import { readCrawlLog } from './crawl-log.js';
import { historyOf, listCrawls, newCrawlRecord, noteUnreadable, writeCrawl, type CrawlRecord } from './crawl-store.js';
import { crawlerEntryNotFound, findCrawler, requireCrawler, setCrawlerState } from './crawler-store.js';
import { planCrawl } from './crawl-plan.js';
import { openSession } from './crawl-session.js';
import { planView } from './plan-view.js';
import { crawlMetrics } from './crawl-metrics.js';
import { CrawlFailed } from './crawl-errors.js';

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidInput(r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  return r.data;
}

function matches(h: CrawlerHistory, f: CrawlsFilter): boolean {
  const field = {
    CRAWL_ID: h.CrawlId,
    STATE: h.State,
    START_TIME: h.StartTime?.getTime(),
    END_TIME: h.EndTime?.getTime(),
    DPU_HOUR: h.DPUHour,
  }[f.FieldName ?? 'CRAWL_ID'];
  const numeric = typeof field === 'number';
  const value = numeric ? (Number.isNaN(Number(f.FieldValue)) ? Date.parse(f.FieldValue ?? '') : Number(f.FieldValue)) : f.FieldValue;
  if (field === undefined) return false;
  const cmp = field < value! ? -1 : field > value! ? 1 : 0;
  switch (f.FilterOperator ?? 'EQ') {
    case 'GT':
      return cmp > 0;
    case 'GE':
      return cmp >= 0;
    case 'LT':
      return cmp < 0;
    case 'LE':
      return cmp <= 0;
    case 'NE':
      return cmp !== 0;
    default:
      return cmp === 0;
  }
}

/** Glue's own checks on ListCrawls' filters, in its words: a value is required, and ids and states only compare for equality. */
function checkCrawlsFilters(filters: CrawlsFilter[]): void {
  for (const f of filters) {
    if (f.FieldValue === undefined || f.FieldValue === '') {
      throw invalidInput(
        `Invalid Filter Provided: FieldName: ${f.FieldName ?? 'null'}, FilterOperator: ${f.FilterOperator ?? 'null'}, FieldValue: null`,
      );
    }
    const ordered = f.FilterOperator !== undefined && f.FilterOperator !== 'EQ' && f.FilterOperator !== 'NE';
    if (ordered && (f.FieldName === 'CRAWL_ID' || f.FieldName === 'STATE')) {
      throw invalidInput(`Only EQ or NE operator is allowed for field : ${f.FieldName}`);
    }
  }
}

export const crawlOperations = [
  glueOperation('StartCrawler', async (input, ctx) => {
    const { db } = ctx.services.store;
    const record = await beginCrawl(db, input.Name);
    try {
      record.pid = ctx.services.launcher.launch('crawl', record.crawlId);
      await writeCrawl(db, record);
    } catch (e) {
      await endCrawl(db, record, 'FAILED', `The crawl could not be started: ${(e as Error).message}`);
      throw e;
    }
    return {};
  }),

  glueOperation('StopCrawler', async (input, ctx) => {
    const { db } = ctx.services.store;
    const crawler = await reapCrawler(db, await requireCrawler(db, input.Name));
    if (crawler.State === 'STOPPING') throw new SluiceError('CrawlerStoppingException', `Crawler with name ${input.Name} is stopping`);
    if (crawler.State !== 'RUNNING' || !(await setCrawlerState(db, input.Name, ['RUNNING'], 'STOPPING'))) {
      throw new SluiceError('CrawlerNotRunningException', `Crawler with name ${input.Name} isn't running`);
    }
    // A crawl whose process is already gone is ended here; a live one notices within a second.
    await reapCrawler(db, { ...crawler, State: 'STOPPING' });
    return {};
  }),

  glueOperation('ListCrawls', async (input, ctx) => {
    const { db } = ctx.services.store;
    const crawler = await findCrawler(db, input.CrawlerName);
    if (!crawler) throw crawlerEntryNotFound(input.CrawlerName);
    checkCrawlsFilters(input.Filters ?? []);
    await reapCrawler(db, crawler);
    const all = (await listCrawls(db, input.CrawlerName)).map(historyOf).filter((h) => (input.Filters ?? []).every((f) => matches(h, f)));
    const page = pageByOffset(all, input.NextToken, input.MaxResults, 20);
    return { Crawls: page.items, NextToken: page.nextToken };
  }),

  glueOperation('GetCrawlerMetrics', async (input, ctx) => {
    const metrics = await crawlMetrics(ctx.services.store.db, input.CrawlerNameList);
    const page = pageByOffset(metrics, input.NextToken, input.MaxResults);
    return { CrawlerMetricsList: page.items, NextToken: page.nextToken };
  }),

  sluiceOperation(
    'GetCrawlDetails',
    (input) =>
      parse(
        z.object({ CrawlerName: z.string().min(1), CrawlId: z.string().min(1).optional(), IncludeLog: z.boolean().optional() }).strict(),
        input,
      ),
    async (input, ctx) => {
      const { db } = ctx.services.store;
      await reapCrawler(db, await requireCrawler(db, input.CrawlerName));
      const crawls = await listCrawls(db, input.CrawlerName);
      const crawl = input.CrawlId ? crawls.find((c) => c.crawlId === input.CrawlId) : crawls[0];
      if (!crawl)
        throw notFound(
          input.CrawlId
            ? `Crawl ${input.CrawlId} of crawler ${input.CrawlerName} not found`
            : `Crawler ${input.CrawlerName} has not crawled yet`,
        );
      return {
        Crawl: historyOf(crawl),
        Progress: crawl.progress,
        Counts: crawl.counts,
        UnreadableFiles: crawl.unreadable.map((u) => ({ Path: u.path, Reason: u.reason })),
        UnreadableCount: crawl.unreadableCount,
        Warnings: crawl.warnings ?? [],
        WarningCount: crawl.warningCount ?? 0,
        Log: input.IncludeLog ? readCrawlLog(ctx.services.root, crawl.crawlId) : undefined,
      };
    },
  ),

  sluiceOperation(
    'DryRunCrawler',
    (input) => parse(z.object({ Name: z.string().min(1) }).strict(), input),
    async (input, ctx) => {
      const crawler = await requireCrawler(ctx.services.store.db, input.Name);
      const record: CrawlRecord = newCrawlRecord(`dry-run-${Date.now()}`, input.Name);
      const session = openSession(ctx.services, record.crawlId, record.progress, {
        unreadable: (u) => noteUnreadable(record, u),
        checkStop: async () => {},
      });
      try {
        const plan = await planCrawl(crawler, {
          db: ctx.services.store.db,
          catalogId: ctx.accountId,
          crawlId: record.crawlId,
          scan: session.scan,
          services: ctx.services,
        });
        // A dry run is where a mistyped path should be caught: it is an error there, a warning in a crawl.
        if (plan.missingTargets.length) {
          const list = plan.missingTargets.join(', ');
          throw notFound(
            `Target${plan.missingTargets.length > 1 ? 's' : ''} ${list} of crawler ${input.Name} do${plan.missingTargets.length > 1 ? '' : 'es'} not exist: nothing is stored there`,
          );
        }
        return { Plan: planView(plan) };
      } catch (e) {
        if (e instanceof CrawlFailed) throw invalidInput(`The crawl would fail and write nothing: ${e.message}`);
        throw e;
      } finally {
        await session.close();
      }
    },
  ),
];
