// A workflow run as GetWorkflowRun shows it: the stored run, its current properties, its statistics
// (counted live while it runs, as recorded once it ended) and, on request, its graph with each job
// node's runs and each crawler node's crawls. Reading a run also makes sure someone drives it.
import type { WorkflowRun } from '../../kernel/glue-types.js';
import type { Services } from '../../kernel/services.js';
import { execEnv } from '../executor/env.js';
import { Observer, type ActionView } from '../executor/observe.js';
import { statisticsOf } from '../executor/statistics.js';
import { wakeRun } from '../executor/wake.js';
import type { GlueCall } from '../glue-call.js';
import { listActions } from './actions-repo.js';
import { buildGraph } from './graph.js';
import { isActiveStatus, loadRun, type LoadedRun } from './run-repo.js';

export async function runViews(services: Services, call: GlueCall, runId: string): Promise<ActionView[]> {
  const observer = new Observer(execEnv(services, { call }), false);
  const out: ActionView[] = [];
  for (const row of await listActions(services.store.db, runId)) out.push(await observer.view(row));
  return out;
}

export async function viewRun(services: Services, call: GlueCall, loaded: LoadedRun, includeGraph = false): Promise<WorkflowRun> {
  const active = isActiveStatus(loaded.row.state);
  if (active) await wakeRun(services, loaded.row.id);
  const views = active || includeGraph ? await runViews(services, call, loaded.row.id) : [];
  return {
    ...loaded.run,
    WorkflowRunProperties: loaded.properties,
    Statistics: active ? statisticsOf(views) : (loaded.run.Statistics ?? statisticsOf(views)),
    Graph: includeGraph ? buildGraph(loaded.run.Name!, loaded.snapshot, views).graph : undefined,
  };
}

export async function viewRunById(
  services: Services,
  call: GlueCall,
  runId: string,
  includeGraph = false,
): Promise<WorkflowRun | undefined> {
  const loaded = await loadRun(services.store.db, runId);
  return loaded && viewRun(services, call, loaded, includeGraph);
}
