// The crawler's state machine around a crawl: READY → RUNNING (StartCrawler) → STOPPING (StopCrawler)
// → READY when the crawl ends, with LastCrawl saying how. A crawl whose process died without
// recording its end is ended FAILED (STOPPED if a stop was asked for) by whoever looks at it next,
// through the runs' one reaper.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { SluiceError } from '../kernel/errors.js';
import type { Crawler, CrawlerHistoryState, LastCrawlStatus } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';
import { findCrawler, requireCrawler, setCrawlerState, writeCrawler } from './crawler-store.js';
import { reapDeadRuns } from '../runs/reaper.js';
import { CRAWLS, isActiveIn } from '../runs/kinds.js';
import { loadRow } from '../runs/ledger.js';
import { crawlOfRow, insertCrawl, newCrawlRecord, runningCrawl, writeCrawl, type CrawlRecord } from './crawl-store.js';

const LAST_STATUS: Record<string, LastCrawlStatus> = { COMPLETED: 'SUCCEEDED', FAILED: 'FAILED', STOPPED: 'CANCELLED' };

/** Moves the crawler to RUNNING and records a new crawl; CrawlerRunningException if it is not READY. */
export async function beginCrawl(db: Kysely<DB>, name: string): Promise<CrawlRecord> {
  await reapCrawler(db, await requireCrawler(db, name));
  const record = newCrawlRecord(randomUUID(), name);
  await db.transaction().execute(async (trx) => {
    if (!(await setCrawlerState(trx, name, ['READY'], 'RUNNING'))) {
      throw new SluiceError('CrawlerRunningException', `Crawler with name ${name} has already started`);
    }
    await insertCrawl(trx, record);
  });
  return record;
}

/**
 * Ends the crawl and returns the crawler to READY, in one transaction with `also` (the catalog
 * writes of a successful crawl). Returns false when the crawl had already been ended by someone else.
 */
export async function endCrawl(
  db: Kysely<DB>,
  record: CrawlRecord,
  state: Exclude<CrawlerHistoryState, 'RUNNING'>,
  errorMessage?: string,
  also?: (trx: Transaction<DB>) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!isActiveIn(CRAWLS, (await loadRow(trx, CRAWLS, record.crawlId))?.state)) return false;
    await also?.(trx);
    const ended: CrawlRecord = { ...record, state, endTime: Date.now(), errorMessage, progress: { ...record.progress, phase: 'done' } };
    if (!(await writeCrawl(trx, ended))) return false;
    const crawler = await findCrawler(trx, record.crawlerName);
    if (crawler) {
      crawler.State = 'READY';
      crawler.LastCrawl = {
        Status: LAST_STATUS[state],
        ErrorMessage: errorMessage,
        LogGroup: '/aws-glue/crawlers',
        LogStream: record.crawlerName,
        MessagePrefix: record.crawlId,
        StartTime: new Date(record.startTime),
      };
      await writeCrawler(trx, crawler, ['RUNNING', 'STOPPING']);
    }
    Object.assign(record, ended);
    return true;
  });
}

/**
 * Ends crawls whose process is gone (the runs' one reaper decides which: runs/reaper.ts), STOPPED
 * when the crawler was STOPPING; returns the crawler as it is afterwards.
 */
export async function reapCrawler(db: Kysely<DB>, crawler: Crawler): Promise<Crawler> {
  if (crawler.State === 'READY') return crawler;
  const stopping = crawler.State === 'STOPPING';
  const reaped = await reapDeadRuns(
    db,
    CRAWLS,
    (d, row, end) => endCrawl(d, crawlOfRow(row), stopping ? 'STOPPED' : end.state, end.message),
    {
      name: crawler.Name,
    },
  );
  if (!reaped.length) {
    if (await runningCrawl(db, crawler.Name!)) return crawler;
    await setCrawlerState(db, crawler.Name!, ['RUNNING', 'STOPPING'], 'READY');
  }
  return (await findCrawler(db, crawler.Name!)) ?? crawler;
}

/** The crawler as GetCrawler shows it: dead crawls reaped, CrawlElapsedTime of a running crawl. */
export async function crawlerView(db: Kysely<DB>, crawler: Crawler): Promise<Crawler> {
  const c = await reapCrawler(db, crawler);
  if (c.State === 'READY') return { ...c, CrawlElapsedTime: 0 };
  const crawl = await runningCrawl(db, c.Name!);
  return { ...c, CrawlElapsedTime: crawl ? Date.now() - crawl.startTime : 0 };
}
