// cost: what a job run would have cost on AWS Glue (observe/cost.ts), per run or summed over the job's
// runs of the day (UTC), against a budget. OK again when a later run (or day) is within it.
import type { AlarmConfig } from '../../config.js';
import { money } from '../format.js';
import { seriesSum } from '../../metrics/history.js';
import type { Rule } from '../types.js';

type Alarm = Extract<AlarmConfig, { rule: 'cost' }>;

export const cost: Rule<Alarm> = async (alarm, obs, ctx) => {
  if (obs.type !== 'run' || !obs.run.cost) return [];
  const r = obs.run;
  let value = r.cost!.cost;
  let what = `Run ${r.id} would have cost ${money(value, ctx.currency)} on AWS Glue (${r.cost!.dpuSeconds.toFixed(0)} DPU-seconds)`;
  if (alarm.per === 'day') {
    const day = new Date(r.completedOn);
    const from = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
    // The run's own point is recorded before alarms are evaluated, so the sum includes it.
    value = await seriesSum(ctx.db, 'job.cost', r.name, from, from + 86_400_000);
    what = `Runs of ${r.name} on ${day.toISOString().slice(0, 10)} would have cost ${money(value, ctx.currency)} on AWS Glue`;
  }
  const over = value > alarm.budget;
  return [
    {
      subject: r.name,
      state: over ? 'ALARM' : 'OK',
      value,
      threshold: alarm.budget,
      reason: `${what}; budget ${money(alarm.budget, ctx.currency)}${alarm.per === 'day' ? ' a day' : ' a run'}`,
    },
  ];
};
