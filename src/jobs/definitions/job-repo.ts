// Reading and writing job definitions in the store.
import type { Kysely } from 'kysely';
import { notFound } from '../../kernel/errors.js';
import { reviveDates } from '../../kernel/shape-codec.js';
import type { Job } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';

export async function findJob(db: Kysely<DB>, name: string): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').select('doc').where('name', '=', name).executeTakeFirst();
  return row ? reviveDates<Job>('Job', JSON.parse(row.doc)) : undefined;
}

/** The job, or EntityNotFoundException with Glue's wording. */
export async function requireJob(db: Kysely<DB>, name: string): Promise<Job> {
  const job = await findJob(db, name);
  if (!job) throw notFound(`Job with name: ${name} not found.`);
  return job;
}

export async function insertJob(db: Kysely<DB>, job: Job): Promise<void> {
  const now = Date.now();
  await db
    .insertInto('jobs')
    .values({ name: job.Name!, doc: JSON.stringify(job), run_seq: 0, created_on: job.CreatedOn!.getTime(), updated_on: now })
    .execute();
}

export async function replaceJob(db: Kysely<DB>, job: Job): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ doc: JSON.stringify(job), updated_on: Date.now() })
    .where('name', '=', job.Name!)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listJobNames(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('jobs').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

export async function jobsByName(db: Kysely<DB>, names: string[]): Promise<Map<string, Job>> {
  const out = new Map<string, Job>();
  for (let i = 0; i < names.length; i += 500) {
    const rows = await db
      .selectFrom('jobs')
      .select(['name', 'doc'])
      .where('name', 'in', names.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.name, reviveDates<Job>('Job', JSON.parse(r.doc)));
  }
  return out;
}
