// job-failure: ALARM when a run of a watched kind fails (see observe/run-states.ts for what counts),
// OK when the next one succeeds. A run someone stopped says nothing about health: no datapoint.
import type { AlarmConfig } from '../../config.js';
import type { Rule } from '../types.js';

type Alarm = Extract<AlarmConfig, { rule: 'job-failure' }>;

export const jobFailure: Rule<Alarm> = async (alarm, obs) => {
  if (obs.type !== 'run' || !alarm.kinds.includes(obs.run.kind as Alarm['kinds'][number])) return [];
  const r = obs.run;
  if (!r.failed && r.state === 'STOPPED') return [];
  const what = r.kind === 'job' ? 'Job run' : `${r.kind[0].toUpperCase()}${r.kind.slice(1)} run`;
  return [
    r.failed
      ? {
          subject: r.name,
          state: 'ALARM',
          value: 1,
          threshold: 1,
          reason: `${what} ${r.id} ended ${r.state}${r.errorMessage ? `: ${r.errorMessage}` : ''}`,
        }
      : { subject: r.name, state: 'OK', value: 0, threshold: 1, reason: `${what} ${r.id} ended ${r.state}` },
  ];
};
