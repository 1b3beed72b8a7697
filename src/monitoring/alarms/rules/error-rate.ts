// error-rate: the share of the rows a job run read that it quarantined (rows it could not process).
// ALARM above maxPercent. A run that read nothing, or recorded no metrics (it failed early), gives
// no datapoint: job-failure speaks for that one.
import type { AlarmConfig } from '../../config.js';
import { count, percent } from '../format.js';
import type { Rule } from '../types.js';

type Alarm = Extract<AlarmConfig, { rule: 'error-rate' }>;

export const errorRate: Rule<Alarm> = async (alarm, obs) => {
  if (obs.type !== 'run' || obs.run.kind !== 'job') return [];
  const m = obs.run.metrics;
  if (!m?.rowsRead) return [];
  const rate = (m.rowsQuarantined ?? 0) / m.rowsRead;
  const threshold = alarm.maxPercent / 100;
  const over = rate > threshold;
  const reason = `Run ${obs.run.id} quarantined ${count(m.rowsQuarantined ?? 0)} of ${count(m.rowsRead)} rows read (${percent(rate)}, ${over ? 'over' : 'within'} ${alarm.maxPercent} %)`;
  return [{ subject: obs.run.name, state: over ? 'ALARM' : 'OK', value: rate, threshold, reason }];
};
