// ListAlarms, GetAlarmHistory and ListNotifications (Sluice-only): the alarms in force with each
// subject's state, every transition, and every notification with its delivery attempts.
import { z } from 'zod';
import { sluiceOperation } from '../../kernel/registry.js';
import { decodeToken, encodeToken } from '../../kernel/pagination.js';
import { effectiveAlarms, type AlarmConfig } from '../config.js';
import { severityOf } from '../alarms/alarm-store.js';
import { iso, validator } from './input.js';

const WORST = ['ALARM', 'INSUFFICIENT_DATA', 'OK'];

/** The rule's own settings, without what every alarm has. */
function settingsOf(a: AlarmConfig): Record<string, unknown> {
  const { name: _n, description: _d, severity: _s, match: _m, notify: _t, enabled: _e, rule: _r, ...rest } = a;
  return rest;
}

export const alarmOperations = [
  sluiceOperation(
    'ListAlarms',
    validator(z.object({ StateValue: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']).optional() }).strict()),
    async (input, ctx) => {
      const rows = await ctx.services.store.db.selectFrom('alarm_states').selectAll().orderBy('alarm').orderBy('subject').execute();
      const alarms = effectiveAlarms(ctx.services.config.monitoring).map((a) => {
        const subjects = rows
          .filter((r) => r.alarm === a.name)
          .map((r) => ({
            Subject: r.subject,
            State: r.state,
            Reason: r.reason,
            Value: r.value ?? undefined,
            Threshold: r.threshold ?? undefined,
            RunId: r.run_id ?? undefined,
            ChangedOn: iso(r.changed_on),
            EvaluatedOn: iso(r.evaluated_on),
          }))
          .filter((s) => !input.StateValue || s.State === input.StateValue);
        // An alarm is as bad as its worst subject; with no subject judged yet it has no data.
        const state = WORST.find((w) => subjects.some((s) => s.State === w)) ?? 'INSUFFICIENT_DATA';
        return {
          Name: a.name,
          Rule: a.rule,
          Severity: severityOf(a),
          Description: a.description,
          Match: a.match,
          Settings: settingsOf(a),
          Notify: a.notify,
          State: state,
          Subjects: subjects,
        };
      });
      return { Alarms: input.StateValue ? alarms.filter((a) => a.Subjects.length) : alarms };
    },
  ),

  sluiceOperation(
    'GetAlarmHistory',
    validator(
      z
        .object({
          AlarmName: z.string().optional(),
          Subject: z.string().optional(),
          RunId: z.string().optional(),
          MaxResults: z.number().int().min(1).max(1000).optional(),
          NextToken: z.string().optional(),
        })
        .strict(),
    ),
    async (input, ctx) => {
      const size = input.MaxResults ?? 100;
      const start = decodeToken<{ o: number }>(input.NextToken)?.o ?? 0;
      let q = ctx.services.store.db.selectFrom('alarm_history').selectAll();
      if (input.AlarmName) q = q.where('alarm', '=', input.AlarmName);
      if (input.Subject) q = q.where('subject', '=', input.Subject);
      if (input.RunId) q = q.where('run_id', '=', input.RunId);
      const rows = await q
        .orderBy('at', 'desc')
        .orderBy('id')
        .offset(start)
        .limit(size + 1)
        .execute();
      return {
        History: rows.slice(0, size).map((r) => ({
          Id: r.id,
          AlarmName: r.alarm,
          Subject: r.subject,
          Severity: r.severity,
          OldState: r.old_state,
          NewState: r.new_state,
          Reason: r.reason,
          Value: r.value ?? undefined,
          Threshold: r.threshold ?? undefined,
          RunId: r.run_id ?? undefined,
          At: iso(r.at),
        })),
        NextToken: rows.length > size ? encodeToken({ o: start + size }) : undefined,
      };
    },
  ),

  sluiceOperation(
    'ListNotifications',
    validator(
      z
        .object({
          State: z.enum(['PENDING', 'SENT', 'FAILED']).optional(),
          Notifier: z.string().optional(),
          MaxResults: z.number().int().min(1).max(1000).optional(),
        })
        .strict(),
    ),
    async (input, ctx) => {
      let q = ctx.services.store.db.selectFrom('notifications').selectAll();
      if (input.State) q = q.where('state', '=', input.State);
      if (input.Notifier) q = q.where('notifier', '=', input.Notifier);
      const rows = await q
        .orderBy('created_on', 'desc')
        .orderBy('id')
        .limit(input.MaxResults ?? 100)
        .execute();
      return {
        Notifications: rows.map((r) => {
          const e = JSON.parse(r.payload);
          return {
            Id: r.id,
            Notifier: r.notifier,
            State: r.state,
            Attempts: r.attempts,
            LastError: r.last_error ?? undefined,
            NextAttemptOn: r.state === 'PENDING' ? iso(r.next_attempt_on) : undefined,
            CreatedOn: iso(r.created_on),
            UpdatedOn: iso(r.updated_on),
            AlarmName: e.alarm,
            Subject: e.subject,
            Transition: `${e.previousState} → ${e.state}`,
          };
        }),
      };
    },
  ),
];
