// Making sure someone drives a run. A server drives every active run itself; without one, a run gets
// a detached driver process (`sluice _run workflow <id>`), so a chain of conditional triggers
// cascades even when the CLI that started it has exited. The lease is handed to the driver's pid
// before it starts, so a second wake does not launch a second driver.
import type { Services } from '../../kernel/services.js';
import { THIS_HOST, ownerDead } from '../runs/run-ids.js';
import { serverAlive } from '../server/presence.js';
import { LEASE_MS } from './lease.js';

export async function wakeRun(services: Services, runId: string, now = Date.now()): Promise<void> {
  const { db } = services.store;
  if (await serverAlive(db, now)) return;
  const state = await db
    .selectFrom('workflow_run_state')
    .select(['lease_owner', 'lease_until'])
    .where('run_id', '=', runId)
    .executeTakeFirst();
  if (!state) return;
  const held = state.lease_owner && state.lease_until > now && !ownerDead(state.lease_owner);
  if (held) return;
  const pid = services.launcher.launch('workflow', runId);
  await db
    .updateTable('workflow_run_state')
    .set({ lease_owner: `${THIS_HOST}:${pid}`, lease_until: now + LEASE_MS })
    .where('run_id', '=', runId)
    .where('lease_owner', state.lease_owner === null ? 'is' : '=', state.lease_owner)
    .execute();
}
