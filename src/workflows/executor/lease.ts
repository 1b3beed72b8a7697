// One driver per run at a time: the lease in workflow_run_state. It is taken when free, expired, or
// held by a process on this host that no longer exists (a killed server or driver is replaced at
// once, not after the expiry), and renewed on every step.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';
import { ownerDead } from '../runs/run-ids.js';

export const LEASE_MS = 15_000;

export async function acquireLease(db: Kysely<DB>, runId: string, owner: string, now = Date.now()): Promise<boolean> {
  const row = await db
    .selectFrom('workflow_run_state')
    .select(['lease_owner', 'lease_until'])
    .where('run_id', '=', runId)
    .executeTakeFirst();
  if (!row) return false;
  // Renewing is a write: done only once half the lease is spent, so drivers polling several times a
  // second do not keep SQLite's write lock busy for the jobs and crawls they drive.
  if (row.lease_owner === owner && row.lease_until - now > LEASE_MS / 2) return true;
  const free = row.lease_owner === owner || row.lease_owner === null || row.lease_until < now || ownerDead(row.lease_owner);
  if (!free) return false;
  const r = await db
    .updateTable('workflow_run_state')
    .set({ lease_owner: owner, lease_until: now + LEASE_MS })
    .where('run_id', '=', runId)
    .where('lease_owner', row.lease_owner === null ? 'is' : '=', row.lease_owner)
    .where('lease_until', '=', row.lease_until)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function releaseLease(db: Kysely<DB>, runId: string, owner: string): Promise<void> {
  await db
    .updateTable('workflow_run_state')
    .set({ lease_owner: null, lease_until: 0 })
    .where('run_id', '=', runId)
    .where('lease_owner', '=', owner)
    .execute();
}
