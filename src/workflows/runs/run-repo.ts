// Workflow runs are runs of the run ledger (runs/ledger.ts) (kind 'workflow', name = workflow, state = the
// WorkflowRunStatus, doc = the Glue WorkflowRun without its live parts); trigger chains outside
// workflows are kind 'trigger-chain'. What the executor needs besides (the trigger snapshot, the run
// properties, the lease) is in workflow_run_state. Status changes are compare-and-set.
import type { Kysely } from 'kysely';
import { notFound } from '../../kernel/errors.js';
import { WORKFLOW_NOT_FOUND } from '../definitions/workflow-repo.js';
import type { Trigger, WorkflowRun, WorkflowRunStatus } from '../../kernel/glue-types.js';
import type { DB, RunRow, WorkflowRunStateRow } from '../../store/schema.js';
import { TRIGGER_CHAINS, WORKFLOW_RUNS } from '../../runs/kinds.js';
import * as ledger from '../../runs/ledger.js';

export const WORKFLOW_KIND = WORKFLOW_RUNS.kind;
export const CHAIN_KIND = TRIGGER_CHAINS.kind;
const BOTH = [WORKFLOW_RUNS, TRIGGER_CHAINS];
export const ACTIVE_STATUSES: WorkflowRunStatus[] = [...WORKFLOW_RUNS.active];
export const isActiveStatus = (s: string) => ACTIVE_STATUSES.includes(s as WorkflowRunStatus);

export interface LoadedRun {
  row: RunRow;
  run: WorkflowRun;
  state: WorkflowRunStateRow;
  snapshot: Trigger[];
  properties: Record<string, string>;
}

export const runFromRow = (row: Pick<RunRow, 'doc'>): WorkflowRun => ledger.docOf<WorkflowRun>(WORKFLOW_RUNS, row);

export async function loadRun(db: Kysely<DB>, runId: string): Promise<LoadedRun | undefined> {
  const row = await ledger.loadRow(db, BOTH, runId);
  const state = row && (await db.selectFrom('workflow_run_state').selectAll().where('run_id', '=', runId).executeTakeFirst());
  if (!row || !state) return undefined;
  return { row, run: runFromRow(row), state, snapshot: JSON.parse(state.snapshot), properties: JSON.parse(state.properties) };
}

/** The run of this workflow, or EntityNotFoundException. */
export async function requireWorkflowRun(db: Kysely<DB>, workflow: string, runId: string): Promise<LoadedRun> {
  const loaded = await loadRun(db, runId);
  if (!loaded || loaded.row.kind !== WORKFLOW_KIND || loaded.row.name !== workflow) throw notFound(WORKFLOW_NOT_FOUND);
  return loaded;
}

/** The workflow's runs, newest first. */
export async function listWorkflowRunRows(db: Kysely<DB>, workflow: string): Promise<RunRow[]> {
  return ledger.listRows(db, WORKFLOW_RUNS, { name: workflow });
}

/** Runs (of both kinds) that are not over yet: what the executor drives. */
export async function activeRunIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await ledger.listRows(db, BOTH, { states: ACTIVE_STATUSES, oldestFirst: true });
  return rows.map((r) => r.id);
}

/** Moves the run to what change() returns if its status is one of from; the new run, or undefined. */
export async function transitionRun(
  db: Kysely<DB>,
  runId: string,
  from: WorkflowRunStatus[],
  change: (run: WorkflowRun) => WorkflowRun,
): Promise<WorkflowRun | undefined> {
  const moved = await ledger.transition<WorkflowRun>(db, BOTH, runId, from, (run) => {
    const next = change(run);
    return { state: next.Status!, doc: next };
  });
  return moved?.doc;
}

export async function saveProperties(db: Kysely<DB>, runId: string, properties: Record<string, string>): Promise<void> {
  await db
    .updateTable('workflow_run_state')
    .set({ properties: JSON.stringify(properties), updated_on: Date.now() })
    .where('run_id', '=', runId)
    .execute();
}

/** Deletes a workflow's runs and everything kept for them. */
export async function deleteRunsOf(db: Kysely<DB>, workflow: string): Promise<void> {
  const ids = await ledger.deleteRunsOf(db, WORKFLOW_RUNS, workflow);
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    await db.deleteFrom('workflow_run_actions').where('run_id', 'in', chunk).execute();
    await db.deleteFrom('workflow_run_firings').where('run_id', 'in', chunk).execute();
    await db.deleteFrom('workflow_run_state').where('run_id', 'in', chunk).execute();
  }
}
