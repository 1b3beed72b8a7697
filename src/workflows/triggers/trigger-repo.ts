// Triggers in the store: the Glue document plus the columns the scheduler and the watcher filter on.
// State changes are compare-and-set on the state they leave, so StartTrigger and StopTrigger racing
// (or racing UpdateTrigger) cannot both win.
import type { Kysely } from 'kysely';
import { notFound } from '../../kernel/errors.js';
import type { Trigger, TriggerState } from '../../kernel/glue-types.js';
import type { DB, TriggerRow } from '../../store/schema.js';

export const triggerFromRow = (row: Pick<TriggerRow, 'doc' | 'state'>): Trigger => ({
  ...(JSON.parse(row.doc) as Trigger),
  State: row.state as TriggerState,
});

export async function findTriggerRow(db: Kysely<DB>, name: string): Promise<TriggerRow | undefined> {
  return db.selectFrom('triggers').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function requireTriggerRow(db: Kysely<DB>, name: string): Promise<TriggerRow> {
  const row = await findTriggerRow(db, name);
  if (!row) throw notFound(`Trigger with name ${name} not found`);
  return row;
}

export async function listTriggerRows(
  db: Kysely<DB>,
  filter: { workflow?: string | null; types?: string[]; states?: string[] } = {},
): Promise<TriggerRow[]> {
  let q = db.selectFrom('triggers').selectAll();
  if (filter.workflow === null) q = q.where('workflow_name', 'is', null);
  else if (filter.workflow !== undefined) q = q.where('workflow_name', '=', filter.workflow);
  if (filter.types) q = q.where('type', 'in', filter.types);
  if (filter.states) q = q.where('state', 'in', filter.states);
  return q.orderBy('name').execute();
}

export async function insertTrigger(db: Kysely<DB>, t: Trigger, activatedOn: number | null): Promise<void> {
  const now = Date.now();
  await db
    .insertInto('triggers')
    .values({
      name: t.Name!,
      workflow_name: t.WorkflowName ?? null,
      type: t.Type!,
      state: t.State!,
      doc: JSON.stringify(t),
      watch: null,
      activated_on: activatedOn,
      created_on: now,
      updated_on: now,
    })
    .execute();
}

/** Writes the trigger if it is still in state `from`; false when it changed meanwhile. */
export async function writeTrigger(
  db: Kysely<DB>,
  t: Trigger,
  from: string,
  extra: { activated_on?: number | null } = {},
): Promise<boolean> {
  const r = await db
    .updateTable('triggers')
    .set({
      doc: JSON.stringify(t),
      state: t.State!,
      type: t.Type!,
      workflow_name: t.WorkflowName ?? null,
      updated_on: Date.now(),
      ...extra,
    })
    .where('name', '=', t.Name!)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Removes the trigger and what the scheduler and the watcher kept for it. */
export async function deleteTriggerRows(db: Kysely<DB>, name: string): Promise<void> {
  await db.deleteFrom('triggers').where('name', '=', name).execute();
  await db.deleteFrom('trigger_watch_files').where('trigger_name', '=', name).execute();
  await db.deleteFrom('trigger_events').where('trigger_name', '=', name).where('run_id', 'is', null).execute();
}
