// Evaluation and recommendation runs in the run ledger (runs/ledger.ts): the row is written before
// the detached worker starts and after it ends, and its state column is the Glue TaskStatusType.
import type { Kysely } from 'kysely';
import { notFound } from '../../kernel/errors.js';
import { pageByOffset } from '../../kernel/pagination.js';
import { reviveDates } from '../../kernel/shape-codec.js';
import type { DataSource, TaskStatusType } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';
import type { Services } from '../../kernel/services.js';
import { QUALITY_EVALUATIONS, QUALITY_RECOMMENDATIONS } from '../../runs/kinds.js';
import * as ledger from '../../runs/ledger.js';
import { reapDeadRuns } from '../../runs/reaper.js';
import { sourceKey } from './history.js';

export type RunKind = 'dq-evaluation' | 'dq-recommendation';
const KINDS = { 'dq-evaluation': QUALITY_EVALUATIONS, 'dq-recommendation': QUALITY_RECOMMENDATIONS } as const;
export const ACTIVE: readonly TaskStatusType[] = QUALITY_EVALUATIONS.active;

/** The run document is the Get…Run response; `shape` is its name in the Glue model (for dates). */
export interface RunDoc {
  RunId?: string;
  Status?: TaskStatusType;
  StartedOn?: Date;
  LastModifiedOn?: Date;
  CompletedOn?: Date;
  ExecutionTime?: number;
  ErrorString?: string;
  DataSource?: DataSource;
  RulesetNames?: string[];
}

/** What a kind's operations name: its Get…Run response shape and how its errors call a run. */
export interface QualityRunKind {
  kind: RunKind;
  shape: string;
  label: string;
}

/**
 * Ends the kind's runs whose worker died without recording an end (the runs' one reaper decides
 * which), so a read never shows a dead run RUNNING for ever.
 */
function reapDead(db: Kysely<DB>, kind: RunKind): Promise<unknown> {
  return reapDeadRuns(db, KINDS[kind], (d, row, end) => {
    const doc = { ...reviveDates<RunDoc>(KINDS[kind].shape, JSON.parse(row.doc)), RunId: row.id };
    return updateRun(d, kind, finished(doc, end.state, end.message ? { ErrorString: end.message } : {}), [row.state as TaskStatusType]);
  });
}

/** The run, or EntityNotFoundException naming it as the kind's operations do. */
export async function requireRun<T extends RunDoc>(
  db: Kysely<DB>,
  k: QualityRunKind,
  id: string,
): Promise<T & { RunId: string; pid: number | null }> {
  await reapDead(db, k.kind);
  const run = await loadRun<T & { RunId: string }>(db, k.kind, id, k.shape);
  if (!run) throw notFound(`${k.label} ${id} not found.`);
  return run;
}

/** Get…Run: the run's document (without the worker's pid). */
export async function getRun<T extends RunDoc>(db: Kysely<DB>, k: QualityRunKind, id: string): Promise<T & { RunId: string }> {
  const { pid: _pid, ...run } = await requireRun<T>(db, k, id);
  return run as T & { RunId: string };
}

interface ListInput {
  Filter?: { DataSource: DataSource; StartedAfter?: Date; StartedBefore?: Date; RulesetName?: string };
  NextToken?: string;
  MaxResults?: number;
}

/** List…Runs: the kind's runs, newest first, filtered as Glue's filter says, one page of them. */
export async function listRunsPage(db: Kysely<DB>, k: QualityRunKind, input: ListInput, accountId: string) {
  await reapDead(db, k.kind);
  const f = input.Filter;
  let runs = await listRuns<RunDoc & { RunId: string }>(db, k.kind, k.shape);
  if (f) {
    const key = sourceKey(f.DataSource, accountId);
    runs = runs.filter(
      (r) =>
        sourceKey(r.DataSource, accountId) === key &&
        (!f.StartedAfter || r.StartedOn! > f.StartedAfter) &&
        (!f.StartedBefore || r.StartedOn! < f.StartedBefore) &&
        (!f.RulesetName || (r.RulesetNames ?? []).includes(f.RulesetName)),
    );
  }
  const page = pageByOffset(runs, input.NextToken, input.MaxResults);
  return {
    Runs: page.items.map((r) => ({ RunId: r.RunId, Status: r.Status, StartedOn: r.StartedOn, DataSource: r.DataSource })),
    NextToken: page.nextToken,
  };
}

async function insertRun(db: Kysely<DB>, kind: RunKind, name: string, doc: RunDoc & { RunId: string; StartedOn: Date }): Promise<void> {
  await ledger.insertRun(db, KINDS[kind], { id: doc.RunId, name, state: doc.Status ?? 'STARTING', doc, startedOn: doc.StartedOn });
}

export async function loadRun<T extends RunDoc>(
  db: Kysely<DB>,
  kind: RunKind,
  id: string,
  shape: string,
): Promise<(T & { pid: number | null }) | undefined> {
  const row = await ledger.loadRow(db, KINDS[kind], id);
  if (!row) return undefined;
  return { ...reviveDates<T>(shape, JSON.parse(row.doc)), Status: row.state as TaskStatusType, pid: row.pid };
}

export async function listRuns<T extends RunDoc>(db: Kysely<DB>, kind: RunKind, shape: string): Promise<T[]> {
  const rows = await ledger.listRows(db, KINDS[kind]);
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
  from: readonly TaskStatusType[],
  pid?: number,
): Promise<boolean> {
  const next = { ...doc, LastModifiedOn: new Date() };
  const moved = await ledger.transition(db, KINDS[kind], doc.RunId, from, () => ({ state: next.Status ?? 'RUNNING', doc: next, pid }));
  return moved !== undefined;
}

/** Records a new run, then starts its detached worker and records the worker's pid. */
export async function launchRun(
  services: Services,
  kind: RunKind,
  name: string,
  doc: RunDoc & { RunId: string; StartedOn?: Date },
): Promise<void> {
  await insertRun(services.store.db, kind, name, { ...doc, StartedOn: doc.StartedOn ?? new Date() });
  await recordRunPid(services.store.db, kind, doc.RunId, services.launcher.launch(kind, doc.RunId));
}

/** Records the worker's pid once launched, unless the worker has claimed the run already. */
function recordRunPid(db: Kysely<DB>, kind: RunKind, id: string, pid: number): Promise<void> {
  return ledger.recordPid(db, KINDS[kind], id, pid);
}

/** Marks a run finished with `status`, with its completion time and duration (seconds). */
export function finished<T extends RunDoc & { RunId: string }>(doc: T, status: TaskStatusType, extra: Partial<T> = {}): T {
  const end = new Date();
  const start = doc.StartedOn?.getTime() ?? end.getTime();
  return { ...doc, ...extra, Status: status, CompletedOn: end, ExecutionTime: Math.round((end.getTime() - start) / 1000) };
}
