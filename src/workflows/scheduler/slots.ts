// One schedule's slots (its fire times) and what became of each. A slot is claimed by inserting its
// row, in the same transaction as the run it starts: the primary key (owner, slot) means no slot fires
// twice, whichever schedulers race and however often the server restarts. Slots are taken in order
// from the last one recorded, so none is passed over: a slot that comes due on time fires; slots
// missed while no scheduler ran fire once (catch-up 'fire-once': the latest of them) or are recorded
// SKIPPED with the reason (catch-up 'skip') — never dropped without a trace.
import type { Kysely, Transaction } from 'kysely';
import type { WorkflowRun } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';
import type { AwsCron } from '../cron/aws-cron.js';

export type CatchUp = 'fire-once' | 'skip';

export interface SlotPolicy {
  catchUp: CatchUp;
  /** How late a slot may be noticed and still count as on time. */
  graceMs: number;
}

export interface Schedule {
  owner: string;
  cron: AwsCron;
  /** When the schedule started counting (activation, or its last change): earlier slots are not its own. */
  epoch: number;
  /** Starts the run for a slot, calling within() inside the run's transaction. */
  fire(within: (trx: Transaction<DB>, runId: string, run: WorkflowRun) => Promise<void>): Promise<WorkflowRun>;
}

export interface SlotOutcome {
  slot: number;
  outcome: 'FIRED' | 'ERROR' | 'SKIPPED';
  runId?: string;
  note?: string;
}

async function lastSlot(db: Kysely<DB>, owner: string): Promise<number | undefined> {
  const { m } = await db
    .selectFrom('schedule_slots')
    .select((eb) => eb.fn.max<number>('slot').as('m'))
    .where('owner', '=', owner)
    .executeTakeFirstOrThrow();
  return m === null || m === undefined ? undefined : Number(m);
}

async function recordSlots(trx: Kysely<DB>, owner: string, outcomes: SlotOutcome[], now: number): Promise<void> {
  for (const o of outcomes) {
    await trx
      .insertInto('schedule_slots')
      .values({ owner, slot: o.slot, outcome: o.outcome, run_id: o.runId ?? null, note: o.note ?? null, recorded_on: now })
      .execute();
  }
}

/** Handles the slots of one schedule that are due at `now`; returns what it recorded (nothing if another scheduler did). */
export async function tickSchedule(db: Kysely<DB>, s: Schedule, now: number, policy: SlotPolicy): Promise<SlotOutcome[]> {
  const cursor = Math.max((await lastSlot(db, s.owner)) ?? -Infinity, s.epoch);
  const due = s.cron.between(new Date(cursor), new Date(now)).map((d) => d.getTime());
  if (!due.length) return [];
  const latest = due[due.length - 1];
  const onTime = now - latest <= policy.graceMs;
  const fireSlot = onTime || policy.catchUp === 'fire-once' ? latest : undefined;
  const skipped: SlotOutcome[] = due
    .filter((d) => d !== fireSlot)
    .map((slot) => ({
      slot,
      outcome: 'SKIPPED',
      note:
        fireSlot !== undefined
          ? `missed while no scheduler was running; slot ${new Date(fireSlot).toISOString()} fired once in its place`
          : 'missed while no scheduler was running (scheduler.catchUp is skip)',
    }));
  try {
    if (fireSlot === undefined) {
      await db.transaction().execute((trx) => recordSlots(trx, s.owner, skipped, now));
      return skipped;
    }
    let fired: SlotOutcome | undefined;
    await s.fire(async (trx, runId, run) => {
      fired = {
        slot: fireSlot,
        outcome: run.Status === 'ERROR' ? 'ERROR' : 'FIRED',
        runId,
        note: run.ErrorMessage ?? (onTime ? undefined : 'caught up after the scheduler was down'),
      };
      await recordSlots(trx, s.owner, [...skipped, fired], now);
    });
    return [...skipped, fired!];
  } catch (e) {
    // Another scheduler recorded these slots first: its run is the one; nothing to do here.
    if (((await lastSlot(db, s.owner)) ?? -Infinity) >= latest) return [];
    throw e;
  }
}
