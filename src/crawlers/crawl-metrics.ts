// GetCrawlerMetrics, from the crawls each crawler has recorded: the last and median run time of its
// finished crawls, what the last one created, updated and deleted, and for a running crawl the time
// it probably has left (the median run time minus the time spent so far).
import type { Kysely } from 'kysely';
import type { CrawlerMetrics } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';
import { listCrawls } from './crawl-store.js';

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function crawlMetrics(db: Kysely<DB>, names: string[] | undefined): Promise<CrawlerMetrics[]> {
  const rows = await db.selectFrom('crawlers').select('name').orderBy('name').execute();
  const wanted = names?.length ? rows.filter((r) => names.includes(r.name)) : rows;
  const out: CrawlerMetrics[] = [];
  for (const { name } of wanted) {
    const crawls = await listCrawls(db, name);
    const finished = crawls.filter((c) => c.state !== 'RUNNING' && c.endTime !== undefined);
    const seconds = finished.map((c) => (c.endTime! - c.startTime) / 1000);
    const running = crawls.find((c) => c.state === 'RUNNING');
    const last = finished.find((c) => c.state === 'COMPLETED');
    const typical = median(seconds);
    out.push({
      CrawlerName: name,
      TimeLeftSeconds: running && finished.length ? Math.max(0, typical - (Date.now() - running.startTime) / 1000) : 0,
      StillEstimating: !!running && !finished.length,
      LastRuntimeSeconds: seconds[0] ?? 0,
      MedianRuntimeSeconds: typical,
      TablesCreated: last?.counts?.tablesCreated ?? 0,
      TablesUpdated: last?.counts?.tablesUpdated ?? 0,
      TablesDeleted: (last?.counts?.tablesDeleted ?? 0) + (last?.counts?.tablesDeprecated ?? 0),
    });
  }
  return out;
}
