// Crawler rows. The `state` column is the authority on READY/RUNNING/STOPPING: every transition is a
// compare-and-set on it, so two StartCrawler calls (or a stop racing the end of a crawl) cannot both win.
import type { Kysely } from 'kysely';
import { notFound } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import type { Crawler, CrawlerState } from '../kernel/glue-types.js';
import { CRAWLS } from '../runs/kinds.js';
import { deleteRunsOf } from '../runs/ledger.js';
import type { DB } from '../store/schema.js';

/** Glue's words differ by operation: GetCrawler and DeleteCrawler say this ... */
export const crawlerNotFound = (name: string) => notFound(`Crawler ${name} not found.`);
/** ... and ListCrawls says this. */
export const crawlerEntryNotFound = (name: string) => notFound(`Crawler entry with name ${name} does not exist`);

function fromRow(row: { doc: string; state: string }): Crawler {
  const crawler = reviveDates<Crawler>('Crawler', JSON.parse(row.doc));
  crawler.State = row.state as CrawlerState;
  return crawler;
}

export async function findCrawler(db: Kysely<DB>, name: string): Promise<Crawler | undefined> {
  const row = await db.selectFrom('crawlers').select(['doc', 'state']).where('name', '=', name).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function requireCrawler(db: Kysely<DB>, name: string): Promise<Crawler> {
  const crawler = await findCrawler(db, name);
  if (!crawler) throw crawlerNotFound(name);
  return crawler;
}

export async function listCrawlers(db: Kysely<DB>): Promise<Crawler[]> {
  const rows = await db.selectFrom('crawlers').select(['doc', 'state']).orderBy('name').execute();
  return rows.map(fromRow);
}

export async function insertCrawler(db: Kysely<DB>, crawler: Crawler): Promise<void> {
  const now = Date.now();
  await db
    .insertInto('crawlers')
    .values({ name: crawler.Name!, state: crawler.State ?? 'READY', doc: JSON.stringify(crawler), created_on: now, updated_on: now })
    .execute();
}

/**
 * Writes the crawler's document and state, only if its state is still one of `from`. Returns
 * whether it was written; false means someone else moved the crawler first (or it is gone).
 */
export async function writeCrawler(db: Kysely<DB>, crawler: Crawler, from: CrawlerState[]): Promise<boolean> {
  const r = await db
    .updateTable('crawlers')
    .set({ state: crawler.State!, doc: JSON.stringify(crawler), updated_on: Date.now() })
    .where('name', '=', crawler.Name!)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Moves the crawler from one of `from` to `to` without touching its document. */
export async function setCrawlerState(db: Kysely<DB>, name: string, from: CrawlerState[], to: CrawlerState): Promise<boolean> {
  const r = await db
    .updateTable('crawlers')
    .set({ state: to, updated_on: Date.now() })
    .where('name', '=', name)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteCrawlerRows(db: Kysely<DB>, name: string): Promise<void> {
  await db.deleteFrom('crawlers').where('name', '=', name).execute();
  await db.deleteFrom('crawler_folders').where('crawler_name', '=', name).execute();
  await deleteRunsOf(db, CRAWLS, name);
}
