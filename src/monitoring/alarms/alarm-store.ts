// Alarm states and history in the store. A datapoint updates its (alarm, subject) row; a change of
// state also appends to the history and, when it enters or leaves ALARM, queues one notification per
// notifier — all in the caller's transaction, so a transition and its notifications exist together.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AlarmStateRow, DB } from '../../store/schema.js';
import type { AlarmConfig } from '../config.js';
import type { AlarmState, Datapoint } from './types.js';

export interface RunRef {
  id: string;
  kind: string;
  name: string;
}

export interface AlarmEvent {
  alarm: string;
  rule: string;
  severity: 'warning' | 'critical';
  description?: string;
  subject: string;
  previousState: AlarmState;
  state: AlarmState;
  reason: string;
  value?: number;
  threshold?: number;
  at: string;
  run?: RunRef;
  resultId?: string;
  /** The dashboard's page for this alarm, when the monitor runs in a server that knows its URL. */
  link?: string;
}

export const severityOf = (a: AlarmConfig): 'warning' | 'critical' => a.severity ?? (a.rule === 'job-failure' ? 'critical' : 'warning');

/** Entering or leaving ALARM is news; INSUFFICIENT_DATA → OK is only the alarm finding its feet. */
export const notifies = (from: AlarmState, to: AlarmState) => from !== to && (from === 'ALARM' || to === 'ALARM');

export async function readState(db: Kysely<DB>, alarm: string, subject: string): Promise<AlarmStateRow | undefined> {
  return db.selectFrom('alarm_states').selectAll().where('alarm', '=', alarm).where('subject', '=', subject).executeTakeFirst();
}

export interface Applied {
  event?: AlarmEvent;
  notified: string[];
}

/** Records a datapoint; returns the transition's event when the state changed. */
export async function applyDatapoint(
  db: Kysely<DB>,
  alarm: AlarmConfig,
  p: Datapoint,
  o: { at: number; run?: RunRef; resultId?: string; notifiers: string[]; link?: string },
): Promise<Applied> {
  const prev = await readState(db, alarm.name, p.subject);
  const from = (prev?.state ?? 'INSUFFICIENT_DATA') as AlarmState;
  const changed = from !== p.state;
  const values = {
    state: p.state,
    reason: p.reason,
    value: p.value ?? null,
    threshold: p.threshold ?? null,
    memo: p.memo ?? prev?.memo ?? null,
    run_id: o.run?.id ?? null,
    evaluated_on: o.at,
    changed_on: changed ? o.at : (prev?.changed_on ?? o.at),
  };
  if (prev) await db.updateTable('alarm_states').set(values).where('alarm', '=', alarm.name).where('subject', '=', p.subject).execute();
  else
    await db
      .insertInto('alarm_states')
      .values({ alarm: alarm.name, subject: p.subject, ...values })
      .execute();
  if (!changed) return { notified: [] };

  const id = randomUUID();
  const event: AlarmEvent = {
    alarm: alarm.name,
    rule: alarm.rule,
    severity: severityOf(alarm),
    description: alarm.description,
    subject: p.subject,
    previousState: from,
    state: p.state,
    reason: p.reason,
    value: p.value,
    threshold: p.threshold,
    at: new Date(o.at).toISOString(),
    run: o.run,
    resultId: o.resultId,
    link: o.link,
  };
  await db
    .insertInto('alarm_history')
    .values({
      id,
      alarm: alarm.name,
      subject: p.subject,
      severity: event.severity,
      old_state: from,
      new_state: p.state,
      reason: p.reason,
      value: p.value ?? null,
      threshold: p.threshold ?? null,
      run_id: o.run?.id ?? null,
      at: o.at,
    })
    .execute();
  if (!notifies(from, p.state)) return { event, notified: [] };
  const targets = alarm.notify ?? o.notifiers;
  // The run log is always told, whatever the alarm's notify list says.
  const all = [...new Set(['log', ...targets])];
  const now = Date.now();
  await db
    .insertInto('notifications')
    .values(
      all.map((notifier) => ({
        id: randomUUID(),
        history_id: id,
        notifier,
        payload: JSON.stringify(event),
        state: 'PENDING',
        attempts: 0,
        next_attempt_on: now,
        last_error: null,
        created_on: now,
        updated_on: now,
      })),
    )
    .execute();
  return { event, notified: all };
}
