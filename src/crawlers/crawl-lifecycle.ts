// The crawler's state machine around a crawl: READY → RUNNING (StartCrawler) → STOPPING (StopCrawler)
// → READY when the crawl ends, with LastCrawl saying how. A crawl whose process died without
// recording its end is ended FAILED (STOPPED if a stop was asked for) by whoever looks at it next.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { SluiceError } from '../kernel/errors.js';
import type { Crawler, CrawlerHistoryState, LastCrawlStatus } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';
import { findCrawler, requireCrawler, setCrawlerState, writeCrawler } from './crawler-store.js';
export { pidAlive } from '../runs/liveness.js';
import { pidAlive } from '../runs/liveness.js';
import { CRAWLS, isActiveIn } from '../runs/kinds.js';
import { loadRow } from '../runs/ledger.js';
import { insertCrawl, newCrawlRecord, runningCrawl, THIS_HOST, writeCrawl, type CrawlRecord } from './crawl-store.js';

/** How long a crawl may have no process before it counts as never started. */
const START_GRACE_MS = 60_000;

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

/** Ends crawls whose process is gone; returns the crawler as it is afterwards. */
export async function reapCrawler(db: Kysely<DB>, crawler: Crawler): Promise<Crawler> {
  if (crawler.State === 'READY') return crawler;
  const crawl = await runningCrawl(db, crawler.Name!);
  if (!crawl) {
    await setCrawlerState(db, crawler.Name!, ['RUNNING', 'STOPPING'], 'READY');
  } else if (crawl.host === THIS_HOST) {
    const dead = crawl.pid === undefined ? Date.now() - crawl.startTime > START_GRACE_MS : !pidAlive(crawl.pid);
    if (!dead) return crawler;
    if (crawler.State === 'STOPPING') await endCrawl(db, crawl, 'STOPPED');
    else
      await endCrawl(
        db,
        crawl,
        'FAILED',
        `The crawl's process${crawl.pid ? ` (pid ${crawl.pid})` : ''} ended without recording a result: it was killed or crashed.`,
      );
  } else return crawler;
  return (await findCrawler(db, crawler.Name!)) ?? crawler;
}

/** The crawler as GetCrawler shows it: dead crawls reaped, CrawlElapsedTime of a running crawl. */
export async function crawlerView(db: Kysely<DB>, crawler: Crawler): Promise<Crawler> {
  const c = await reapCrawler(db, crawler);
  if (c.State === 'READY') return { ...c, CrawlElapsedTime: 0 };
  const crawl = await runningCrawl(db, c.Name!);
  return { ...c, CrawlElapsedTime: crawl ? Date.now() - crawl.startTime : 0 };
}
