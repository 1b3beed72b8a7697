// WorkflowRunStatistics from the run's actions: one count per job or crawler start, by the state of
// its latest attempt (a FAILED run whose retry is due still counts as running).
import type { WorkflowRunStatistics } from '../../kernel/glue-types.js';
import type { ActionView } from './observe.js';

const BUCKET: Record<string, keyof WorkflowRunStatistics> = {
  SUCCEEDED: 'SucceededActions',
  FAILED: 'FailedActions',
  TIMEOUT: 'TimeoutActions',
  STOPPED: 'StoppedActions',
  CANCELLED: 'StoppedActions',
  ERROR: 'ErroredActions',
  EXPIRED: 'ErroredActions',
  WAITING: 'WaitingActions',
};

export function statisticsOf(views: ActionView[]): WorkflowRunStatistics {
  const s: Required<WorkflowRunStatistics> = {
    TotalActions: 0,
    TimeoutActions: 0,
    FailedActions: 0,
    StoppedActions: 0,
    SucceededActions: 0,
    RunningActions: 0,
    ErroredActions: 0,
    WaitingActions: 0,
  };
  for (const v of views) {
    if (v.phase === 'cancelled') continue;
    s.TotalActions++;
    const bucket = v.phase === 'final' ? BUCKET[v.state ?? ''] : v.state === 'WAITING' ? 'WaitingActions' : 'RunningActions';
    s[bucket ?? 'RunningActions']++;
  }
  return s;
}
