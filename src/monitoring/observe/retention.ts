// Retention: metric points, alarm history, finished notifications, the monitor's memory of what it
// judged and the run states it saw are deleted once older than monitoring.retentionDays. Alarm
// states are kept: they are the present, however old their last change.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';

export async function pruneExpired(db: Kysely<DB>, cutoff: number): Promise<void> {
  await db.deleteFrom('metric_points').where('at', '<', cutoff).execute();
  await db.deleteFrom('alarm_history').where('at', '<', cutoff).execute();
  await db.deleteFrom('notifications').where('state', 'in', ['SENT', 'FAILED']).where('updated_on', '<', cutoff).execute();
  // A judged run older than the cutoff is never looked at again (the monitor only reads runs that
  // ended after it), so forgetting that it was judged is safe.
  await db.deleteFrom('monitor_seen').where('seen_on', '<', cutoff).execute();
  await db.deleteFrom('run_states').where('at', '<', cutoff).execute();
}
