// row-volume: a successful job run's rows written (or read) against the average of the job's recent
// successful runs, from the metric history. ALARM when it moved more than tolerancePercent either
// way: a feed that halves or doubles overnight is news. Too little history is INSUFFICIENT_DATA.
import type { AlarmConfig } from '../../config.js';
import { count, percent } from '../format.js';
import { seriesValues } from '../../metrics/history.js';
import type { Rule } from '../types.js';

type Alarm = Extract<AlarmConfig, { rule: 'row-volume' }>;

const SERIES = { rowsWritten: 'job.rows_written', rowsRead: 'job.rows_read' } as const;

export const rowVolume: Rule<Alarm> = async (alarm, obs, ctx) => {
  if (obs.type !== 'run' || obs.run.kind !== 'job' || obs.run.state !== 'SUCCEEDED') return [];
  const value = obs.run.metrics?.[alarm.metric];
  if (value === undefined) return [];
  const r = obs.run;
  const earlier = await seriesValues(ctx.db, SERIES[alarm.metric], r.name, {
    before: r.completedOn,
    excludeRun: r.id,
    limit: alarm.window,
  });
  const label = alarm.metric === 'rowsWritten' ? 'wrote' : 'read';
  if (earlier.length < alarm.minRuns) {
    const reason = `Run ${r.id} ${label} ${count(value)} rows; ${earlier.length} earlier successful run${earlier.length === 1 ? '' : 's'}, ${alarm.minRuns} needed for an average`;
    return [{ subject: r.name, state: 'INSUFFICIENT_DATA', value, reason }];
  }
  const avg = earlier.reduce((a, b) => a + b, 0) / earlier.length;
  const change = avg === 0 ? (value === 0 ? 0 : Infinity) : (value - avg) / avg;
  const tol = alarm.tolerancePercent / 100;
  const out = Math.abs(change) > tol;
  const moved = Number.isFinite(change) ? `${change >= 0 ? '+' : '−'}${percent(Math.abs(change))}` : 'up from none';
  const reason = `Run ${r.id} ${label} ${count(value)} rows, ${moved} against the average of ${earlier.length} earlier runs (${count(Math.round(avg))}); ${out ? 'outside' : 'within'} ±${alarm.tolerancePercent} %`;
  return [{ subject: r.name, state: out ? 'ALARM' : 'OK', value: Number.isFinite(change) ? change : value, threshold: tol, reason }];
};
