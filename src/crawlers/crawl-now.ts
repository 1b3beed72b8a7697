// A crawl run in the calling process, start to end: the same state transitions as StartCrawler and
// the same worker as the background process. For callers that wait anyway (the demo, tests) and
// need no second process.
import type { Sluice } from '../kernel/services.js';
import { beginCrawl } from './crawl-lifecycle.js';
import { findCrawl, type CrawlRecord } from './crawl-store.js';
import { runCrawlWorker } from './crawl-worker.js';

export async function crawlNow(sluice: Sluice, name: string): Promise<CrawlRecord> {
  const record = await beginCrawl(sluice.services.store.db, name);
  await runCrawlWorker(sluice.services, record.crawlId);
  return (await findCrawl(sluice.services.store.db, record.crawlId))!;
}
