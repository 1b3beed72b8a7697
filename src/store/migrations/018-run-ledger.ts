// The run ledger (issue 13): every run records the host whose process looks after it, so one reaper
// (runs/reaper.ts) judges every kind's runs the same way and only on that host. Job runs had their
// host in job_run_details and crawls in their document; other kinds had none (left null: never
// judged dead, as before).
import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

export const m018RunLedger: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('runs').addColumn('host', 'varchar(255)').execute();
    await sql`UPDATE runs SET host = (SELECT d.host FROM job_run_details d WHERE d.run_id = runs.id) WHERE kind = 'job'`.execute(db);
    const crawls = await db.selectFrom('runs').select(['id', 'doc']).where('kind', '=', 'crawl').execute();
    for (const row of crawls as { id: string; doc: string }[]) {
      const doc = JSON.parse(row.doc) as { host?: string };
      if (doc.host) await db.updateTable('runs').set({ host: doc.host }).where('id', '=', row.id).execute();
    }
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('runs').dropColumn('host').execute();
  },
};
