// What alarm rules see and say. A rule looks at one observation (an ended run, or a quality result)
// and returns a datapoint per subject it judges; the engine turns datapoints into states, history
// and notifications.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';
import type { AlarmConfig } from '../config.js';
import type { RunFacts } from '../observe/run-facts.js';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface QualityFacts {
  resultId: string;
  /** database.table */
  table: string;
  ruleset?: string;
  score: number;
  at: number;
  runId?: string;
  jobName?: string;
  jobRunId?: string;
  rules: { passed: number; failed: number; errored: number };
}

/** An ended run (with its Glue document as stored), or a recorded quality result. */
export type Observation = { type: 'run'; run: RunFacts; doc: Record<string, any> } | { type: 'quality'; quality: QualityFacts };

export interface Datapoint {
  subject: string;
  state: AlarmState;
  reason: string;
  value?: number;
  threshold?: number;
  /** What the rule remembers for this subject until its next datapoint (schema-change: the columns). */
  memo?: string;
}

export interface RuleContext {
  db: Kysely<DB>;
  catalogId: string;
  currency: string;
  /** The subject's memo from its last datapoint. */
  memo(alarm: string, subject: string): Promise<string | undefined>;
}

export type Rule<A extends AlarmConfig = AlarmConfig> = (alarm: A, obs: Observation, ctx: RuleContext) => Promise<Datapoint[]>;

/** The subject of a quality result: its table, and the ruleset when it has a name. */
export const qualitySubject = (q: Pick<QualityFacts, 'table' | 'ruleset'>) => (q.ruleset ? `${q.table}/${q.ruleset}` : q.table);
