// The actions and firings of a run. A trigger fires at most once per run: its firing row and the
// CLAIMED rows of its actions are inserted in one transaction, and the firing's primary key turns a
// second attempt (another process, a restart) into a conflict instead of a second start.
import type { Kysely, Transaction } from 'kysely';
import type { Action, Trigger } from '../../kernel/glue-types.js';
import type { DB, WorkflowRunActionRow } from '../../store/schema.js';

export type ActionState = 'CLAIMED' | 'STARTED' | 'FAILED' | 'ERROR' | 'CANCELLED' | 'COPIED';

export interface ActionRequest {
  Arguments?: Record<string, string>;
  Timeout?: number;
}

export const requestOf = (row: Pick<WorkflowRunActionRow, 'request'>): ActionRequest => JSON.parse(row.request);
export const nodeTypeOf = (a: Action): 'JOB' | 'CRAWLER' => (a.JobName ? 'JOB' : 'CRAWLER');

export async function listActions(db: Kysely<DB>, runId: string): Promise<WorkflowRunActionRow[]> {
  return db.selectFrom('workflow_run_actions').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
}

export async function firedTriggers(db: Kysely<DB>, runId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('workflow_run_firings').select('trigger_name').where('run_id', '=', runId).execute();
  return new Set(rows.map((r) => r.trigger_name));
}

async function nextSeq(trx: Kysely<DB>, runId: string): Promise<number> {
  const { m } = await trx
    .selectFrom('workflow_run_actions')
    .select((eb) => eb.fn.max<number>('seq').as('m'))
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return Number(m ?? 0) + 1;
}

/**
 * Inserts new CLAIMED actions (inside the caller's transaction). claimed_on is the real time even when
 * the caller runs on a test clock: it is compared with the start times of the runs it leads to.
 */
export async function claimActions(trx: Kysely<DB>, runId: string, triggerName: string, actions: Action[]): Promise<void> {
  const now = Date.now();
  let seq = await nextSeq(trx, runId);
  for (const a of actions) {
    await trx
      .insertInto('workflow_run_actions')
      .values({
        run_id: runId,
        seq: seq++,
        trigger_name: triggerName,
        node_type: nodeTypeOf(a),
        target: (a.JobName ?? a.CrawlerName)!,
        request: JSON.stringify({ Arguments: a.Arguments, Timeout: a.Timeout } satisfies ActionRequest),
        state: 'CLAIMED',
        child_id: null,
        error: null,
        claimed_on: now,
        started_on: null,
      })
      .execute();
  }
}

/** Records the trigger's firing and claims its actions (inside the caller's transaction). */
export async function recordFiring(trx: Transaction<DB> | Kysely<DB>, runId: string, trigger: Trigger): Promise<void> {
  await trx
    .insertInto('workflow_run_firings')
    .values({ run_id: runId, trigger_name: trigger.Name!, fired_on: Date.now(), copied: 0 })
    .execute();
  await claimActions(trx, runId, trigger.Name!, trigger.Actions ?? []);
}

/**
 * Fires the trigger in the run unless it has fired there already; true when this call fired it.
 * A concurrent firing by someone else surfaces as a primary-key conflict and counts as "already".
 */
export async function fireOnce(db: Kysely<DB>, runId: string, trigger: Trigger): Promise<boolean> {
  try {
    await db.transaction().execute((trx) => recordFiring(trx, runId, trigger));
    return true;
  } catch (e) {
    const fired = await db
      .selectFrom('workflow_run_firings')
      .select('trigger_name')
      .where('run_id', '=', runId)
      .where('trigger_name', '=', trigger.Name!)
      .executeTakeFirst();
    if (fired) return false;
    throw e;
  }
}

/** Moves an action out of `from` (compare-and-set); false when it had moved already. */
export async function settleAction(
  db: Kysely<DB>,
  row: Pick<WorkflowRunActionRow, 'run_id' | 'seq'>,
  from: ActionState,
  to: { state: ActionState; child_id?: string | null; error?: string | null; started_on?: number | null },
): Promise<boolean> {
  const r = await db
    .updateTable('workflow_run_actions')
    .set(to)
    .where('run_id', '=', row.run_id)
    .where('seq', '=', row.seq)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
