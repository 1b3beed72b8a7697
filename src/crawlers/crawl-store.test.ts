import { describe, expect, it } from 'vitest';
import { crawlDocFromRecord } from '../store/migrations/018-run-ledger.js';
import { crawlOfRow, docOfCrawl, historyOf, newCrawlRecord, noteUnreadable, noteWarning, type CrawlRecord } from './crawl-store.js';

function aCrawl(): CrawlRecord {
  const r = newCrawlRecord('c-1', 'raw');
  r.state = 'COMPLETED';
  r.endTime = r.startTime + 1234;
  r.progress = { phase: 'done', filesListed: 3, filesToRead: 2, filesRead: 2, tables: 1 };
  r.counts = {
    tablesCreated: 1,
    tablesUpdated: 0,
    tablesDeprecated: 0,
    tablesDeleted: 0,
    partitionsCreated: 7,
    partitionsUpdated: 0,
    partitionsDeleted: 0,
  };
  noteUnreadable(r, { path: 's3://b/x.bin', reason: 'not a known format' });
  noteWarning(r, 'folder left out');
  r.pid = 4242;
  return r;
}

describe('crawl documents', () => {
  it("are stored with Glue's member names and read back as the crawler's record", () => {
    const r = aCrawl();
    const doc = docOfCrawl(r);
    expect(Object.keys(doc).every((k) => /^[A-Z]/.test(k))).toBe(true);
    expect(doc).toMatchObject({ CrawlId: 'c-1', State: 'COMPLETED', CrawlerName: 'raw', Counts: { PartitionsCreated: 7 } });
    expect(crawlOfRow({ doc: JSON.stringify(doc), host: r.host, pid: r.pid! })).toEqual(r);
  });

  it('migration 018 rewrites a camelCase document into the same document a crawl writes now', () => {
    const r = aCrawl();
    const migrated = { doc: JSON.stringify(crawlDocFromRecord(JSON.parse(JSON.stringify(r)))), host: r.host, pid: r.pid! };
    expect(crawlOfRow(migrated)).toEqual(r);
    expect(historyOf(crawlOfRow(migrated))).toEqual(historyOf(r));
  });
});
