// The background half of StartCrawler (`sluice _run crawl <crawlId>`): plans the crawl, then writes
// the catalog changes, the crawler's folder memory and the crawl's end in one transaction. Progress
// is saved every half second; a stop request is noticed within a second and ends the crawl
// CANCELLED having written nothing.
import type { Transaction } from 'kysely';
import type { Services } from '../kernel/services.js';
import type { DB } from '../store/schema.js';
import { applyPlan } from './apply-plan.js';
import { CrawlFailed, CrawlStopped } from './crawl-errors.js';
import { endCrawl } from './crawl-lifecycle.js';
import { openCrawlLog, type CrawlLog } from './crawl-log.js';
import { planCrawl, type CrawlPlan } from './crawl-plan.js';
import { openSession } from './crawl-session.js';
import { findCrawl, noteUnreadable, noteWarning, writeCrawl, type CrawlRecord } from './crawl-store.js';
import { findCrawler } from './crawler-store.js';

const FLUSH_MS = 500;
const STOP_CHECK_MS = 1000;

async function saveFolders(trx: Transaction<DB>, plan: CrawlPlan, crawlId: string): Promise<void> {
  if (!plan.incremental) await trx.deleteFrom('crawler_folders').where('crawler_name', '=', plan.crawlerName).execute();
  const gone = new Set(plan.tables.filter((t) => t.action === 'delete').map((t) => t.name));
  const rows = plan.folders
    .filter((f) => !gone.has(f.table))
    .map((f) => ({
      crawler_name: plan.crawlerName,
      folder: f.folder,
      database_name: plan.database,
      table_name: f.table,
      crawl_id: crawlId,
    }));
  for (let i = 0; i < rows.length; i += 100) {
    await trx
      .insertInto('crawler_folders')
      .values(rows.slice(i, i + 100))
      .onConflict((oc) =>
        oc
          .columns(['crawler_name', 'folder'])
          .doUpdateSet((eb) => ({ table_name: eb.ref('excluded.table_name'), crawl_id: eb.ref('excluded.crawl_id') })),
      )
      .execute();
  }
}

function logPlan(log: CrawlLog, plan: CrawlPlan): void {
  for (const t of plan.tables) {
    if (t.action === 'unchanged' && !t.partitions.create.length) continue;
    log('info', `table ${plan.database}.${t.name}: ${t.action}`, {
      table: t.name,
      action: t.action,
      reason: t.reason,
      columns: t.columns,
      partitions: { create: t.partitions.create.length, update: t.partitions.update.length, delete: t.partitions.delete.length },
    });
  }
}

export async function runCrawlWorker(services: Services, crawlId: string): Promise<void> {
  const db = services.store.db;
  const found = await findCrawl(db, crawlId);
  if (!found || found.state !== 'RUNNING') return;
  const record: CrawlRecord = { ...found, pid: process.pid };
  const log = openCrawlLog(services.root, crawlId);
  let stopAsked = false;
  let lastStopCheck = 0;
  const checkStop = async () => {
    if (Date.now() - lastStopCheck >= STOP_CHECK_MS) {
      lastStopCheck = Date.now();
      const row = await db.selectFrom('crawlers').select('state').where('name', '=', record.crawlerName).executeTakeFirst();
      stopAsked = row?.state !== 'RUNNING';
    }
    if (stopAsked) throw new CrawlStopped();
  };
  const session = openSession(services, crawlId, record.progress, {
    unreadable: (u) => {
      noteUnreadable(record, u);
      log('warn', `unreadable file ${u.path}: ${u.reason}`, { path: u.path, reason: u.reason });
    },
    checkStop,
  });
  await writeCrawl(db, record);
  const flush = setInterval(() => void writeCrawl(db, record).catch(() => {}), FLUSH_MS);
  log('info', `crawl ${crawlId} of crawler ${record.crawlerName} started`, { pid: process.pid });
  try {
    const crawler = await findCrawler(db, record.crawlerName);
    if (!crawler) throw new CrawlFailed(`Crawler ${record.crawlerName} was deleted.`);
    record.progress.phase = 'listing';
    // The crawler's own account (its owner row, else account.id): the catalog it writes.
    const owner = await db
      .selectFrom('resource_owners')
      .select('account_id')
      .where('type', '=', 'crawler')
      .where('name', '=', record.crawlerName)
      .executeTakeFirst();
    const catalogId = owner?.account_id ?? services.config.account.id;
    const warn = (message: string) => {
      noteWarning(record, message);
      log('warn', message);
    };
    const plan = await planCrawl(crawler, { db, catalogId, crawlId, scan: session.scan, warn });
    await checkStop();
    logPlan(log, plan);
    record.progress.phase = 'writing';
    clearInterval(flush);
    const createdBy = crawler.Role ?? record.crawlerName;
    await endCrawl(db, record, 'COMPLETED', undefined, async (trx) => {
      record.counts = await applyPlan(trx, catalogId, plan, createdBy);
      await saveFolders(trx, plan, crawlId);
    });
    log('info', `crawl ${crawlId} succeeded`, { counts: record.counts, unreadable: record.unreadableCount });
  } catch (e) {
    clearInterval(flush);
    if (e instanceof CrawlStopped) {
      await endCrawl(db, record, 'STOPPED');
      log('info', `crawl ${crawlId} was stopped; it wrote nothing`);
    } else {
      const message = e instanceof CrawlFailed ? e.message : `The crawl failed: ${(e as Error).message}`;
      await endCrawl(db, record, 'FAILED', message);
      log('error', message, e instanceof CrawlFailed ? {} : { stack: (e as Error).stack });
    }
  } finally {
    clearInterval(flush);
    await session.close();
  }
}
