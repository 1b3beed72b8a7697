// StartWorkflowRun, StopWorkflowRun, GetWorkflowRun, GetWorkflowRuns, GetWorkflowRunProperties and
// PutWorkflowRunProperties. StartWorkflowRun fires the workflow's ON_DEMAND start triggers; a workflow
// started only by schedules or events fires those instead, each job or crawler started once.
import { glueOperation } from '../../kernel/registry.js';
import { SluiceError } from '../../kernel/errors.js';
import { pageByOffset } from '../../kernel/pagination.js';
import type { Action, Trigger } from '../../kernel/glue-types.js';
import { glueCaller } from '../glue-call.js';
import { requireWorkflow } from '../definitions/workflow-repo.js';
import { listTriggerRows, triggerFromRow } from '../triggers/trigger-repo.js';
import { wakeRun } from '../executor/wake.js';
import { createRun } from './create-run.js';
import { listWorkflowRunRows, loadRun, requireWorkflowRun, saveProperties, transitionRun } from './run-repo.js';
import { viewRun } from './run-view.js';

/**
 * The triggers StartWorkflowRun fires: ON_DEMAND ones, else every start trigger with each target once.
 * A workflow with none yet still runs, as in Glue: nothing starts, and the run completes.
 */
export function startTriggersOf(triggers: Trigger[]): Trigger[] {
  const onDemand = triggers.filter((t) => t.Type === 'ON_DEMAND');
  if (onDemand.length) return onDemand;
  const seen = new Set<string>();
  const starts = triggers
    .filter((t) => t.Type !== 'CONDITIONAL')
    .map((t) => ({
      ...t,
      Actions: (t.Actions ?? []).filter((a: Action) => {
        const key = a.JobName ? `job:${a.JobName}` : `crawler:${a.CrawlerName}`;
        return !seen.has(key) && !!seen.add(key);
      }),
    }));
  return starts.filter((t) => t.Actions.length);
}

export const runOperations = [
  glueOperation('StartWorkflowRun', async (input, ctx) => {
    const { db } = ctx.services.store;
    await requireWorkflow(db, input.Name);
    const triggers = (await listTriggerRows(db, { workflow: input.Name })).map(triggerFromRow);
    const run = await createRun(ctx.services, {
      workflowName: input.Name,
      startTriggers: startTriggersOf(triggers),
      startedBy: 'api',
      runProperties: input.RunProperties,
    });
    return { RunId: run.WorkflowRunId };
  }),

  glueOperation('StopWorkflowRun', async (input, ctx) => {
    const { db } = ctx.services.store;
    const loaded = await requireWorkflowRun(db, input.Name, input.RunId);
    const stopping = await transitionRun(db, input.RunId, ['RUNNING'], (r) => ({ ...r, Status: 'STOPPING' }));
    if (!stopping) {
      throw new SluiceError(
        'IllegalWorkflowStateException',
        `Workflow run ${input.RunId} is ${loaded.run.Status}; only a RUNNING run can be stopped.`,
      );
    }
    await wakeRun(ctx.services, input.RunId);
    return {};
  }),

  glueOperation('GetWorkflowRun', async (input, ctx) => {
    const loaded = await requireWorkflowRun(ctx.services.store.db, input.Name, input.RunId);
    return { Run: await viewRun(ctx.services, glueCaller(ctx), loaded, input.IncludeGraph) };
  }),

  glueOperation('GetWorkflowRuns', async (input, ctx) => {
    const { db } = ctx.services.store;
    await requireWorkflow(db, input.Name);
    const page = pageByOffset(await listWorkflowRunRows(db, input.Name), input.NextToken, input.MaxResults);
    const Runs = [];
    for (const row of page.items) {
      const loaded = await loadRun(db, row.id);
      if (loaded) Runs.push(await viewRun(ctx.services, glueCaller(ctx), loaded, input.IncludeGraph));
    }
    return { Runs, NextToken: page.nextToken };
  }),

  glueOperation('GetWorkflowRunProperties', async (input, ctx) => {
    const loaded = await requireWorkflowRun(ctx.services.store.db, input.Name, input.RunId);
    return { RunProperties: loaded.properties };
  }),

  glueOperation('PutWorkflowRunProperties', async (input, ctx) => {
    // Read and write in one transaction, so two jobs adding properties at once both keep theirs; the
    // write comes first so that it takes the lock before the read (SQLite cannot upgrade a reader).
    await ctx.services.store.transaction(async (trx) => {
      await trx.updateTable('workflow_run_state').set({ updated_on: Date.now() }).where('run_id', '=', input.RunId).execute();
      const loaded = await requireWorkflowRun(trx, input.Name, input.RunId);
      await saveProperties(trx, input.RunId, { ...loaded.properties, ...input.RunProperties });
    });
    return {};
  }),
];
