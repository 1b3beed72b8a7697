// One descriptor per kind of run: Glue's state names for it, which states are active (the run holds
// its slot and may still change) and which terminal (it never changes again), and the Glue shape
// of its document in the `runs` table. This is the one list of active states.
import type { ColumnStatisticsState, CrawlerHistoryState, JobRunState, TaskStatusType, WorkflowRunStatus } from '../kernel/glue-types.js';

/**
 * What every run shows whatever its kind (the monitor's summary, the dashboard's runs table), read
 * from its stored Glue document (dates as stored: ISO strings).
 */
export interface DocFacts {
  startedOn?: string;
  completedOn?: string;
  errorMessage?: string;
  /** Job runs: the attempt and the trigger that started the run. */
  attempt?: number;
  triggerName?: string;
  /** An ended run failed although its state does not say so (a workflow run COMPLETED with failed actions). */
  failedAnyway?: boolean;
}

type Doc = Record<string, any>;

export interface RunKind<S extends string = string> {
  /** runs.kind */
  kind: string;
  /** The Glue shape of runs.doc (dates revived by it). */
  shape: string;
  active: readonly S[];
  terminal: readonly S[];
  /** Active states in which a run has no process yet by design (a job run WAITING for a slot): not reaped. */
  queued?: readonly S[];
  /** The kind's document, summarised under the names every kind shares. */
  facts(doc: Doc): DocFacts;
}

/** Facts from the Glue members that hold a kind's start, end and error. */
const glueFacts =
  (start: string, end: string, error: string) =>
  (d: Doc): DocFacts => ({ startedOn: d[start], completedOn: d[end], errorMessage: d[error] });

export const JOB_RUNS: RunKind<JobRunState> = {
  kind: 'job',
  shape: 'JobRun',
  active: ['WAITING', 'STARTING', 'RUNNING', 'STOPPING'],
  terminal: ['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED', 'ERROR', 'EXPIRED'],
  queued: ['WAITING'],
  facts: (d) => ({
    ...glueFacts('StartedOn', 'CompletedOn', 'ErrorMessage')(d),
    attempt: typeof d.Attempt === 'number' ? d.Attempt : undefined,
    triggerName: d.TriggerName,
  }),
};

/** The document is CrawlerHistory with Sluice members beside (crawlers/crawl-store.ts's CrawlDoc). */
export const CRAWLS: RunKind<CrawlerHistoryState> = {
  kind: 'crawl',
  shape: 'CrawlerHistory',
  active: ['RUNNING'],
  terminal: ['COMPLETED', 'FAILED', 'STOPPED'],
  facts: glueFacts('StartTime', 'EndTime', 'ErrorMessage'),
};

export const QUALITY_EVALUATIONS: RunKind<TaskStatusType> = {
  kind: 'dq-evaluation',
  shape: 'GetDataQualityRulesetEvaluationRunResponse',
  active: ['STARTING', 'RUNNING', 'STOPPING'],
  terminal: ['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED'],
  facts: glueFacts('StartedOn', 'CompletedOn', 'ErrorString'),
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
  // Glue calls a workflow run COMPLETED even when a node failed; a person on call calls it failed.
  facts: (d) => {
    const s = d.Statistics ?? {};
    const failedAnyway = (s.FailedActions ?? 0) > 0 || (s.TimeoutActions ?? 0) > 0 || (s.ErroredActions ?? 0) > 0;
    return { ...glueFacts('StartedOn', 'CompletedOn', 'ErrorMessage')(d), failedAnyway };
  },
};

/** Trigger chains outside workflows: run like workflow runs, with the same document and states. */
export const TRIGGER_CHAINS: RunKind<WorkflowRunStatus> = { ...WORKFLOW_RUNS, kind: 'trigger-chain' };

/** Column statistics task runs: computed while StartColumnStatisticsTaskRun is answered. */
export const COLUMN_STATISTICS_TASK_RUNS: RunKind<ColumnStatisticsState> = {
  kind: 'column-statistics',
  shape: 'ColumnStatisticsTaskRun',
  active: ['STARTING', 'RUNNING'],
  terminal: ['SUCCEEDED', 'FAILED', 'STOPPED'],
  facts: glueFacts('StartTime', 'EndTime', 'ErrorMessage'),
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

/** The descriptor of runs.kind, if Sluice knows the kind. */
export const kindNamed = (kind: string): RunKind | undefined => RUN_KINDS.find((k) => k.kind === kind);

/** States that are a failure whatever the kind (STOPPED is not: someone stopped the run). */
const FAILED_STATES = ['FAILED', 'TIMEOUT', 'ERROR', 'EXPIRED'];

/** A failed run, as a person on call sees it: its state says so, or its kind's facts do. */
export const isFailedRun = (kind: string, state: string, doc: Doc): boolean =>
  FAILED_STATES.includes(state) || !!kindNamed(kind)?.facts(doc).failedAnyway;

/** The facts of a run of any kind; a kind Sluice does not know yields none. */
export const factsOf = (kind: string, doc: Doc): DocFacts => kindNamed(kind)?.facts(doc) ?? {};

export const isActiveIn = <S extends string>(k: RunKind<S>, state: string | undefined) => k.active.includes(state as S);
export const isTerminalIn = <S extends string>(k: RunKind<S>, state: string | undefined) => k.terminal.includes(state as S);
