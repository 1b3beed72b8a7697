// Starting a workflow run or a trigger chain: the one path used by StartWorkflowRun, StartTrigger, the
// scheduler, the event watcher and ResumeWorkflowRun. In ONE transaction the run is written, the
// triggers that start it fire (their actions claimed), and the caller's own bookkeeping (the claimed
// schedule slot, the consumed events) is recorded — so a start is never lost and never doubled.
// MaxConcurrentRuns is counted under a lock on the workflow row: StartWorkflowRun past it throws
// ConcurrentRunsExceededException; a trigger past it leaves a run in ERROR, as Glue does.
import { sql, type Transaction } from 'kysely';
import { SluiceError, notFound } from '../../kernel/errors.js';
import type { StartingEventBatchCondition, Trigger, Workflow, WorkflowRun } from '../../kernel/glue-types.js';
import type { Services } from '../../kernel/services.js';
import type { DB } from '../../store/schema.js';
import { WORKFLOW_NOT_FOUND, workflowFromDoc } from '../definitions/workflow-repo.js';
import { listTriggerRows, triggerFromRow } from '../triggers/trigger-repo.js';
import { recordFiring } from './actions-repo.js';
import { ACTIVE_STATUSES, WORKFLOW_KIND } from './run-repo.js';
import { TRIGGER_CHAINS, WORKFLOW_RUNS } from '../../runs/kinds.js';
import * as ledger from '../../runs/ledger.js';
import { newChainId, newWorkflowRunId } from './run-ids.js';
import { wakeRun } from '../executor/wake.js';

export interface CreateRunRequest {
  /** The workflow to run; without it, a chain of triggers outside workflows. */
  workflowName?: string;
  /** The triggers whose actions start the run. */
  startTriggers: Trigger[];
  /** 'api': too many runs is ConcurrentRunsExceededException; 'trigger': the run is recorded in ERROR. */
  startedBy: 'api' | 'trigger';
  runProperties?: Record<string, string>;
  eventBatch?: { condition: StartingEventBatchCondition; eventIds: string[] };
  /** Whether conditional triggers are evaluated (false for a crawler's own schedule). */
  cascade?: boolean;
  /** More writes in the same transaction (the schedule slot, the events), given the new run id. */
  within?: (trx: Transaction<DB>, runId: string, run: WorkflowRun) => Promise<void>;
  /** Replaces the start-trigger firing (resume copies firings and actions itself). */
  seed?: (trx: Transaction<DB>, runId: string, now: number) => Promise<void>;
  previousRunId?: string;
  /** The triggers the run follows; by default the workflow's (or the chain's) triggers as they are now. */
  snapshot?: Trigger[];
  now?: number;
}

export const concurrencyMessage = (workflow: string) => `Concurrent runs exceeded for workflow: ${workflow}.`;

async function snapshotOf(trx: Transaction<DB>, workflowName: string | undefined): Promise<Trigger[]> {
  const rows = await listTriggerRows(trx, { workflow: workflowName ?? null });
  return rows.map(triggerFromRow);
}

async function lockedWorkflow(trx: Transaction<DB>, name: string): Promise<{ workflow: Workflow; active: number }> {
  // Writing the workflow row first takes the write lock (SQLite) or the row lock (PostgreSQL) before counting.
  const bumped = await trx
    .updateTable('workflows')
    .set({ run_seq: sql`run_seq + 1` })
    .where('name', '=', name)
    .executeTakeFirst();
  if (Number(bumped.numUpdatedRows) === 0) throw notFound(WORKFLOW_NOT_FOUND);
  const row = await trx.selectFrom('workflows').select('doc').where('name', '=', name).executeTakeFirstOrThrow();
  const { n } = await trx
    .selectFrom('runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', WORKFLOW_KIND)
    .where('name', '=', name)
    .where('state', 'in', ACTIVE_STATUSES)
    .executeTakeFirstOrThrow();
  return { workflow: workflowFromDoc(row.doc), active: Number(n) };
}

/** Creates the run; returns it (Status RUNNING, or ERROR when a trigger met the concurrency limit). */
export async function createRun(services: Services, req: CreateRunRequest): Promise<WorkflowRun> {
  const now = req.now ?? Date.now();
  const name = req.workflowName;
  const runId = name ? newWorkflowRunId() : newChainId();
  const run = await services.store.transaction(async (trx) => {
    let properties: Record<string, string> = { ...req.runProperties };
    let run: WorkflowRun = {
      Name: name,
      WorkflowRunId: runId,
      PreviousRunId: req.previousRunId,
      StartedOn: new Date(now),
      Status: 'RUNNING',
    };
    if (name) {
      const { workflow, active } = await lockedWorkflow(trx, name);
      properties = { ...workflow.DefaultRunProperties, ...properties };
      const max = workflow.MaxConcurrentRuns;
      if (max !== undefined && max !== null && active >= max) {
        if (req.startedBy === 'api') throw new SluiceError('ConcurrentRunsExceededException', concurrencyMessage(name));
        run = { ...run, Status: 'ERROR', CompletedOn: new Date(now), ErrorMessage: concurrencyMessage(name) };
      }
    }
    if (req.eventBatch) {
      run.StartingEventBatchCondition = req.eventBatch.condition;
      properties['aws:eventIds'] = JSON.stringify(req.eventBatch.eventIds);
    }
    // The write before the reads takes SQLite's write lock first (a reader cannot upgrade once another wrote).
    await ledger.insertRun(trx, name ? WORKFLOW_RUNS : TRIGGER_CHAINS, {
      id: runId,
      name: name ?? req.startTriggers[0]?.Name ?? '',
      state: run.Status!,
      doc: run,
      startedOn: new Date(now),
    });
    const snapshot = req.snapshot ?? (await snapshotOf(trx, name));
    await trx
      .insertInto('workflow_run_state')
      .values({
        run_id: runId,
        kind: name ? 'workflow' : 'chain',
        workflow_name: name ?? null,
        snapshot: JSON.stringify(snapshot),
        properties: JSON.stringify(properties),
        cascade: req.cascade === false ? 0 : 1,
        lease_owner: null,
        lease_until: 0,
        updated_on: now,
      })
      .execute();
    if (run.Status === 'RUNNING') {
      if (req.seed) await req.seed(trx, runId, now);
      else for (const t of req.startTriggers) await recordFiring(trx, runId, t);
    }
    await req.within?.(trx, runId, run);
    return run;
  });
  if (run.Status === 'RUNNING') await wakeRun(services, runId);
  return run;
}
