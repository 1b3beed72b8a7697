// Table metadata JSON: a new table's first metadata, the next metadata after a snapshot, parsing
// (ids as bigint) and the snapshot a read asks for (current, by id, or as of a time).
import { randomUUID } from 'node:crypto';
import { invalidInput, notFound } from '../../kernel/errors.js';
import { parseLossless, stringifyLossless, toBig } from './lossless-json.js';
import type { PartitionSpec, Schema, Snapshot, TableMetadata } from './types.js';

export function newMetadata(location: string, schema: Schema, spec: PartitionSpec, properties: Record<string, string> = {}): TableMetadata {
  return {
    'format-version': 2,
    'table-uuid': randomUUID(),
    location,
    'last-sequence-number': 0n,
    'last-updated-ms': Date.now(),
    'last-column-id': Math.max(0, ...schema.fields.map((f) => f.id)),
    'current-schema-id': schema['schema-id'],
    schemas: [schema],
    'default-spec-id': spec['spec-id'],
    'partition-specs': [spec],
    'last-partition-id': Math.max(999, ...spec.fields.map((f) => f['field-id'])),
    'default-sort-order-id': 0,
    'sort-orders': [{ 'order-id': 0, fields: [] }],
    properties: { 'write.format.default': 'parquet', ...properties },
    'current-snapshot-id': -1n,
    snapshots: [],
    'snapshot-log': [],
    'metadata-log': [],
    refs: {},
  };
}

export function parseMetadata(text: string): TableMetadata {
  const m = parseLossless(text) as TableMetadata;
  if (m['format-version'] !== 2) throw invalidInput(`Only Iceberg format version 2 is read, not ${String(m['format-version'])}`);
  m['last-sequence-number'] = toBig(m['last-sequence-number']);
  m['current-snapshot-id'] = toBig(m['current-snapshot-id'] ?? -1);
  m.snapshots = (m.snapshots ?? []).map((s) => ({
    ...s,
    'snapshot-id': toBig(s['snapshot-id']),
    'parent-snapshot-id':
      s['parent-snapshot-id'] === undefined || s['parent-snapshot-id'] === null ? undefined : toBig(s['parent-snapshot-id']),
    'sequence-number': toBig(s['sequence-number'] ?? 0),
  }));
  m['snapshot-log'] = (m['snapshot-log'] ?? []).map((l) => ({ ...l, 'snapshot-id': toBig(l['snapshot-id']) }));
  m['metadata-log'] = m['metadata-log'] ?? [];
  m.refs = Object.fromEntries(Object.entries(m.refs ?? {}).map(([k, r]) => [k, { ...r, 'snapshot-id': toBig(r['snapshot-id']) }]));
  m.properties = m.properties ?? {};
  return m;
}

export const serializeMetadata = (m: TableMetadata) => stringifyLossless(m, 2);

/** metadata/00003-<uuid>.metadata.json after …/00002-….metadata.json (the Java writer's names). */
export function nextMetadataName(previous?: string): string {
  const n = previous ? Number(/(\d+)-[^/]*\.metadata\.json$/.exec(previous)?.[1] ?? -1) + 1 : 0;
  return `metadata/${String(n).padStart(5, '0')}-${randomUUID()}.metadata.json`;
}

/** A positive random 63-bit id, as Iceberg's Java writer picks them. */
export function newSnapshotId(): bigint {
  const b = Buffer.alloc(8);
  crypto.getRandomValues(b);
  return b.readBigUInt64BE() & 0x7fffffffffffffffn;
}

/** The metadata after committing snapshot on top of base, whose file was baseLocation. */
export function withSnapshot(base: TableMetadata, baseLocation: string | undefined, snapshot: Snapshot): TableMetadata {
  const now = snapshot['timestamp-ms'];
  return {
    ...base,
    'last-sequence-number': snapshot['sequence-number'],
    'last-updated-ms': now,
    'current-snapshot-id': snapshot['snapshot-id'],
    snapshots: [...base.snapshots, snapshot],
    'snapshot-log': [...base['snapshot-log'], { 'snapshot-id': snapshot['snapshot-id'], 'timestamp-ms': now }],
    'metadata-log': baseLocation
      ? [...base['metadata-log'], { 'metadata-file': baseLocation, 'timestamp-ms': base['last-updated-ms'] }]
      : base['metadata-log'],
    refs: { ...base.refs, main: { 'snapshot-id': snapshot['snapshot-id'], type: 'branch' } },
  };
}

export interface SnapshotSelector {
  snapshotId?: bigint | string | number;
  /** Milliseconds since the epoch, or an ISO time: the snapshot current at that time. */
  asOf?: number | string;
}

/** The snapshot a read sees; undefined for a table without snapshots. EntityNotFound for an unknown id or a time before the first. */
export function selectSnapshot(m: TableMetadata, sel: SnapshotSelector = {}): Snapshot | undefined {
  if (sel.snapshotId !== undefined) {
    const id = BigInt(sel.snapshotId);
    const s = m.snapshots.find((x) => x['snapshot-id'] === id);
    if (!s) throw notFound(`Snapshot ${id} is not in the table's metadata`);
    return s;
  }
  if (sel.asOf !== undefined) {
    const ms = typeof sel.asOf === 'number' ? sel.asOf : Date.parse(sel.asOf);
    if (Number.isNaN(ms)) throw invalidInput(`Cannot read ${String(sel.asOf)} as a time`);
    // The snapshot log is the history of the main branch; the last entry at or before the time wins.
    const entry = m['snapshot-log'].filter((l) => l['timestamp-ms'] <= ms).at(-1);
    if (!entry) throw notFound(`The table has no snapshot as of ${new Date(ms).toISOString()}`);
    return selectSnapshot(m, { snapshotId: entry['snapshot-id'] });
  }
  const current = m.refs.main?.['snapshot-id'] ?? m['current-snapshot-id'];
  return current === -1n ? undefined : m.snapshots.find((x) => x['snapshot-id'] === current);
}

export function schemaOf(m: TableMetadata, snapshot?: Snapshot): Schema {
  const id = snapshot?.['schema-id'] ?? m['current-schema-id'];
  return m.schemas.find((s) => s['schema-id'] === id) ?? m.schemas.find((s) => s['schema-id'] === m['current-schema-id'])!;
}

export function specOf(m: TableMetadata, id = m['default-spec-id']): PartitionSpec {
  const spec = m['partition-specs'].find((s) => s['spec-id'] === id);
  if (!spec) throw invalidInput(`The table's metadata has no partition spec ${id}`);
  return spec;
}
