// CreateTrigger, GetTrigger, GetTriggers, BatchGetTriggers, ListTriggers, UpdateTrigger, DeleteTrigger.
// ON_DEMAND triggers stay CREATED; StartOnCreation activates the others at once (and is refused for
// ON_DEMAND, as Glue refuses it). Deleting a trigger that does not exist is not an error, as in Glue.
import { glueOperation, type CallContext } from '../../kernel/registry.js';
import { SluiceError, alreadyExists, invalidInput, notFound } from '../../kernel/errors.js';
import { pageByOffset } from '../../kernel/pagination.js';
import { glueArn } from '../../kernel/arn.js';
import { deleteTags, getTags, putTags } from '../../tags/tags.js';
import type { Trigger } from '../../kernel/glue-types.js';
import { glueCaller, isGlueError } from '../glue-call.js';
import { findWorkflow } from '../definitions/workflow-repo.js';
import { triggerDoc, triggerReferences, type TriggerDefinition } from './trigger-doc.js';
import {
  deleteTriggerRows,
  findTriggerRow,
  insertTrigger,
  listTriggerRows,
  requireTriggerRow,
  triggerFromRow,
  writeTrigger,
} from './trigger-repo.js';

/** EntityNotFoundException naming the first job or crawler the trigger refers to that does not exist. */
export async function checkReferences(ctx: CallContext, t: Trigger): Promise<void> {
  const call = glueCaller(ctx);
  const { jobs, crawlers } = triggerReferences(t);
  const missing = async (op: string, input: object) =>
    call(op, input).then(
      () => false,
      (e) => (isGlueError(e, 'EntityNotFoundException') ? true : Promise.reject(e)),
    );
  for (const j of jobs)
    if (await missing('GetJob', { JobName: j })) throw notFound(`Job with name ${j} not found (trigger ${t.Name} refers to it).`);
  for (const c of crawlers)
    if (await missing('GetCrawler', { Name: c })) throw notFound(`Crawler with name ${c} not found (trigger ${t.Name} refers to it).`);
  if (t.WorkflowName && !(await findWorkflow(ctx.services.store.db, t.WorkflowName)))
    throw notFound(`Workflow with name ${t.WorkflowName} not found`);
}

async function triggersFor(ctx: CallContext, dependentJob: string | undefined): Promise<Trigger[]> {
  const all = (await listTriggerRows(ctx.services.store.db)).map(triggerFromRow);
  if (!dependentJob) return all;
  return all.filter((t) => (t.Actions ?? []).some((a) => a.JobName === dependentJob));
}

export const triggerOperations = [
  glueOperation(
    'CreateTrigger',
    async (input, ctx) => {
      const { db } = ctx.services.store;
      const { Tags, StartOnCreation, ...definition } = input;
      if (StartOnCreation && input.Type === 'ON_DEMAND') throw invalidInput('StartOnCreation is not supported for ON_DEMAND triggers.');
      const doc = triggerDoc(definition as TriggerDefinition);
      if (await findTriggerRow(db, input.Name)) throw alreadyExists(`Trigger with name ${input.Name} already exists`);
      await checkReferences(ctx, doc);
      const active = !!StartOnCreation;
      const trigger: Trigger = { ...doc, State: active ? 'ACTIVATED' : 'CREATED' };
      try {
        await insertTrigger(db, trigger, active ? Date.now() : null);
      } catch (e) {
        if (await findTriggerRow(db, input.Name)) throw alreadyExists(`Trigger with name ${input.Name} already exists`);
        throw e;
      }
      await putTags(db, glueArn(ctx, 'trigger', input.Name), Tags);
      return { Name: input.Name };
    },
    {
      partial:
        "EVENT triggers watch folders (local or S3; see PutTriggerEventSource) instead of EventBridge; an action's SecurityConfiguration and " +
        'NotificationProperty are accepted and ignored; job runs a trigger starts do not carry TriggerName and PredecessorRuns yet',
    },
  ),

  glueOperation('GetTrigger', async (input, ctx) => ({
    Trigger: triggerFromRow(await requireTriggerRow(ctx.services.store.db, input.Name)),
  })),

  glueOperation('GetTriggers', async (input, ctx) => {
    let triggers = await triggersFor(ctx, input.DependentJobName);
    // Glue: "If there is no such trigger, all triggers are returned."
    if (input.DependentJobName && !triggers.length) triggers = await triggersFor(ctx, undefined);
    const page = pageByOffset(triggers, input.NextToken, input.MaxResults);
    return { Triggers: page.items, NextToken: page.nextToken };
  }),

  glueOperation('BatchGetTriggers', async (input, ctx) => {
    const Triggers: Trigger[] = [];
    const TriggersNotFound: string[] = [];
    for (const name of input.TriggerNames) {
      const row = await findTriggerRow(ctx.services.store.db, name);
      if (row) Triggers.push(triggerFromRow(row));
      else TriggersNotFound.push(name);
    }
    return { Triggers, TriggersNotFound };
  }),

  glueOperation('ListTriggers', async (input, ctx) => {
    let names = (await triggersFor(ctx, input.DependentJobName)).map((t) => t.Name!);
    const wanted = Object.entries(input.Tags ?? {});
    if (wanted.length) {
      const tagged: string[] = [];
      for (const n of names) {
        const tags = await getTags(ctx.services.store.db, glueArn(ctx, 'trigger', n));
        if (wanted.every(([k, v]) => tags[k] === v)) tagged.push(n);
      }
      names = tagged;
    }
    const page = pageByOffset(names, input.NextToken, input.MaxResults);
    return { TriggerNames: page.items, NextToken: page.nextToken };
  }),

  glueOperation('UpdateTrigger', async (input, ctx) => {
    const { db } = ctx.services.store;
    const row = await requireTriggerRow(db, input.Name);
    const current = triggerFromRow(row);
    const u = input.TriggerUpdate;
    if (u.Name && u.Name !== input.Name)
      throw invalidInput("A trigger cannot be renamed: TriggerUpdate.Name must be the trigger's own name.");
    const doc = triggerDoc(
      {
        Name: input.Name,
        WorkflowName: current.WorkflowName,
        Type: current.Type!,
        Description: u.Description ?? current.Description,
        Schedule: u.Schedule ?? current.Schedule,
        Actions: u.Actions ?? current.Actions ?? [],
        Predicate: u.Predicate ?? current.Predicate,
        EventBatchingCondition: u.EventBatchingCondition ?? current.EventBatchingCondition,
      },
      current.Id,
    );
    await checkReferences(ctx, doc);
    const updated: Trigger = { ...doc, State: current.State };
    // A new schedule starts counting slots from now; an activated trigger keeps its state.
    const restart = doc.Schedule !== current.Schedule && current.State === 'ACTIVATED';
    if (!(await writeTrigger(db, updated, row.state, restart ? { activated_on: Date.now() } : {}))) {
      throw new SluiceError('ConcurrentModificationException', `Trigger ${input.Name} changed while it was being updated; try again.`);
    }
    return { Trigger: updated };
  }),

  glueOperation('DeleteTrigger', async (input, ctx) => {
    await deleteTriggerRows(ctx.services.store.db, input.Name);
    await deleteTags(ctx.services.store.db, glueArn(ctx, 'trigger', input.Name));
    return { Name: input.Name };
  }),
];
