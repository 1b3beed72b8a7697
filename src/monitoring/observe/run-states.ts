// Run states across kinds. Each kind has Glue's own state names (JobRunState, CrawlerHistoryState,
// TaskStatusType, WorkflowRunStatus); the monitor needs only two questions answered for any of them:
// has the run ended, and did it fail.
import { ANY_ACTIVE, isFailedRun } from '../../runs/kinds.js';

const ACTIVE = new Set(ANY_ACTIVE);

export const isEnded = (state: string) => !ACTIVE.has(state);
export const activeStates = () => [...ACTIVE];

/**
 * A failed run, as a person on call sees it: jobs FAILED, TIMEOUT, ERROR or EXPIRED; crawls FAILED;
 * quality runs FAILED or TIMEOUT; a workflow run ERROR — or COMPLETED with failed actions, because
 * Glue calls a workflow run COMPLETED even when a node failed (the kind's descriptor says so). A
 * STOPPED run was stopped by someone.
 */
export const isFailure = isFailedRun;
