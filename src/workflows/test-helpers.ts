// Shared by the workflows tests: tiny job scripts (succeed, fail, sleep, record their arguments),
// jobs and crawlers over them, and waiting for a workflow run to reach a status. Runs are real: jobs
// run in their own detached processes, and without a server each workflow run gets its driver process.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Sluice } from '../kernel/services.js';
import type { WorkflowRun } from '../kernel/glue-types.js';

export const SCRIPTS: Record<string, string> = {
  'jobs/ok.mjs': `export default async () => {};`,
  'jobs/fail.mjs': `export default async () => { throw new Error('this step is broken'); };`,
  'jobs/sleep.mjs': `export default async () => { await new Promise((r) => setTimeout(r, 60000)); };`,
  'jobs/args.mjs': `import { writeFileSync } from 'node:fs';
export default async (glue) => { writeFileSync('args-' + glue.jobName + '.json', JSON.stringify(glue.args)); };`,
};

/** Short timings for runs started by tests: job retry back-offs and the driver's polling. */
export function useFastTimings(): void {
  process.env.SLUICE_JOB_MINUTE_MS = '1500';
  process.env.SLUICE_JOB_RETRY_DELAY_MS = '50';
  process.env.SLUICE_WORKFLOW_POLL_MS = '100';
}

export function writeScripts(dir: string): void {
  for (const [rel, text] of Object.entries(SCRIPTS)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

export async function createJobs(sluice: Sluice, jobs: Record<string, string>, extra: Record<string, unknown> = {}): Promise<void> {
  for (const [name, script] of Object.entries(jobs)) {
    await sluice.call('CreateJob', {
      Name: name,
      Role: 'sluice',
      Command: { Name: 'glueetl', ScriptLocation: `jobs/${script}.mjs` },
      ...extra,
    });
  }
}

const ENDED = ['COMPLETED', 'STOPPED', 'ERROR'];

/** Polls GetWorkflowRun until the run's status is one of statuses (default: ended). */
export async function waitForWorkflowRun(
  sluice: Sluice,
  name: string,
  runId: string,
  statuses = ENDED,
  timeoutMs = 90_000,
): Promise<WorkflowRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Run } = await sluice.call('GetWorkflowRun', { Name: name, RunId: runId, IncludeGraph: true });
    if (statuses.includes(Run.Status)) return Run;
    if (Date.now() > deadline)
      throw new Error(`workflow run ${runId} of ${name} is still ${Run.Status} after ${timeoutMs} ms: ${JSON.stringify(Run.Statistics)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Each job node's run states, and each crawler node's crawl states, by node name. */
export function nodeStates(run: WorkflowRun): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const n of run.Graph?.Nodes ?? []) {
    if (n.Type === 'JOB') out[n.Name!] = (n.JobDetails?.JobRuns ?? []).map((r) => r.JobRunState!);
    if (n.Type === 'CRAWLER') out[n.Name!] = (n.CrawlerDetails?.Crawls ?? []).map((c) => c.State!);
  }
  return out;
}
