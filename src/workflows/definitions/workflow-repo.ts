// Workflows in the store: the Glue document (Name, Description, DefaultRunProperties,
// MaxConcurrentRuns, CreatedOn, LastModifiedOn); LastRun and Graph are computed when read.
import type { Kysely } from 'kysely';
import { notFound } from '../../kernel/errors.js';
import { reviveDates } from '../../kernel/shape-codec.js';
import type { Workflow } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';

export const workflowFromDoc = (doc: string): Workflow => reviveDates<Workflow>('Workflow', JSON.parse(doc));

export async function findWorkflow(db: Kysely<DB>, name: string): Promise<Workflow | undefined> {
  const row = await db.selectFrom('workflows').select('doc').where('name', '=', name).executeTakeFirst();
  return row && workflowFromDoc(row.doc);
}

/** Glue's words for a workflow, or a run of it, that does not exist. */
export const WORKFLOW_NOT_FOUND = 'Entity not found';

export async function requireWorkflow(db: Kysely<DB>, name: string): Promise<Workflow> {
  const w = await findWorkflow(db, name);
  if (!w) throw notFound(WORKFLOW_NOT_FOUND);
  return w;
}

export async function listWorkflowNames(db: Kysely<DB>): Promise<string[]> {
  return (await db.selectFrom('workflows').select('name').orderBy('name').execute()).map((r) => r.name);
}

export async function insertWorkflow(db: Kysely<DB>, w: Workflow): Promise<void> {
  const now = w.CreatedOn!.getTime();
  await db
    .insertInto('workflows')
    .values({ name: w.Name!, doc: JSON.stringify(w), run_seq: 0, created_on: now, updated_on: now })
    .execute();
}

export async function updateWorkflowDoc(db: Kysely<DB>, w: Workflow): Promise<void> {
  await db
    .updateTable('workflows')
    .set({ doc: JSON.stringify(w), updated_on: Date.now() })
    .where('name', '=', w.Name!)
    .execute();
}
