// Dev mode's "fresh emulator" call (POST /moto-api/reset, POST /_sluice/reset): empties every table
// of the metadata store. The tables are found by introspection, so tables added by later migrations
// are wiped too without anyone remembering to list them; the migration bookkeeping is kept.
// Files in the lake zones are the user's data and are left alone.
import { sql } from 'kysely';
import type { Store } from '../../store/store.js';

/** Empties every metadata table in one transaction and returns their names. */
export async function wipeMetadata(store: Store): Promise<string[]> {
  const tables = (await store.db.introspection.getTables()).filter((t) => !t.isView);
  if (store.kind === 'postgres') {
    // Only this store's schema: the database may hold other schemas that are not ours.
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
    const mine = tables.filter((t) => t.schema === rows[0].schema);
    // One TRUNCATE of all tables at once needs no ordering around foreign keys.
    if (mine.length) await sql`truncate table ${sql.join(mine.map((t) => sql.table(`${t.schema}.${t.name}`)))}`.execute(store.db);
    return mine.map((t) => t.name);
  }
  await store.transaction(async (trx) => {
    await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
    for (const t of tables) await trx.deleteFrom(t.name as never).execute();
  });
  return tables.map((t) => t.name);
}
