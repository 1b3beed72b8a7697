// What became of each action of a run, read through the registry (GetJobRuns, GetJob, ListCrawls):
// the job runs it led to (the run started and its retries, linked by PreviousRunId) or its crawl, and
// whether the node is still pending, active, or ended for good. A FAILED run with retries left is
// not the end: its supervisor (or, when that died, recovery) starts the next attempt.
import type { Crawl, CrawlerHistory, Job, JobRun } from '../../kernel/glue-types.js';
import type { WorkflowRunActionRow } from '../../store/schema.js';
import { isActiveIn, JOB_RUNS } from '../../runs/kinds.js';
import { isGlueError } from '../glue-call.js';
import { retryExpected, retryOwed } from '../recovery/job-retries.js';
import type { ExecEnv } from './env.js';

export interface Attempt {
  id?: string;
  /** The JobRunState, or the crawl's state as a Crawl shows it (RUNNING, SUCCEEDED, FAILED, CANCELLED). */
  state: string;
  jobRun?: JobRun;
  crawl?: Crawl;
}

export type Phase = 'pending' | 'active' | 'final' | 'cancelled';

export interface ActionView {
  row: WorkflowRunActionRow;
  attempts: Attempt[];
  phase: Phase;
  /** The state conditions see: the latest attempt's. */
  state?: string;
}

const CRAWL_STATE: Record<string, string> = { RUNNING: 'RUNNING', COMPLETED: 'SUCCEEDED', FAILED: 'FAILED', STOPPED: 'CANCELLED' };

export function crawlOf(h: CrawlerHistory): Crawl {
  return {
    State: (CRAWL_STATE[h.State ?? ''] ?? h.State) as Crawl['State'],
    StartedOn: h.StartTime,
    CompletedOn: h.EndTime,
    ErrorMessage: h.ErrorMessage,
    LogGroup: h.LogGroup,
    LogStream: h.LogStream,
  };
}

/** Per-step caches, so a run with many nodes asks for each job's runs once. */
export class Observer {
  private readonly runs = new Map<string, Promise<JobRun[]>>();
  private readonly jobs = new Map<string, Promise<Job | undefined>>();

  /** recover: start the retries owed by runs whose supervisor died (the executor); reads only look. */
  constructor(
    private readonly env: ExecEnv,
    private readonly recover = true,
  ) {}

  jobRuns(job: string): Promise<JobRun[]> {
    let p = this.runs.get(job);
    if (!p) {
      p = this.fetchRuns(job);
      this.runs.set(job, p);
    }
    return p;
  }

  forget(job: string): void {
    this.runs.delete(job);
  }

  job(name: string): Promise<Job | undefined> {
    let p = this.jobs.get(name);
    if (!p) {
      p = this.env.call<{ Job: Job }>('GetJob', { JobName: name }).then(
        (r) => r.Job,
        (e) => (isGlueError(e, 'EntityNotFoundException') ? undefined : Promise.reject(e)),
      );
      this.jobs.set(name, p);
    }
    return p;
  }

  private async fetchRuns(job: string): Promise<JobRun[]> {
    const out: JobRun[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.env.call<{ JobRuns: JobRun[]; NextToken?: string }>('GetJobRuns', {
          JobName: job,
          NextToken: token,
          MaxResults: 200,
        });
        out.push(...page.JobRuns);
        token = page.NextToken;
      } while (token);
    } catch (e) {
      if (!isGlueError(e, 'EntityNotFoundException')) throw e;
    }
    return out;
  }

  async crawl(crawler: string, crawlId: string): Promise<Crawl | undefined> {
    try {
      const { Crawls } = await this.env.call<{ Crawls: CrawlerHistory[] }>('ListCrawls', {
        CrawlerName: crawler,
        Filters: [{ FieldName: 'CRAWL_ID', FilterOperator: 'EQ', FieldValue: crawlId }],
      });
      return Crawls[0] && crawlOf(Crawls[0]);
    } catch (e) {
      if (isGlueError(e, 'EntityNotFoundException')) return undefined;
      throw e;
    }
  }

  async view(row: WorkflowRunActionRow): Promise<ActionView> {
    if (row.state === 'CANCELLED') return { row, attempts: [], phase: 'cancelled' };
    if (row.state === 'CLAIMED') return { row, attempts: [], phase: 'pending' };
    if (row.state === 'FAILED' || row.state === 'ERROR' || !row.child_id) {
      // Never started (concurrency limit, deleted job): Glue shows a run in that state with the reason.
      const state = row.state === 'ERROR' ? 'ERROR' : 'FAILED';
      const attempt: Attempt =
        row.node_type === 'JOB'
          ? {
              state,
              jobRun: {
                JobName: row.target,
                JobRunState: state as JobRun['JobRunState'],
                ErrorMessage: row.error ?? undefined,
                StartedOn: new Date(row.claimed_on),
                CompletedOn: new Date(row.claimed_on),
                Attempt: 0,
              },
            }
          : {
              state: 'FAILED',
              crawl: {
                State: 'FAILED',
                ErrorMessage: row.error ?? undefined,
                StartedOn: new Date(row.claimed_on),
                CompletedOn: new Date(row.claimed_on),
              },
            };
      return { row, attempts: [attempt], phase: 'final', state: attempt.state };
    }
    return row.node_type === 'JOB' ? this.jobView(row) : this.crawlView(row);
  }

  private async crawlView(row: WorkflowRunActionRow): Promise<ActionView> {
    const crawl = await this.crawl(row.target, row.child_id!);
    if (!crawl)
      return {
        row,
        attempts: [
          {
            id: row.child_id!,
            state: 'FAILED',
            crawl: { State: 'FAILED', ErrorMessage: 'The crawl is no longer recorded (the crawler was deleted).' },
          },
        ],
        phase: 'final',
        state: 'FAILED',
      };
    const state = crawl.State!;
    return {
      row,
      attempts: [{ id: row.child_id!, state, crawl }],
      phase: state === 'RUNNING' || state === 'CANCELLING' ? 'active' : 'final',
      state,
    };
  }

  private async jobView(row: WorkflowRunActionRow): Promise<ActionView> {
    const runs = await this.jobRuns(row.target);
    const byPrevious = new Map(runs.filter((r) => r.PreviousRunId).map((r) => [r.PreviousRunId!, r]));
    const attempts: Attempt[] = [];
    let run = runs.find((r) => r.Id === row.child_id);
    if (!run)
      return {
        row,
        attempts: [
          {
            id: row.child_id!,
            state: 'FAILED',
            jobRun: {
              Id: row.child_id!,
              JobName: row.target,
              JobRunState: 'FAILED',
              ErrorMessage: 'The job run is no longer recorded (the job was deleted).',
            },
          },
        ],
        phase: 'final',
        state: 'FAILED',
      };
    for (const seen = new Set<string>(); run && !seen.has(run.Id!); run = byPrevious.get(run.Id!)) {
      seen.add(run.Id!);
      attempts.push({ id: run.Id, state: run.JobRunState!, jobRun: run });
    }
    const latest = attempts[attempts.length - 1].jobRun!;
    if (isActiveIn(JOB_RUNS, latest.JobRunState)) return { row, attempts, phase: 'active', state: latest.JobRunState };
    const owed = this.recover ? await retryOwed(this.env, this, latest) : await retryExpected(this, latest);
    if (row.state !== 'COPIED' && owed === 'pending') {
      this.forget(row.target);
      return { row, attempts, phase: 'active', state: latest.JobRunState };
    }
    return { row, attempts, phase: 'final', state: latest.JobRunState };
  }
}
