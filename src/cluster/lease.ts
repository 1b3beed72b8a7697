// A named lease in the metadata store: the scheduler's leadership among several `sluice server`
// processes. The holder renews it every heartbeat; when it stops (dies, or is cut off from the
// store), another takes it once it has expired. The epoch counts changes of holder, so a log can
// tell one reign from the next. Holding the lease is an optimisation, not the guard against double
// work: a schedule slot is fired once by its primary key (workflows/scheduler/slots.ts), and a leader
// that lost its lease while cut off stops firing at its next renewal.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.js';

export const SCHEDULER_LEASE = 'scheduler';

/** Takes or renews the lease for ttlMs; returns the epoch held, or undefined when another holds it. */
export async function holdLease(
  db: Kysely<DB>,
  name: string,
  holder: string,
  ttlMs: number,
  now = Date.now(),
): Promise<number | undefined> {
  await db
    .insertInto('cluster_leases')
    .values({ name, holder, epoch: 1, expires_on: now + ttlMs })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const r = await db
    .updateTable('cluster_leases')
    .set({
      holder,
      expires_on: now + ttlMs,
      epoch: sql<number>`case when holder = ${holder} then epoch else epoch + 1 end`,
    })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_on', '<', now)]))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return undefined;
  const row = await db.selectFrom('cluster_leases').select(['epoch', 'holder']).where('name', '=', name).executeTakeFirst();
  return row?.holder === holder ? row.epoch : undefined;
}

/** Gives the lease up at once (a clean stop), so the next holder need not wait for it to expire. */
export async function dropLease(db: Kysely<DB>, name: string, holder: string): Promise<void> {
  await db.updateTable('cluster_leases').set({ expires_on: 0 }).where('name', '=', name).where('holder', '=', holder).execute();
}

export async function leaseHolder(db: Kysely<DB>, name: string): Promise<{ holder: string; epoch: number; expiresOn: number } | undefined> {
  const row = await db.selectFrom('cluster_leases').selectAll().where('name', '=', name).executeTakeFirst();
  return row && { holder: row.holder, epoch: row.epoch, expiresOn: Number(row.expires_on) };
}
