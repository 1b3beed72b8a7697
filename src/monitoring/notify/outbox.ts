// Delivering the notification outbox: each due PENDING row is claimed (compare-and-set on its next
// attempt time, so two monitors never send one twice), sent, and marked SENT — or retried after an
// exponential back-off (backoffMs, 2×, 4× … at most 10 minutes) until maxAttempts, then FAILED.
// A notification whose notifier is no longer configured fails at once, saying so.
import type { Kysely } from 'kysely';
import type { DB, NotificationRow } from '../../store/schema.js';
import type { AlarmEvent } from '../alarms/alarm-store.js';
import { DeliveryError, type Notifier } from './notifier.js';

export interface DeliveryOptions {
  maxAttempts: number;
  backoffMs: number;
  now?: () => number;
  /** How long a claimed notification is left to its sender before another monitor may try it. */
  leaseMs?: number;
}

export interface DeliverySummary {
  sent: number;
  retried: number;
  failed: number;
}

const MAX_BACKOFF_MS = 10 * 60_000;

export const backoffDelay = (backoffMs: number, attempts: number) => Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** Math.max(0, attempts - 1));

export async function deliverDue(db: Kysely<DB>, notifiers: Map<string, Notifier>, o: DeliveryOptions): Promise<DeliverySummary> {
  const now = o.now ?? Date.now;
  const due = await db
    .selectFrom('notifications')
    .selectAll()
    .where('state', '=', 'PENDING')
    .where('next_attempt_on', '<=', now())
    .orderBy('created_on')
    .limit(50)
    .execute();
  const summary: DeliverySummary = { sent: 0, retried: 0, failed: 0 };
  await Promise.all(
    due.map(async (row) => {
      const claimed = await db
        .updateTable('notifications')
        .set({ next_attempt_on: now() + (o.leaseMs ?? 60_000) })
        .where('id', '=', row.id)
        .where('state', '=', 'PENDING')
        .where('next_attempt_on', '=', row.next_attempt_on)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return;
      const outcome = await attempt(row, notifiers);
      const attempts = row.attempts + 1;
      const at = now();
      if (outcome === undefined) {
        summary.sent++;
        await db
          .updateTable('notifications')
          .set({ state: 'SENT', attempts, last_error: null, updated_on: at })
          .where('id', '=', row.id)
          .execute();
        return;
      }
      const giveUp = outcome.permanent || attempts >= o.maxAttempts;
      if (giveUp) summary.failed++;
      else summary.retried++;
      await db
        .updateTable('notifications')
        .set({
          state: giveUp ? 'FAILED' : 'PENDING',
          attempts,
          last_error: outcome.message,
          next_attempt_on: giveUp ? at : at + backoffDelay(o.backoffMs, attempts),
          updated_on: at,
        })
        .where('id', '=', row.id)
        .execute();
    }),
  );
  return summary;
}

async function attempt(row: NotificationRow, notifiers: Map<string, Notifier>): Promise<DeliveryError | undefined> {
  const notifier = notifiers.get(row.notifier);
  if (!notifier) return new DeliveryError(`notifier ${row.notifier} is not configured (any more)`, true);
  try {
    await notifier.send(JSON.parse(row.payload) as AlarmEvent);
    return undefined;
  } catch (e) {
    return e instanceof DeliveryError ? e : new DeliveryError((e as Error).message ?? String(e), false, { cause: e });
  }
}
