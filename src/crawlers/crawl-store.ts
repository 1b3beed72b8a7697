// Crawls are rows of the generic `runs` table (kind 'crawl'): written RUNNING before the worker
// starts, updated with progress while it works, and ended in the same transaction as the catalog
// writes they made. The document (CrawlDoc) is Glue's CrawlerHistory with Glue's member names, and
// what ListCrawls and `sluice crawler run` show besides in Sluice members (PascalCase too); the
// crawler works with the camelCase CrawlRecord, converted here and nowhere else.
import type { Kysely } from 'kysely';
import type { CrawlerHistory, CrawlerHistoryState } from '../kernel/glue-types.js';
import { camelKeys, pascalKeys, type Pascal } from '../kernel/key-case.js';
import type { DB, RunRow } from '../store/schema.js';
import { CRAWLS } from '../runs/kinds.js';
import { insertRun, listRows, loadRow, transition } from '../runs/ledger.js';
import { THIS_HOST } from '../runs/liveness.js';

export { THIS_HOST };

/** How many unreadable files a crawl record names; the run log names them all. */
const MAX_UNREADABLE = 500;
const MAX_WARNINGS = 500;

export interface CrawlProgress {
  phase: 'starting' | 'listing' | 'reading' | 'planning' | 'writing' | 'done';
  filesListed: number;
  filesToRead: number;
  filesRead: number;
  tables: number;
}

export interface CrawlCounts {
  tablesCreated: number;
  tablesUpdated: number;
  tablesDeprecated: number;
  tablesDeleted: number;
  partitionsCreated: number;
  partitionsUpdated: number;
  partitionsDeleted: number;
}

export interface Unreadable {
  path: string;
  reason: string;
}

export interface CrawlRecord {
  crawlId: string;
  crawlerName: string;
  state: CrawlerHistoryState;
  startTime: number;
  endTime?: number;
  errorMessage?: string;
  host: string;
  pid?: number;
  progress: CrawlProgress;
  counts?: CrawlCounts;
  unreadable: Unreadable[];
  unreadableCount: number;
  /**
   * The first MAX_WARNINGS warnings (a target that does not exist, a file read only in part, a
   * folder left out); absent in crawls recorded before warnings were kept.
   */
  warnings?: string[];
  warningCount?: number;
}

/** The crawl as runs.doc holds it: CrawlerHistory (Summary as GetCrawls shows it), and Sluice's members. */
export interface CrawlDoc extends CrawlerHistory {
  CrawlerName: string;
  Progress: Pascal<CrawlProgress>;
  Counts?: Pascal<CrawlCounts>;
  Unreadable: Pascal<Unreadable>[];
  UnreadableCount: number;
  Warnings?: string[];
  WarningCount?: number;
}

export function docOfCrawl(record: CrawlRecord): CrawlDoc {
  return {
    ...historyOf(record),
    CrawlerName: record.crawlerName,
    Progress: pascalKeys(record.progress),
    Counts: record.counts && pascalKeys(record.counts),
    Unreadable: pascalKeys(record.unreadable),
    UnreadableCount: record.unreadableCount,
    Warnings: record.warnings,
    WarningCount: record.warningCount,
  };
}

/** The crawler's working record of a stored crawl; its host and pid are the run row's. */
export function crawlOfRow(row: Pick<RunRow, 'doc' | 'host' | 'pid'>): CrawlRecord {
  const d = JSON.parse(row.doc) as CrawlDoc;
  const time = (v: unknown) => (v === undefined || v === null ? undefined : new Date(v as string).getTime());
  return {
    crawlId: d.CrawlId!,
    crawlerName: d.CrawlerName,
    state: d.State!,
    startTime: time(d.StartTime)!,
    endTime: time(d.EndTime),
    errorMessage: d.ErrorMessage,
    host: row.host ?? '',
    pid: row.pid ?? undefined,
    progress: camelKeys<CrawlProgress>(d.Progress),
    counts: d.Counts && camelKeys<CrawlCounts>(d.Counts),
    unreadable: camelKeys<Unreadable[]>(d.Unreadable ?? []),
    unreadableCount: d.UnreadableCount ?? 0,
    warnings: d.Warnings,
    warningCount: d.WarningCount,
  };
}

export const emptyCounts = (): CrawlCounts => ({
  tablesCreated: 0,
  tablesUpdated: 0,
  tablesDeprecated: 0,
  tablesDeleted: 0,
  partitionsCreated: 0,
  partitionsUpdated: 0,
  partitionsDeleted: 0,
});

