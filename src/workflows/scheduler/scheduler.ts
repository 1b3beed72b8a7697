// The scheduler's tick: every activated SCHEDULED trigger (a run of its workflow, or a chain outside
// workflows) and every crawler whose schedule is SCHEDULED (a crawl, as Glue runs crawler schedules).
// Time is given, so tests drive it with a clock of their own.
import type { Crawler, Trigger } from '../../kernel/glue-types.js';
import type { Services } from '../../kernel/services.js';
import { parseAwsCron } from '../cron/aws-cron.js';
import type { GlueCall } from '../glue-call.js';
import { createRun } from '../runs/create-run.js';
import { listTriggerRows, triggerFromRow } from '../triggers/trigger-repo.js';
import { tickSchedule, type Schedule, type SlotOutcome, type SlotPolicy } from './slots.js';

export interface SchedulerEnv {
  services: Services;
  call: GlueCall;
  log(level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>): void;
}

export const triggerOwner = (name: string) => `trigger:${name}`;
export const crawlerOwner = (name: string) => `crawler:${name}`;

async function scheduledCrawlers(call: GlueCall): Promise<Crawler[]> {
  const out: Crawler[] = [];
  let token: string | undefined;
  do {
    const page = await call<{ Crawlers: Crawler[]; NextToken?: string }>('GetCrawlers', { NextToken: token });
    out.push(...page.Crawlers.filter((c) => c.Schedule?.State === 'SCHEDULED' && c.Schedule.ScheduleExpression));
    token = page.NextToken;
  } while (token);
  return out;
}

function schedules(env: SchedulerEnv, triggers: { t: Trigger; epoch: number }[], crawlers: Crawler[]): Schedule[] {
  const out: Schedule[] = [];
  const add = (owner: string, expression: string, epoch: number, start: Schedule['fire']) => {
    try {
      out.push({ owner, cron: parseAwsCron(expression), epoch, fire: start });
    } catch (e) {
      env.log('warn', 'schedule not run: its expression is not valid', { owner, expression, error: (e as Error).message });
    }
  };
  for (const { t, epoch } of triggers) {
    add(triggerOwner(t.Name!), t.Schedule!, epoch, (within) =>
      createRun(env.services, { workflowName: t.WorkflowName, startTriggers: [t], startedBy: 'trigger', within }),
    );
  }
  for (const c of crawlers) {
    const start: Trigger = {
      Name: `crawler-schedule:${c.Name}`,
      Type: 'SCHEDULED',
      Schedule: c.Schedule!.ScheduleExpression,
      Actions: [{ CrawlerName: c.Name }],
    };
    add(crawlerOwner(c.Name!), c.Schedule!.ScheduleExpression!, c.LastUpdated?.getTime() ?? 0, (within) =>
      createRun(env.services, { startTriggers: [start], startedBy: 'trigger', cascade: false, within }),
    );
  }
  return out;
}

/** Fires every schedule slot due at `now`; returns what was recorded, by schedule owner. */
export async function schedulerTick(env: SchedulerEnv, now: number, policy: SlotPolicy): Promise<Record<string, SlotOutcome[]>> {
  const { db } = env.services.store;
  const rows = await listTriggerRows(db, { types: ['SCHEDULED'], states: ['ACTIVATED'] });
  const triggers = rows.map((r) => ({ t: triggerFromRow(r), epoch: r.activated_on ?? r.updated_on }));
  const out: Record<string, SlotOutcome[]> = {};
  for (const s of schedules(env, triggers, await scheduledCrawlers(env.call))) {
    try {
      const outcomes = await tickSchedule(db, s, now, policy);
      if (!outcomes.length) continue;
      out[s.owner] = outcomes;
      for (const o of outcomes) {
        const level = o.outcome === 'FIRED' ? 'info' : 'warn';
        env.log(level, `schedule slot ${o.outcome.toLowerCase()}`, {
          owner: s.owner,
          slot: new Date(o.slot).toISOString(),
          runId: o.runId,
          note: o.note,
        });
      }
    } catch (e) {
      env.log('error', 'schedule slot could not be handled; it is tried again on the next tick', {
        owner: s.owner,
        error: (e as Error).message,
      });
    }
  }
  return out;
}
