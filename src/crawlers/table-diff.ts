// Comparing a table the crawler computed with the one in the catalog. Only structure counts (columns,
// partition keys, location, formats, SerDe, non-statistic parameters): statistics change with every
// new file and never make a new table version on their own.
import type { Column, Partition, PartitionInput, StorageDescriptor, Table, TableInput } from '../kernel/glue-types.js';
import { addNewFields, parseGlueType, renderType } from './glue-type.js';
import { PII_SHARE } from './pii.js';
import { STAT_PARAMETERS } from './table-build.js';

export interface ColumnChange {
  column: string;
  change: 'added' | 'removed' | 'type';
  from?: string;
  to?: string;
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

const withoutStats = (p: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(p ?? {}).filter(([k]) => !STAT_PARAMETERS.includes(k)));

function columnShape(c: Column) {
  const params = Object.fromEntries(Object.entries(c.Parameters ?? {}).filter(([k]) => k !== PII_SHARE));
  return {
    Name: c.Name.toLowerCase(),
    Type: c.Type?.toLowerCase(),
    Comment: c.Comment,
    Parameters: Object.keys(params).length ? params : undefined,
  };
}

function sdShape(sd: StorageDescriptor | undefined, withParameters: boolean) {
  return {
    Columns: (sd?.Columns ?? []).map(columnShape),
    Location: sd?.Location,
    InputFormat: sd?.InputFormat,
    OutputFormat: sd?.OutputFormat,
    Compressed: sd?.Compressed ?? false,
    Serde: sd?.SerdeInfo?.SerializationLibrary,
    SerdeParameters: sd?.SerdeInfo?.Parameters ?? {},
    Parameters: withParameters ? withoutStats(sd?.Parameters) : undefined,
  };
}

/** A canonical string of what a version is made of. */
export function tableStructure(t: Table | TableInput): string {
  return JSON.stringify(
    sorted({
      sd: sdShape(t.StorageDescriptor, true),
      keys: (t.PartitionKeys ?? []).map((k) => ({ Name: k.Name.toLowerCase(), Type: k.Type?.toLowerCase() })),
      parameters: withoutStats(t.Parameters),
      type: t.TableType,
      description: t.Description,
      owner: t.Owner,
    }),
  );
}

export const tableStats = (t: Table | TableInput) => JSON.stringify(sorted(t.Parameters ?? {}));

export function partitionStructure(p: Partition | PartitionInput): string {
  return JSON.stringify(sorted({ sd: sdShape(p.StorageDescriptor, false), parameters: withoutStats(p.Parameters) }));
}

export const partitionStats = (p: Partition | PartitionInput) => JSON.stringify(sorted(p.Parameters ?? {}));

export function columnChanges(before: Column[] | undefined, after: Column[] | undefined): ColumnChange[] {
  const old = new Map((before ?? []).map((c) => [c.Name.toLowerCase(), c.Type ?? '']));
  const now = new Map((after ?? []).map((c) => [c.Name.toLowerCase(), c.Type ?? '']));
  const changes: ColumnChange[] = [];
  for (const [name, type] of now) {
    if (!old.has(name)) changes.push({ column: name, change: 'added', to: type });
    else if (old.get(name)!.toLowerCase() !== type.toLowerCase())
      changes.push({ column: name, change: 'type', from: old.get(name), to: type });
  }
  for (const [name, type] of old) if (!now.has(name)) changes.push({ column: name, change: 'removed', from: type });
  return changes;
}

/** MergeNewColumns: the existing columns with their types, then what is new (nested fields too). */
export function mergeNewColumns(existing: Column[] | undefined, computed: Column[] | undefined): Column[] {
  const out = (existing ?? []).map((c) => ({ ...c }));
  for (const c of computed ?? []) {
    const i = out.findIndex((e) => e.Name.toLowerCase() === c.Name.toLowerCase());
    if (i < 0) out.push({ ...c });
    else out[i] = { ...out[i], Type: renderType(addNewFields(parseGlueType(out[i].Type ?? 'string'), parseGlueType(c.Type ?? 'string'))) };
  }
  return out;
}

/** The attributes whose change MergeNewColumns answers by deprecating the table instead. */
export function fundamentalChange(existing: Table, computed: TableInput): string | undefined {
  const a = { ...existing.StorageDescriptor?.Parameters, ...existing.Parameters };
  const b = { ...computed.StorageDescriptor?.Parameters, ...computed.Parameters };
  for (const key of ['classification', 'compressionType', 'delimiter']) {
    if ((a[key] ?? '') !== (b[key] ?? '')) return `${key} changed from '${a[key] ?? ''}' to '${b[key] ?? ''}'`;
  }
  return undefined;
}
