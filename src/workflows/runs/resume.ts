// ResumeWorkflowRun (glue-behaviour.md §3.4): only a COMPLETED run can be resumed; the nodes named must
// be jobs or crawlers that ran in it; a node downstream of another named node is dropped from the
// list (it runs anyway, in the normal flow). The resumed run has a new id, follows the original's
// trigger snapshot, and starts as a copy of it minus the restarted nodes and everything after them:
// those nodes start again through the triggers that started them, and what follows fires as usual.
import { glueOperation } from '../../kernel/registry.js';
import { SluiceError, invalidInput } from '../../kernel/errors.js';
import type { Transaction } from 'kysely';
import type { DB, WorkflowRunActionRow } from '../../store/schema.js';
import { nodeKey } from '../executor/conditions.js';
import { claimActions, listActions, requestOf } from './actions-repo.js';
import { createRun } from './create-run.js';
import { buildGraph, downstreamOf } from './graph.js';
import { requireWorkflowRun } from './run-repo.js';

async function copyRun(trx: Transaction<DB>, from: string, to: string, reset: Set<string>, restart: WorkflowRunActionRow[]): Promise<void> {
  const firings = await trx.selectFrom('workflow_run_firings').selectAll().where('run_id', '=', from).execute();
  for (const f of firings) {
    if (!reset.has(nodeKey('TRIGGER', f.trigger_name)))
      await trx
        .insertInto('workflow_run_firings')
        .values({ ...f, run_id: to, copied: 1 })
        .execute();
  }
  let seq = 1;
  for (const a of await listActions(trx, from)) {
    if (reset.has(nodeKey(a.node_type, a.target)) || a.state === 'CLAIMED' || a.state === 'CANCELLED') continue;
    await trx
      .insertInto('workflow_run_actions')
      .values({ ...a, run_id: to, seq: seq++, state: a.state === 'STARTED' ? 'COPIED' : a.state })
      .execute();
  }
  for (const a of restart) {
    const { Arguments, Timeout } = requestOf(a);
    await claimActions(trx, to, a.trigger_name, [
      a.node_type === 'JOB' ? { JobName: a.target, Arguments, Timeout } : { CrawlerName: a.target },
    ]);
  }
}

export const resumeOperations = [
  glueOperation('ResumeWorkflowRun', async (input, ctx) => {
    const { db } = ctx.services.store;
    const original = await requireWorkflowRun(db, input.Name, input.RunId);
    if (original.run.Status !== 'COMPLETED') {
      throw new SluiceError(
        'IllegalWorkflowStateException',
        `Workflow run ${input.RunId} is ${original.run.Status}; only a COMPLETED run can be resumed.`,
      );
    }
    if (!input.NodeIds.length) throw invalidInput('NodeIds must name at least one job or crawler node to restart.');
    const index = buildGraph(input.Name, original.snapshot);
    const actions = await listActions(db, input.RunId);
    const lastStart = new Map<string, WorkflowRunActionRow>();
    for (const a of actions) if (a.state !== 'CLAIMED' && a.state !== 'CANCELLED') lastStart.set(nodeKey(a.node_type, a.target), a);
    for (const id of input.NodeIds) {
      const node = index.byId.get(id);
      if (!node) throw invalidInput(`Node ${id} is not a node of workflow ${input.Name}.`);
      if (node.Type === 'TRIGGER')
        throw invalidInput(`You can't resume a workflow run from a trigger node (${node.Name}); name the jobs and crawlers to restart.`);
      if (!lastStart.has(nodeKey(node.Type!, node.Name!)))
        throw invalidInput(
          `${node.Type === 'JOB' ? 'Job' : 'Crawler'} ${node.Name} did not run in workflow run ${input.RunId}, so it cannot be restarted.`,
        );
    }
    const unique = [...new Set(input.NodeIds)];
    const NodeIds = unique.filter(
      (id) =>
        !downstreamOf(
          index,
          unique.filter((o) => o !== id),
        ).has(id),
    );
    const reset = new Set(
      [...NodeIds, ...downstreamOf(index, NodeIds)].map((id) => index.byId.get(id)!).map((n) => nodeKey(n.Type!, n.Name!)),
    );
    const restart = NodeIds.map((id) => index.byId.get(id)!).map((n) => lastStart.get(nodeKey(n.Type!, n.Name!))!);
    const run = await createRun(ctx.services, {
      workflowName: input.Name,
      startTriggers: [],
      startedBy: 'api',
      runProperties: original.properties,
      previousRunId: input.RunId,
      snapshot: original.snapshot,
      seed: (trx, runId) => copyRun(trx, input.RunId, runId, reset, restart),
    });
    return { RunId: run.WorkflowRunId, NodeIds };
  }),
];
