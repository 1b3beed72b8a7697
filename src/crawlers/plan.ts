// What a crawl will do to the catalog, decided before anything is written (so --dry-run can print
// it and TableThreshold can refuse it). New tables and partitions are always created, whatever the
// policy; an existing table changes per UpdateBehavior (UPDATE_IN_DATABASE replaces it with what
// the crawler computed, LOG leaves it and logs, MergeNewColumns adds columns and deprecates on a
// format change); tables and partitions whose data is gone follow DeleteBehavior. Incremental crawls
// see only new folders, so they never delete or deprecate.
import type { Partition, PartitionInput, Table, TableInput } from '../kernel/glue-types.js';
import { valuesKey } from '../catalog/partition-rows.js';
import type { CrawledTable } from './table-build.js';
import {
  columnChanges,
  fundamentalChange,
  mergeNewColumns,
  partitionStats,
  partitionStructure,
  tableStats,
  tableStructure,
  type ColumnChange,
} from './table-diff.js';

export type TableAction = 'create' | 'update' | 'refresh' | 'unchanged' | 'log' | 'deprecate' | 'delete';

export interface PartitionChanges {
  create: PartitionInput[];
  update: PartitionInput[];
  /** Statistics only: rewritten in place. */
  refresh: PartitionInput[];
  delete: string[][];
  /** Changed or vanished partitions a LOG policy left alone, and partitions that do not fit the keys. */
  logged: number;
}

export interface PlannedTable {
  name: string;
  location: string;
  action: TableAction;
  reason?: string;
  columns: ColumnChange[];
  /** The table as it will be written (create, update, refresh, deprecate). */
  write?: TableInput;
  existing?: Table;
  partitions: PartitionChanges;
  folders: string[];
}

export interface PlanPolicy {
  crawlerName: string;
  update: 'UPDATE_IN_DATABASE' | 'LOG';
  delete: 'LOG' | 'DELETE_FROM_DATABASE' | 'DEPRECATE_IN_DATABASE';
  mergeNewColumns: boolean;
  inheritFromTable: boolean;
  incremental: boolean;
  /** Tables of this crawler under these locations whose data is gone follow DeleteBehavior. */
  roots: string[];
  now: number;
}

export const DEPRECATED = 'DEPRECATED_BY_CRAWLER';

export function asInput(t: Table): TableInput {
  const {
    Name,
    Description,
    Owner,
    LastAccessTime,
    LastAnalyzedTime,
    Retention,
    StorageDescriptor,
    PartitionKeys,
    ViewOriginalText,
    ViewExpandedText,
    TableType,
    Parameters,
    TargetTable,
  } = t;
  return {
    Name,
    Description,
    Owner,
    LastAccessTime,
    LastAnalyzedTime,
    Retention,
    StorageDescriptor,
    PartitionKeys,
    ViewOriginalText,
    ViewExpandedText,
    TableType,
    Parameters,
    TargetTable,
  };
}

const noPartitions = (): PartitionChanges => ({ create: [], update: [], refresh: [], delete: [], logged: 0 });

function deprecated(t: Table, now: number): TableInput {
  const input = asInput(t);
  return { ...input, Parameters: { ...input.Parameters, [DEPRECATED]: String(now) } };
}

function merged(existing: Table, computed: TableInput): TableInput {
  const base = asInput(existing);
  const { [DEPRECATED]: _gone, ...params } = base.Parameters ?? {};
  const stats = computed.Parameters ?? {};
  const crawlerSet = existing.Parameters?.UPDATED_BY_CRAWLER !== undefined;
  return {
    ...base,
    StorageDescriptor: {
      ...base.StorageDescriptor,
      Columns: mergeNewColumns(existing.StorageDescriptor?.Columns, computed.StorageDescriptor?.Columns),
      SerdeInfo: crawlerSet ? computed.StorageDescriptor?.SerdeInfo : base.StorageDescriptor?.SerdeInfo,
      Parameters: { ...base.StorageDescriptor?.Parameters, ...stats },
    },
    Parameters: { ...params, ...stats },
  };
}

/** The table's action and the table it leaves behind. */
function tableAction(
  computed: CrawledTable,
  existing: Table | undefined,
  policy: PlanPolicy,
): Pick<PlannedTable, 'action' | 'reason' | 'write'> & { result: TableInput } {
  const input = computed.input;
  if (!existing) return { action: 'create', write: input, result: input };
  const current = asInput(existing);
  const update = policy.incremental ? 'LOG' : policy.update;
  let target = input;
  if (update === 'UPDATE_IN_DATABASE' && policy.mergeNewColumns) {
    const fundamental = fundamentalChange(existing, input);
    if (fundamental) {
      if (existing.Parameters?.[DEPRECATED]) return { action: 'unchanged', reason: fundamental, result: current };
      return { action: 'deprecate', reason: `MergeNewColumns: ${fundamental}`, write: deprecated(existing, policy.now), result: current };
    }
    target = merged(existing, input);
  }
  if (tableStructure(target) === tableStructure(current)) {
    if (update === 'LOG' || tableStats(target) === tableStats(current)) return { action: 'unchanged', result: current };
    return { action: 'refresh', write: target, result: target };
  }
  if (update === 'LOG')
    return { action: 'log', reason: 'the schema changed; UpdateBehavior LOG leaves the table as it is', result: current };
  return { action: 'update', write: target, result: target };
}

