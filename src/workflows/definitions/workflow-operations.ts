// CreateWorkflow, GetWorkflow, BatchGetWorkflows, ListWorkflows, UpdateWorkflow, DeleteWorkflow.
// A workflow's graph is drawn from its triggers; LastRun is its newest run. Deleting a workflow
// deletes its triggers and runs (not its jobs and crawlers); one with a run in progress is refused.
import { glueOperation, type CallContext } from '../../kernel/registry.js';
import { SluiceError, alreadyExists, invalidInput } from '../../kernel/errors.js';
import { pageByOffset } from '../../kernel/pagination.js';
import { glueArn } from '../../kernel/arn.js';
import { deleteTags, putTags } from '../../tags/tags.js';
import type { Workflow } from '../../kernel/glue-types.js';
import { glueCaller } from '../glue-call.js';
import { listTriggerRows, triggerFromRow, deleteTriggerRows } from '../triggers/trigger-repo.js';
import { buildGraph } from '../runs/graph.js';
import { ACTIVE_STATUSES, deleteRunsOf, listWorkflowRunRows } from '../runs/run-repo.js';
import { viewRunById } from '../runs/run-view.js';
import { findWorkflow, insertWorkflow, listWorkflowNames, requireWorkflow, updateWorkflowDoc } from './workflow-repo.js';

function checkMax(max: number | undefined): void {
  if (max !== undefined && max < 1) throw invalidInput(`MaxConcurrentRuns must be at least 1 (leave it out for no limit); was ${max}.`);
}

/** The workflow as Get* shows it: with LastRun, and its graph on request. */
export async function workflowView(ctx: CallContext, w: Workflow, includeGraph = false): Promise<Workflow> {
  const { db } = ctx.services.store;
  const [last] = await listWorkflowRunRows(db, w.Name!);
  const triggers = includeGraph ? (await listTriggerRows(db, { workflow: w.Name! })).map(triggerFromRow) : [];
  return {
    ...w,
    LastRun: last ? await viewRunById(ctx.services, glueCaller(ctx), last.id) : undefined,
    Graph: includeGraph ? buildGraph(w.Name!, triggers).graph : undefined,
  };
}

export const workflowOperations = [
  glueOperation('CreateWorkflow', async (input, ctx) => {
    const { db } = ctx.services.store;
    checkMax(input.MaxConcurrentRuns);
    if (await findWorkflow(db, input.Name)) throw alreadyExists(`Workflow with name ${input.Name} already exists`);
    const now = new Date();
    const w: Workflow = {
      Name: input.Name,
      Description: input.Description,
      DefaultRunProperties: input.DefaultRunProperties ?? {},
      MaxConcurrentRuns: input.MaxConcurrentRuns,
      CreatedOn: now,
      LastModifiedOn: now,
    };
    try {
      await insertWorkflow(db, w);
    } catch (e) {
      if (await findWorkflow(db, input.Name)) throw alreadyExists(`Workflow with name ${input.Name} already exists`);
      throw e;
    }
    await putTags(db, glueArn(ctx, 'workflow', input.Name), input.Tags);
    return { Name: input.Name };
  }),

  glueOperation('GetWorkflow', async (input, ctx) => ({
    Workflow: await workflowView(ctx, await requireWorkflow(ctx.services.store.db, input.Name), input.IncludeGraph),
  })),

  glueOperation('BatchGetWorkflows', async (input, ctx) => {
    const Workflows: Workflow[] = [];
    const MissingWorkflows: string[] = [];
    for (const name of input.Names) {
      const w = await findWorkflow(ctx.services.store.db, name);
      if (w) Workflows.push(await workflowView(ctx, w, input.IncludeGraph));
      else MissingWorkflows.push(name);
    }
    return { Workflows, MissingWorkflows };
  }),

  glueOperation('ListWorkflows', async (input, ctx) => {
    const page = pageByOffset(await listWorkflowNames(ctx.services.store.db), input.NextToken, input.MaxResults, 25);
    return { Workflows: page.items, NextToken: page.nextToken };
  }),

  glueOperation('UpdateWorkflow', async (input, ctx) => {
    const { db } = ctx.services.store;
    const current = await requireWorkflow(db, input.Name);
    checkMax(input.MaxConcurrentRuns);
    await updateWorkflowDoc(db, {
      ...current,
      Description: input.Description ?? current.Description,
      DefaultRunProperties: input.DefaultRunProperties ?? current.DefaultRunProperties,
      MaxConcurrentRuns: input.MaxConcurrentRuns ?? current.MaxConcurrentRuns,
      LastModifiedOn: new Date(),
    });
    return { Name: input.Name };
  }),

  glueOperation('DeleteWorkflow', async (input, ctx) => {
    const { db } = ctx.services.store;
    if (!(await findWorkflow(db, input.Name))) return { Name: input.Name };
    const running = (await listWorkflowRunRows(db, input.Name)).filter((r) => ACTIVE_STATUSES.includes(r.state as never));
    if (running.length) {
      throw new SluiceError(
        'ConcurrentModificationException',
        `Workflow ${input.Name} has ${running.length} run(s) in progress (${running[0].id}); stop them before deleting it.`,
      );
    }
    for (const t of await listTriggerRows(db, { workflow: input.Name })) {
      await deleteTriggerRows(db, t.name);
      await deleteTags(db, glueArn(ctx, 'trigger', t.name));
    }
    await deleteRunsOf(db, input.Name);
    await db.deleteFrom('workflows').where('name', '=', input.Name).execute();
    await deleteTags(db, glueArn(ctx, 'workflow', input.Name));
    return { Name: input.Name };
  }),
];
