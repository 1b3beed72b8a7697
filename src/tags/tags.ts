// Tags are kept per resource ARN; every Create* that accepts Tags writes them here.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';

export async function putTags(db: Kysely<DB>, arn: string, tags: Record<string, string> | undefined): Promise<void> {
  const entries = Object.entries(tags ?? {});
  if (!entries.length) return;
  await db
    .insertInto('tags')
    .values(entries.map(([tag_key, tag_value]) => ({ arn, tag_key, tag_value })))
    .onConflict((oc) => oc.columns(['arn', 'tag_key']).doUpdateSet((eb) => ({ tag_value: eb.ref('excluded.tag_value') })))
    .execute();
}

export async function getTags(db: Kysely<DB>, arn: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('tags').select(['tag_key', 'tag_value']).where('arn', '=', arn).execute();
  return Object.fromEntries(rows.map((r) => [r.tag_key, r.tag_value]));
}

export async function deleteTags(db: Kysely<DB>, arn: string, keys?: string[]): Promise<void> {
  let q = db.deleteFrom('tags').where('arn', '=', arn);
  if (keys) q = q.where('tag_key', 'in', keys.length ? keys : ['']);
  await q.execute();
}