export function newCrawlRecord(crawlId: string, crawlerName: string): CrawlRecord {
  return {
    crawlId,
    crawlerName,
    state: 'RUNNING',
    startTime: Date.now(),
    host: THIS_HOST,
    progress: { phase: 'starting', filesListed: 0, filesToRead: 0, filesRead: 0, tables: 0 },
    unreadable: [],
    unreadableCount: 0,
  };
}

export function noteWarning(record: CrawlRecord, warning: string): void {
  record.warningCount = (record.warningCount ?? 0) + 1;
  record.warnings ??= [];
  if (record.warnings.length < MAX_WARNINGS) record.warnings.push(warning);
}

export function noteUnreadable(record: CrawlRecord, u: Unreadable): void {
  record.unreadableCount++;
  if (record.unreadable.length < MAX_UNREADABLE) record.unreadable.push(u);
}

export async function insertCrawl(db: Kysely<DB>, record: CrawlRecord): Promise<void> {
  await insertRun(db, CRAWLS, {
    id: record.crawlId,
    name: record.crawlerName,
    state: record.state,
    doc: docOfCrawl(record),
    pid: record.pid ?? null,
    host: record.host,
    startedOn: new Date(record.startTime),
  });
}

/**
 * Writes the record (its progress, or its end) if the crawl is still RUNNING, through the ledger's
 * guarded transition; false means it already ended.
 */
export async function writeCrawl(db: Kysely<DB>, record: CrawlRecord): Promise<boolean> {
  const done = await transition<CrawlDoc>(db, CRAWLS, record.crawlId, CRAWLS.active, () => ({
    state: record.state,
    doc: docOfCrawl(record),
    pid: record.pid ?? null,
  }));
  return done !== undefined;
}

export async function findCrawl(db: Kysely<DB>, crawlId: string): Promise<CrawlRecord | undefined> {
  const row = await loadRow(db, CRAWLS, crawlId);
  return row ? crawlOfRow(row) : undefined;
}

/** The crawler's crawls, newest first. */
export async function listCrawls(db: Kysely<DB>, crawlerName: string): Promise<CrawlRecord[]> {
  return (await listRows(db, CRAWLS, { name: crawlerName })).map(crawlOfRow);
}

/** The crawler's crawl in progress, if any (the newest, should there be more than one). */
export async function runningCrawl(db: Kysely<DB>, crawlerName: string): Promise<CrawlRecord | undefined> {
  const [row] = await listRows(db, CRAWLS, { name: crawlerName, states: CRAWLS.active });
  return row ? crawlOfRow(row) : undefined;
}

/** Glue's Summary string: counts of what the crawl did, by entity and action. */
export function summaryOf(record: CrawlRecord): string | undefined {
  const c = record.counts;
  if (!c && !record.unreadableCount && !record.warningCount) return undefined;
  const section = (entries: [string, number][]) => Object.fromEntries(entries.filter(([, n]) => n > 0).map(([k, n]) => [k, { Count: n }]));
  const summary: Record<string, unknown> = {};
  if (c) {
    const table = section([
      ['ADD', c.tablesCreated],
      ['UPDATE', c.tablesUpdated],
      ['DEPRECATE', c.tablesDeprecated],
      ['DELETE', c.tablesDeleted],
    ]);
    const partition = section([
      ['ADD', c.partitionsCreated],
      ['UPDATE', c.partitionsUpdated],
      ['DELETE', c.partitionsDeleted],
    ]);
    if (Object.keys(table).length) summary.TABLE = table;
    if (Object.keys(partition).length) summary.PARTITION = partition;
  }
  if (record.unreadableCount) {
    summary.UNREADABLE = { Count: record.unreadableCount, Files: record.unreadable.map((u) => ({ Path: u.path, Reason: u.reason })) };
  }
  if (record.warningCount) summary.WARNING = { Count: record.warningCount, Messages: record.warnings ?? [] };
  return JSON.stringify(summary);
}

export function historyOf(record: CrawlRecord): CrawlerHistory {
  return {
    CrawlId: record.crawlId,
    State: record.state,
    StartTime: new Date(record.startTime),
    EndTime: record.endTime === undefined ? undefined : new Date(record.endTime),
    Summary: summaryOf(record),
    ErrorMessage: record.errorMessage,
    LogGroup: '/aws-glue/crawlers',
    LogStream: record.crawlerName,
    MessagePrefix: record.crawlId,
    DPUHour: 0,
  };
}
