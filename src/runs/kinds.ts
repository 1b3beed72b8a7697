// One descriptor per kind of run: Glue's state names for it, which states are active (the run holds
// its slot and may still change) and which terminal (it never changes again), and the Glue shape
// of its document in the `runs` table. This is the one list of active states.
import type { ColumnStatisticsState, CrawlerHistoryState, JobRunState, TaskStatusType, WorkflowRunStatus } from '../kernel/glue-types.js';

export interface RunKind<S extends string = string> {
  /** runs.kind */
  kind: string;
  /** The Glue shape of runs.doc (dates revived by it). */
  shape: string;
  active: readonly S[];
  terminal: readonly S[];
}

export const JOB_RUNS: RunKind<JobRunState> = {
  kind: 'job',
  shape: 'JobRun',
  active: ['WAITING', 'STARTING', 'RUNNING', 'STOPPING'],
  terminal: ['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED', 'ERROR', 'EXPIRED'],
};

// Crawls go through the ledger, but their document is still crawlers/crawl-store.ts's CrawlRecord
// (camelCase), not CrawlerHistory, so crawl-store parses it rather than docOf (issue 13).
export const CRAWLS: RunKind<CrawlerHistoryState> = {
  kind: 'crawl',
  shape: 'CrawlerHistory',
  active: ['RUNNING'],
  terminal: ['COMPLETED', 'FAILED', 'STOPPED'],
};

export const QUALITY_EVALUATIONS: RunKind<TaskStatusType> = {
  kind: 'dq-evaluation',
  shape: 'GetDataQualityRulesetEvaluationRunResponse',
  active: ['STARTING', 'RUNNING', 'STOPPING'],
  terminal: ['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED'],
};

export const QUALITY_RECOMMENDATIONS: RunKind<TaskStatusType> = {
  ...QUALITY_EVALUATIONS,
  kind: 'dq-recommendation',
  shape: 'GetDataQualityRuleRecommendationRunResponse',
};

export const WORKFLOW_RUNS: RunKind<WorkflowRunStatus> = {
  kind: 'workflow',
  shape: 'WorkflowRun',
  active: ['RUNNING', 'STOPPING'],
  terminal: ['COMPLETED', 'STOPPED', 'ERROR'],
};

/** Trigger chains outside workflows: run like workflow runs, with the same document and states. */
export const TRIGGER_CHAINS: RunKind<WorkflowRunStatus> = { ...WORKFLOW_RUNS, kind: 'trigger-chain' };

/** Column statistics task runs: computed while StartColumnStatisticsTaskRun is answered. */
export const COLUMN_STATISTICS_TASK_RUNS: RunKind<ColumnStatisticsState> = {
  kind: 'column-statistics',
  shape: 'ColumnStatisticsTaskRun',
  active: ['STARTING', 'RUNNING'],
  terminal: ['SUCCEEDED', 'FAILED', 'STOPPED'],
};

export const RUN_KINDS: readonly RunKind[] = [
  JOB_RUNS,
  CRAWLS,
  QUALITY_EVALUATIONS,
  QUALITY_RECOMMENDATIONS,
  WORKFLOW_RUNS,
  TRIGGER_CHAINS,
  COLUMN_STATISTICS_TASK_RUNS,
];

/** Every kind's active states together (what the monitor asks of a run of any kind). */
export const ANY_ACTIVE: readonly string[] = [...new Set(RUN_KINDS.flatMap((k) => k.active))];

export const isActiveIn = <S extends string>(k: RunKind<S>, state: string | undefined) => k.active.includes(state as S);
export const isTerminalIn = <S extends string>(k: RunKind<S>, state: string | undefined) => k.terminal.includes(state as S);
