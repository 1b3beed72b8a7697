// job-duration: ALARM when a job run took more than percentOfTimeout of its Timeout (the seeds warn
// at 50 % and page at 75 %), so a job creeping towards being killed is noticed before it is.
import type { AlarmConfig } from '../../config.js';
import { duration, percent } from '../format.js';
import type { Rule } from '../types.js';

type Alarm = Extract<AlarmConfig, { rule: 'job-duration' }>;

export const jobDuration: Rule<Alarm> = async (alarm, obs) => {
  if (obs.type !== 'run' || obs.run.kind !== 'job' || !obs.run.timeoutMs || obs.run.state === 'STOPPED') return [];
  const r = obs.run;
  const ratio = r.state === 'TIMEOUT' ? Math.max(1, r.durationMs / r.timeoutMs!) : r.durationMs / r.timeoutMs!;
  const threshold = alarm.percentOfTimeout / 100;
  const over = ratio > threshold;
  const reason = `Run ${r.id} took ${duration(r.durationMs)}, ${percent(ratio)} of its ${duration(r.timeoutMs!)} timeout (${over ? 'over' : 'within'} ${alarm.percentOfTimeout} %)`;
  return [{ subject: r.name, state: over ? 'ALARM' : 'OK', value: ratio, threshold, reason }];
};
