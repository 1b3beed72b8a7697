// Judges one observation against every alarm in force: each rule's datapoints (for subjects its
// `match` admits) become states, history and queued notifications in the caller's transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';
import type { AlarmConfig } from '../config.js';
import { applyDatapoint, readState, type AlarmEvent, type RunRef } from './alarm-store.js';
import { globMatch } from './glob.js';
import { ruleFor } from './rules/index.js';
import type { Observation, RuleContext } from './types.js';

export interface EvaluateOptions {
  alarms: AlarmConfig[];
  /** Every configured notifier's name: an alarm without its own notify list tells them all. */
  notifiers: string[];
  catalogId: string;
  currency: string;
  /** Builds the dashboard link of an alarm, when known. */
  link?: (alarm: string) => string | undefined;
}

export async function evaluateObservation(db: Kysely<DB>, obs: Observation, o: EvaluateOptions): Promise<AlarmEvent[]> {
  const ctx: RuleContext = {
    db,
    catalogId: o.catalogId,
    currency: o.currency,
    memo: async (alarm, subject) => (await readState(db, alarm, subject))?.memo ?? undefined,
  };
  const run: RunRef | undefined =
    obs.type === 'run'
      ? { id: obs.run.id, kind: obs.run.kind, name: obs.run.name }
      : obs.quality.runId
        ? { id: obs.quality.runId, kind: 'dq-evaluation', name: obs.quality.ruleset ?? obs.quality.table }
        : obs.quality.jobRunId
          ? { id: obs.quality.jobRunId, kind: 'job', name: obs.quality.jobName ?? '' }
          : undefined;
  const at = obs.type === 'run' ? obs.run.completedOn : obs.quality.at;
  const events: AlarmEvent[] = [];
  for (const alarm of o.alarms) {
    const points = await ruleFor(alarm)(alarm, obs, ctx);
    for (const p of points) {
      if (!globMatch(alarm.match, p.subject)) continue;
      const applied = await applyDatapoint(db, alarm, p, {
        at,
        run,
        resultId: obs.type === 'quality' ? obs.quality.resultId : undefined,
        notifiers: o.notifiers,
        link: o.link?.(alarm.name),
      });
      if (applied.event) events.push(applied.event);
    }
  }
  return events;
}
