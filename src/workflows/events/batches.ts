// Event batching (API:EventBatchingCondition): an EVENT trigger fires when BatchSize events have
// arrived, or when BatchWindow seconds have passed since the first of them, whichever comes first.
// The events a batch takes are marked with the run's id in the run's own transaction, so each event
// starts exactly one run. The run records which condition fired (StartingEventBatchCondition) and
// the batch's event ids (run property aws:eventIds), as Glue does.
import type { StartingEventBatchCondition } from '../../kernel/glue-types.js';
import type { TriggerRow } from '../../store/schema.js';
import { createRun } from '../runs/create-run.js';
import { listTriggerRows, triggerFromRow } from '../triggers/trigger-repo.js';
import { DEFAULT_BATCHING } from '../triggers/trigger-doc.js';
import type { SchedulerEnv } from '../scheduler/scheduler.js';

export interface FiredBatch {
  trigger: string;
  runId: string;
  status: string;
  events: number;
  condition: StartingEventBatchCondition;
}

async function fireReady(env: SchedulerEnv, row: TriggerRow, now: number): Promise<FiredBatch | undefined> {
  const t = triggerFromRow(row);
  const { BatchSize, BatchWindow = DEFAULT_BATCHING.BatchWindow! } = t.EventBatchingCondition ?? DEFAULT_BATCHING;
  const pending = await env.services.store.db
    .selectFrom('trigger_events')
    .select(['event_id', 'received_on'])
    .where('trigger_name', '=', row.name)
    .where('run_id', 'is', null)
    .orderBy('received_on')
    .orderBy('event_id')
    .limit(BatchSize)
    .execute();
  if (!pending.length) return undefined;
  const full = pending.length >= BatchSize;
  if (!full && now - pending[0].received_on < BatchWindow * 1000) return undefined;
  const ids = pending.map((e) => e.event_id);
  const condition: StartingEventBatchCondition = full ? { BatchSize: ids.length } : { BatchWindow };
  const run = await createRun(env.services, {
    workflowName: t.WorkflowName,
    startTriggers: [t],
    startedBy: 'trigger',
    eventBatch: { condition, eventIds: ids },
    within: async (trx, runId) => {
      const r = await trx
        .updateTable('trigger_events')
        .set({ run_id: runId })
        .where('event_id', 'in', ids)
        .where('run_id', 'is', null)
        .executeTakeFirst();
      // Another watcher took some of these events first: this batch is not the one.
      if (Number(r.numUpdatedRows) !== ids.length) throw new Error('events already taken by another batch');
    },
  });
  env.log('info', 'event batch started a run', {
    trigger: row.name,
    runId: run.WorkflowRunId,
    status: run.Status,
    events: ids.length,
    condition,
  });
  return { trigger: row.name, runId: run.WorkflowRunId!, status: run.Status!, events: ids.length, condition };
}

/** Fires every batch that is ready at `now` (several per trigger when many events are waiting). */
export async function fireBatches(env: SchedulerEnv, now: number): Promise<FiredBatch[]> {
  const out: FiredBatch[] = [];
  for (const row of await listTriggerRows(env.services.store.db, { types: ['EVENT'], states: ['ACTIVATED'] })) {
    try {
      for (let b = await fireReady(env, row, now); b; b = await fireReady(env, row, now)) out.push(b);
    } catch (e) {
      env.log('error', 'event batch could not start a run; tried again on the next poll', {
        trigger: row.name,
        error: (e as Error).message,
      });
    }
  }
  return out;
}
