// Following a workflow run until it ends, reporting each node as it starts and ends: what
// `sluice workflow run` prints and what the demo shows. Reads only through GetWorkflowRun.
import type { Node, WorkflowRun } from '../../kernel/glue-types.js';
import type { GlueCall } from '../glue-call.js';

export interface NodeEvent {
  type: 'JOB' | 'CRAWLER';
  name: string;
  state: string;
  /** Job run id, or undefined for crawls (the Glue Crawl has no id). */
  runId?: string;
  startedOn?: Date;
  completedOn?: Date;
  errorMessage?: string;
}

const ENDED = ['COMPLETED', 'STOPPED', 'ERROR'];

/** The latest attempt of each job and crawler node. */
export function nodeEvents(run: WorkflowRun): NodeEvent[] {
  const out: NodeEvent[] = [];
  for (const n of run.Graph?.Nodes ?? []) {
    const last = lastAttempt(n);
    if (last) out.push(last);
  }
  return out.sort((a, b) => (a.startedOn?.getTime() ?? 0) - (b.startedOn?.getTime() ?? 0));
}

function lastAttempt(n: Node): NodeEvent | undefined {
  if (n.Type === 'JOB') {
    const r = n.JobDetails?.JobRuns?.at(-1);
    return (
      r && {
        type: 'JOB',
        name: n.Name!,
        state: r.JobRunState!,
        runId: r.Id,
        startedOn: r.StartedOn,
        completedOn: r.CompletedOn,
        errorMessage: r.ErrorMessage,
      }
    );
  }
  const c = n.CrawlerDetails?.Crawls?.at(-1);
  return c && n.Type === 'CRAWLER'
    ? { type: 'CRAWLER', name: n.Name!, state: c.State!, startedOn: c.StartedOn, completedOn: c.CompletedOn, errorMessage: c.ErrorMessage }
    : undefined;
}

/** Polls the run until it ends, calling onChange for every node whose state changed; returns the ended run. */
export async function followWorkflowRun(
  call: GlueCall,
  name: string,
  runId: string,
  onChange: (e: NodeEvent) => void,
  intervalMs = 300,
): Promise<WorkflowRun> {
  const seen = new Map<string, string>();
  for (;;) {
    const { Run } = await call<{ Run: WorkflowRun }>('GetWorkflowRun', { Name: name, RunId: runId, IncludeGraph: true });
    for (const e of nodeEvents(Run)) {
      const key = `${e.type}:${e.name}`;
      const now = `${e.runId ?? ''}:${e.state}`;
      if (seen.get(key) !== now) {
        seen.set(key, now);
        onChange(e);
      }
    }
    if (ENDED.includes(Run.Status!)) return Run;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
