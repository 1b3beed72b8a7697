// quality-score: ALARM when a data-quality result scores below minScore (Glue's score: the share of
// top-level rules that passed), OK when the next result for the same table and ruleset is back above.
import type { AlarmConfig } from '../../config.js';
import { qualitySubject, type Rule } from '../types.js';

type Alarm = Extract<AlarmConfig, { rule: 'quality-score' }>;

export const qualityScore: Rule<Alarm> = async (alarm, obs) => {
  if (obs.type !== 'quality') return [];
  const q = obs.quality;
  const low = q.score < alarm.minScore;
  const rules = `${q.rules.passed} of ${q.rules.passed + q.rules.failed + q.rules.errored} rules passed`;
  const reason = `Result ${q.resultId} for ${q.table}${q.ruleset ? ` (${q.ruleset})` : ''} scored ${q.score.toFixed(2)}, ${low ? 'below' : 'at or above'} ${alarm.minScore} (${rules})`;
  return [{ subject: qualitySubject(q), state: low ? 'ALARM' : 'OK', value: q.score, threshold: alarm.minScore, reason }];
};
