// The alarm rules, by the `rule` name sluice.yaml uses.
import type { AlarmConfig, AlarmRuleName } from '../../config.js';
import type { Rule } from '../types.js';
import { jobFailure } from './job-failure.js';
import { jobDuration } from './job-duration.js';
import { qualityScore } from './quality-score.js';
import { errorRate } from './error-rate.js';
import { rowVolume } from './row-volume.js';
import { schemaChange } from './schema-change.js';
import { cost } from './cost.js';

export const RULES: { [K in AlarmRuleName]: Rule<Extract<AlarmConfig, { rule: K }>> } = {
  'job-failure': jobFailure,
  'job-duration': jobDuration,
  'quality-score': qualityScore,
  'error-rate': errorRate,
  'row-volume': rowVolume,
  'schema-change': schemaChange,
  cost,
};

export function ruleFor(alarm: AlarmConfig): Rule {
  return RULES[alarm.rule] as Rule;
}
