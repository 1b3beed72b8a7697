// Starting one claimed action through the registry: StartJobRun (arguments merged as Glue merges
// them, plus --WORKFLOW_NAME and --WORKFLOW_RUN_ID and the run properties) or StartCrawler. A start
// Glue refuses becomes the node's outcome, as in Glue: past the job's MaxConcurrentRuns the node
// FAILED with the reason; a deleted job or crawler ERROR. An action claimed long ago may have been
// started by a driver that died before recording it: that run is found and adopted, not started twice.
import type { CrawlerHistory, JobRun } from '../../kernel/glue-types.js';
import type { WorkflowRunActionRow } from '../../store/schema.js';
import { isGlueError } from '../glue-call.js';
import { requestOf, settleAction } from '../runs/actions-repo.js';
import type { LoadedRun } from '../runs/run-repo.js';
import type { ExecEnv } from './env.js';
import type { Observer } from './observe.js';

/** A claim older than this was made by an earlier driver: look for what it may have started. */
const IN_DOUBT_MS = 2_000;

/** Run properties as job arguments: `--key value`, below the action's own Arguments. */
function propertyArguments(properties: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(properties)) if (!k.startsWith('aws:')) out[k.startsWith('--') ? k : `--${k}`] = v;
  return out;
}

async function referenced(env: ExecEnv, childId: string): Promise<boolean> {
  const row = await env.services.store.db
    .selectFrom('workflow_run_actions')
    .select('seq')
    .where('child_id', '=', childId)
    .executeTakeFirst();
  return !!row;
}

async function adoptJobRun(env: ExecEnv, observer: Observer, run: LoadedRun, row: WorkflowRunActionRow): Promise<JobRun | undefined> {
  const runs = await observer.jobRuns(row.target);
  const candidates = runs
    .filter((r) => (r.Attempt ?? 0) === 0 && (r.StartedOn?.getTime() ?? 0) >= row.claimed_on)
    .filter((r) => (run.run.Name ? r.Arguments?.['--WORKFLOW_RUN_ID'] === run.run.WorkflowRunId : !r.Arguments?.['--WORKFLOW_RUN_ID']))
    .sort((a, b) => a.StartedOn!.getTime() - b.StartedOn!.getTime());
  for (const c of candidates) if (!(await referenced(env, c.Id!))) return c;
  return undefined;
}

async function crawlSince(env: ExecEnv, crawler: string, since: number): Promise<CrawlerHistory | undefined> {
  const { Crawls } = await env.call<{ Crawls: CrawlerHistory[] }>('ListCrawls', {
    CrawlerName: crawler,
    Filters: [{ FieldName: 'START_TIME', FilterOperator: 'GE', FieldValue: String(since) }],
  });
  // Newest first; a crawler runs one crawl at a time, so the oldest since the start is the one started.
  for (const c of [...Crawls].reverse()) if (!(await referenced(env, c.CrawlId!))) return c;
  return undefined;
}

function refusal(e: unknown, what: string): { state: 'FAILED' | 'ERROR'; error: string } | undefined {
  if (isGlueError(e, 'EntityNotFoundException')) return { state: 'ERROR', error: `${what} no longer exists: ${(e as Error).message}` };
  if (
    isGlueError(
      e,
      'ConcurrentRunsExceededException',
      'CrawlerRunningException',
      'InvalidInputException',
      'ResourceNumberLimitExceededException',
    )
  ) {
    return { state: 'FAILED', error: (e as Error).message };
  }
  return undefined;
}

export async function startAction(env: ExecEnv, observer: Observer, run: LoadedRun, row: WorkflowRunActionRow): Promise<void> {
  const { db } = env.services.store;
  // Times here are compared with the children's own (real) timestamps, so they use the real clock.
  const inDoubt = Date.now() - row.claimed_on > IN_DOUBT_MS;
  const started = (childId: string) => settleAction(db, row, 'CLAIMED', { state: 'STARTED', child_id: childId, started_on: Date.now() });
  if (row.node_type === 'JOB') {
    const adopted = inDoubt ? await adoptJobRun(env, observer, run, row) : undefined;
    if (adopted) return void (await started(adopted.Id!));
    const request = requestOf(row);
    const workflow = run.run.Name;
    const Arguments = workflow
      ? {
          ...propertyArguments(run.properties),
          ...request.Arguments,
          '--WORKFLOW_NAME': workflow,
          '--WORKFLOW_RUN_ID': run.run.WorkflowRunId!,
        }
      : request.Arguments;
    try {
      // Recorded on the job run as its TriggerName, as Glue does.
      const byTrigger = { triggerName: row.trigger_name };
      const { JobRunId } = await env.call<{ JobRunId: string }>(
        'StartJobRun',
        { JobName: row.target, Arguments, Timeout: request.Timeout },
        byTrigger,
      );
      observer.forget(row.target);
      await started(JobRunId);
      env.log('info', 'job run started', { run: run.row.id, trigger: row.trigger_name, job: row.target, jobRunId: JobRunId });
    } catch (e) {
      const r = refusal(e, `Job ${row.target}`);
      if (!r) throw e;
      await settleAction(db, row, 'CLAIMED', r);
      env.log('warn', 'job run could not start', { run: run.row.id, job: row.target, ...r });
    }
    return;
  }
  const adopted = inDoubt ? await crawlSince(env, row.target, row.claimed_on) : undefined;
  if (adopted) return void (await started(adopted.CrawlId!));
  const before = Date.now();
  try {
    await env.call('StartCrawler', { Name: row.target });
  } catch (e) {
    const r = refusal(e, `Crawler ${row.target}`);
    if (!r) throw e;
    await settleAction(db, row, 'CLAIMED', r);
    env.log('warn', 'crawl could not start', { run: run.row.id, crawler: row.target, ...r });
    return;
  }
  const crawl = await crawlSince(env, row.target, before);
  if (crawl) {
    await started(crawl.CrawlId!);
    env.log('info', 'crawl started', { run: run.row.id, trigger: row.trigger_name, crawler: row.target, crawlId: crawl.CrawlId });
  } else
    await settleAction(db, row, 'CLAIMED', {
      state: 'FAILED',
      error: `The crawl of ${row.target} started but could not be found afterwards.`,
    });
}