function planPartitions(
  computed: CrawledTable,
  result: TableInput,
  existing: Partition[],
  policy: PlanPolicy,
  updatable: boolean,
): PartitionChanges {
  const changes = noPartitions();
  const keys = result.PartitionKeys?.length ?? 0;
  const known = new Map(existing.map((p) => [valuesKey(p.Values ?? []), p]));
  const seen = new Set<string>();
  for (const p of computed.partitions) {
    if (p.values.length !== keys) {
      changes.logged++;
      continue;
    }
    const sd = policy.inheritFromTable
      ? { ...result.StorageDescriptor, Location: p.input.StorageDescriptor?.Location, Parameters: p.input.Parameters }
      : p.input.StorageDescriptor;
    const input: PartitionInput = { ...p.input, StorageDescriptor: sd };
    const key = valuesKey(p.values);
    seen.add(key);
    const old = known.get(key);
    if (!old) changes.create.push(input);
    else if (partitionStructure(old) !== partitionStructure(input)) {
      if (updatable) changes.update.push(input);
      else changes.logged++;
    } else if (partitionStats(old) !== partitionStats(input)) changes.refresh.push(input);
  }
  for (const [key, p] of known) {
    if (seen.has(key)) continue;
    // Partitions that no longer fit the keys (the table was re-partitioned) cannot stay.
    const misfit = (p.Values?.length ?? 0) !== keys && updatable;
    if (misfit || (!policy.incremental && policy.delete === 'DELETE_FROM_DATABASE')) changes.delete.push(p.Values ?? []);
    else if (!policy.incremental) changes.logged++;
  }
  return changes;
}

export async function planTables(
  computed: CrawledTable[],
  existing: Map<string, Table>,
  partitionsOf: (t: Table) => Promise<Partition[]>,
  policy: PlanPolicy,
): Promise<PlannedTable[]> {
  const planned: PlannedTable[] = [];
  for (const c of computed) {
    const old = existing.get(c.name);
    const decided = tableAction(c, old, policy);
    // Existing partitions are rewritten only when the table may be: UPDATE_IN_DATABASE on a full crawl.
    const updatable = !policy.incremental && policy.update === 'UPDATE_IN_DATABASE';
    const parts =
      decided.action === 'deprecate'
        ? noPartitions()
        : planPartitions(c, decided.result, old ? await partitionsOf(old) : [], policy, updatable);
    planned.push({
      name: c.name,
      location: c.location,
      action: decided.action,
      reason: decided.reason,
      columns: old
        ? columnChanges(old.StorageDescriptor?.Columns, decided.write?.StorageDescriptor?.Columns ?? c.input.StorageDescriptor?.Columns)
        : columnChanges([], c.input.StorageDescriptor?.Columns),
      write: decided.write,
      existing: old,
      partitions: parts,
      folders: c.folders,
    });
  }
  if (!policy.incremental) planned.push(...vanished(computed, existing, policy));
  return planned;
}

const under = (location: string | undefined, roots: string[]) =>
  !!location && roots.some((r) => location === r || location.startsWith(r.endsWith('/') ? r : `${r}/`));

/** This crawler's tables under its include paths that the crawl did not find again. */
function vanished(computed: CrawledTable[], existing: Map<string, Table>, policy: PlanPolicy): PlannedTable[] {
  const found = new Set(computed.map((c) => c.name));
  const out: PlannedTable[] = [];
  for (const t of existing.values()) {
    if (found.has(t.Name) || t.Parameters?.UPDATED_BY_CRAWLER !== policy.crawlerName || !under(t.StorageDescriptor?.Location, policy.roots))
      continue;
    const base = {
      name: t.Name,
      location: t.StorageDescriptor?.Location ?? '',
      columns: [],
      existing: t,
      partitions: noPartitions(),
      folders: [],
    };
    const reason = 'its data is no longer there';
    if (policy.delete === 'DELETE_FROM_DATABASE') out.push({ ...base, action: 'delete', reason });
    else if (policy.delete === 'DEPRECATE_IN_DATABASE' && !t.Parameters?.[DEPRECATED])
      out.push({ ...base, action: 'deprecate', reason, write: deprecated(t, policy.now) });
    else out.push({ ...base, action: policy.delete === 'LOG' ? 'log' : 'unchanged', reason });
  }
  return out;
}
