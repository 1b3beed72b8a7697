// Evaluation and recommendation runs as rows of the generic `runs` table: the row is written before
// the detached worker starts and after it ends, and its state column is the Glue TaskStatusType.
import type { Kysely } from 'kysely';
import { reviveDates } from '../../kernel/shape-codec.js';
import type { TaskStatusType } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';

export type RunKind = 'dq-evaluation' | 'dq-recommendation';
export const ACTIVE: TaskStatusType[] = ['STARTING', 'RUNNING', 'STOPPING'];

/** The run document is the Get…Run response; `shape` is its name in the Glue model (for dates). */
export interface RunDoc {
  RunId?: string;
  Status?: TaskStatusType;
  StartedOn?: Date;
  LastModifiedOn?: Date;
  CompletedOn?: Date;
  ExecutionTime?: number;
  ErrorString?: string;
}

export async function insertRun(
  db: Kysely<DB>,
  kind: RunKind,
  name: string,
  doc: RunDoc & { RunId: string; StartedOn: Date },
): Promise<void> {
  const at = doc.StartedOn.getTime();
  await db
    .insertInto('runs')
    .values({
      id: doc.RunId,
      kind,
      name,
      state: doc.Status ?? 'STARTING',
      doc: JSON.stringify(doc),
      pid: null,
      started_on: at,
      updated_on: at,
    })
    .execute();
}

export async function loadRun<T extends RunDoc>(
  db: Kysely<DB>,
  kind: RunKind,
  id: string,
  shape: string,
): Promise<(T & { pid: number | null }) | undefined> {
  const row = await db.selectFrom('runs').select(['doc', 'state', 'pid']).where('id', '=', id).where('kind', '=', kind).executeTakeFirst();
  if (!row) return undefined;
  return { ...reviveDates<T>(shape, JSON.parse(row.doc)), Status: row.state as TaskStatusType, pid: row.pid };
}

export async function listRuns<T extends RunDoc>(db: Kysely<DB>, kind: RunKind, shape: string): Promise<T[]> {
  const rows = await db
    .selectFrom('runs')
    .select(['doc', 'state'])
    .where('kind', '=', kind)
    .orderBy('started_on', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...reviveDates<T>(shape, JSON.parse(r.doc)), Status: r.state as TaskStatusType }));
}

/**
 * Writes the run's new document and state, but only while its state is one of `from`: a run that
 * was stopped meanwhile is not overwritten by its worker finishing. Returns whether it was written.
 */
export async function updateRun(
  db: Kysely<DB>,
  kind: RunKind,
  doc: RunDoc & { RunId: string },
  from: TaskStatusType[],
  pid?: number,
): Promise<boolean> {
  const now = new Date();
  const next = { ...doc, LastModifiedOn: now };
  const r = await db
    .updateTable('runs')
    .set({ doc: JSON.stringify(next), state: next.Status ?? 'RUNNING', updated_on: now.getTime(), ...(pid !== undefined ? { pid } : {}) })
    .where('id', '=', doc.RunId)
    .where('kind', '=', kind)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Marks a run finished with `status`, with its completion time and duration (seconds). */
export function finished<T extends RunDoc & { RunId: string }>(doc: T, status: TaskStatusType, extra: Partial<T> = {}): T {
  const end = new Date();
  const start = doc.StartedOn?.getTime() ?? end.getTime();
  return { ...doc, ...extra, Status: status, CompletedOn: end, ExecutionTime: Math.round((end.getTime() - start) / 1000) };
}
