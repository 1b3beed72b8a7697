// The run ledger (issue 13): every run records the host whose process looks after it, so one reaper
// (runs/reaper.ts) judges every kind's runs the same way and only on that host. Job runs had their
// host in job_run_details and crawls in their document; other kinds had none (left null: never
// judged dead, as before). And a crawl's document, which was the crawler's camelCase record, becomes
// Glue's CrawlerHistory with Sluice's members beside it in PascalCase (crawlers/crawl-store.ts's
// CrawlDoc). The conversion is written out here, not imported, since a migration never changes.
import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

const pascal = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(pascal);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.charAt(0).toUpperCase() + k.slice(1), pascal(x)]));
};
const iso = (t: unknown) => (typeof t === 'number' ? new Date(t).toISOString() : undefined);

/** A crawl document as it was (camelCase CrawlRecord) in Glue's member names; Summary is derived on read. */
export function crawlDocFromRecord(r: Record<string, any>): Record<string, unknown> {
  return {
    CrawlId: r.crawlId,
    State: r.state,
    StartTime: iso(r.startTime),
    EndTime: iso(r.endTime),
    ErrorMessage: r.errorMessage,
    LogGroup: '/aws-glue/crawlers',
    LogStream: r.crawlerName,
    MessagePrefix: r.crawlId,
    DPUHour: 0,
    CrawlerName: r.crawlerName,
    Progress: pascal(r.progress ?? {}),
    Counts: r.counts ? pascal(r.counts) : undefined,
    Unreadable: pascal(r.unreadable ?? []),
    UnreadableCount: r.unreadableCount ?? 0,
    Warnings: r.warnings,
    WarningCount: r.warningCount,
  };
}

export const m018RunLedger: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('runs').addColumn('host', 'varchar(255)').execute();
    await sql`UPDATE runs SET host = (SELECT d.host FROM job_run_details d WHERE d.run_id = runs.id) WHERE kind = 'job'`.execute(db);
    const crawls = await db.selectFrom('runs').select(['id', 'doc']).where('kind', '=', 'crawl').execute();
    for (const row of crawls as { id: string; doc: string }[]) {
      const doc = JSON.parse(row.doc) as Record<string, any>;
      if (doc.crawlId === undefined) continue; // already Glue-shaped
      await db
        .updateTable('runs')
        .set({ host: doc.host ?? null, doc: JSON.stringify(crawlDocFromRecord(doc)) })
        .where('id', '=', row.id)
        .execute();
    }
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('runs').dropColumn('host').execute();
  },
};
