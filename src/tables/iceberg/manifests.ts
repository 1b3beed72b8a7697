// Manifests and manifest lists: written as Avro container files with the spec's schemas and header
// metadata, read back with whatever schema their writer used (other engines add fields).
import type { ObjectStore } from '../../storage/object-store.js';
import { decodeContainer, encodeContainer } from './avro-io.js';
import { manifestEntrySchema, manifestFileSchema } from './avro-schemas.js';
import { stringifyLossless, toBig } from './lossless-json.js';
import { fixedTwosComplement } from './single-value.js';
import { transformResultType } from './transforms.js';
import {
  type PrimitiveType,
  ADDED,
  DELETED,
  EXISTING,
  type ManifestEntry,
  type ManifestFile,
  type PartitionSpec,
  type Schema,
  type Snapshot,
} from './types.js';

export interface ManifestTarget {
  store: ObjectStore;
  key: string;
  /** The URI written into the manifest list. */
  uri: string;
}

export async function writeManifest(
  target: ManifestTarget,
  entries: ManifestEntry[],
  meta: { schema: Schema; spec: PartitionSpec; snapshotId: bigint; sequenceNumber: bigint },
): Promise<ManifestFile> {
  const body = await encodeContainer(manifestEntrySchema(meta.spec, meta.schema), entries, {
    schema: stringifyLossless(meta.schema),
    'schema-id': String(meta.schema['schema-id']),
    'partition-spec': JSON.stringify(meta.spec.fields),
    'partition-spec-id': String(meta.spec['spec-id']),
    'format-version': '2',
    content: 'data',
  });
  await target.store.write(target.key, body);
  const count = (status: number) => entries.filter((e) => e.status === status);
  const rows = (status: number) => count(status).reduce((n, e) => n + toBig(e.data_file.record_count), 0n);
  // Entries added here inherit the snapshot's sequence number; the others keep their own.
  const seqs = entries.map((e) => (e.sequence_number === null ? meta.sequenceNumber : toBig(e.sequence_number)));
  return {
    manifest_path: target.uri,
    manifest_length: BigInt(body.length),
    partition_spec_id: meta.spec['spec-id'],
    content: 0,
    sequence_number: meta.sequenceNumber,
    min_sequence_number: seqs.reduce((a, b) => (b < a ? b : a), meta.sequenceNumber),
    added_snapshot_id: meta.snapshotId,
    added_files_count: count(ADDED).length,
    existing_files_count: count(EXISTING).length,
    deleted_files_count: count(DELETED).length,
    added_rows_count: rows(ADDED),
    existing_rows_count: rows(EXISTING),
    deleted_rows_count: rows(DELETED),
    partitions: partitionSummaries(entries, meta.spec, meta.schema),
  };
}

export async function writeManifestList(
  target: ManifestTarget,
  manifests: ManifestFile[],
  snapshot: Pick<Snapshot, 'snapshot-id' | 'parent-snapshot-id' | 'sequence-number'>,
): Promise<void> {
  const meta: Record<string, string> = {
    'snapshot-id': String(snapshot['snapshot-id']),
    'sequence-number': String(snapshot['sequence-number']),
    'format-version': '2',
  };
  if (snapshot['parent-snapshot-id'] !== undefined) meta['parent-snapshot-id'] = String(snapshot['parent-snapshot-id']);
  await target.store.write(target.key, await encodeContainer(manifestFileSchema, manifests, meta));
}

export async function readManifestList(store: ObjectStore, key: string): Promise<ManifestFile[]> {
  return (await decodeContainer(await store.readBytes(key))).records as unknown as ManifestFile[];
}

/** A manifest's entries, snapshot ids and sequence numbers inherited from its manifest_file (spec). */
export async function readManifest(store: ObjectStore, key: string, file: ManifestFile): Promise<ManifestEntry[]> {
  const { records } = await decodeContainer(await store.readBytes(key));
  return (records as unknown as ManifestEntry[]).map((e) => ({
    ...e,
    snapshot_id: e.snapshot_id ?? file.added_snapshot_id,
    sequence_number: e.sequence_number ?? (e.status === ADDED ? file.sequence_number : null),
    file_sequence_number: e.file_sequence_number ?? (e.status === ADDED ? file.sequence_number : null),
  }));
}

/** Per partition field: nulls seen and the lowest and highest value, single-value encoded. */
function partitionSummaries(entries: ManifestEntry[], spec: PartitionSpec, schema: Schema): ManifestFile['partitions'] {
  return spec.fields.map((f) => {
    const values = entries.map((e) => e.data_file.partition[f.name]);
    const present = values.filter((v) => v !== null && v !== undefined);
    if (!present.length) return { contains_null: values.length > 0, contains_nan: false, lower_bound: null, upper_bound: null };
    const sorted = [...present].sort(compare);
    const source = schema.fields.find((s) => s.id === f['source-id']);
    const type = source ? transformResultType(f.transform, source.type) : 'string';
    const enc = (v: unknown) => encodeAvroValue(v, type);
    return {
      contains_null: present.length < values.length,
      contains_nan: false,
      lower_bound: enc(sorted[0]),
      upper_bound: enc(sorted[sorted.length - 1]),
    };
  });
}

function compare(a: unknown, b: unknown): number {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return Number(bigOf(a) - bigOf(b) > 0n) - Number(bigOf(a) - bigOf(b) < 0n);
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}

const bigOf = (b: Buffer) => {
  let u = 0n;
  for (const x of b) u = (u << 8n) | BigInt(x);
  return b[0] & 0x80 ? u - 2n ** BigInt(8 * b.length) : u;
};

/** An Avro partition datum in single-value form (ints 4 bytes, longs 8, decimals minimal bytes). */
function encodeAvroValue(v: unknown, type: PrimitiveType): Buffer {
  if (Buffer.isBuffer(v)) return type.startsWith('decimal') ? minimal(v) : v;
  if (type === 'float' || type === 'double') {
    const b = Buffer.alloc(type === 'float' ? 4 : 8);
    if (type === 'float') b.writeFloatLE(Number(v));
    else b.writeDoubleLE(Number(v));
    return b;
  }
  if (typeof v === 'bigint') {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(v);
    return b;
  }
  if (typeof v === 'number') {
    const b = Buffer.alloc(Number.isInteger(v) ? 4 : 8);
    if (Number.isInteger(v)) b.writeInt32LE(v);
    else b.writeDoubleLE(v);
    return b;
  }
  if (typeof v === 'boolean') return Buffer.from([v ? 1 : 0]);
  return Buffer.from(String(v), 'utf8');
}

function minimal(fixed: Buffer): Buffer {
  const v = bigOf(fixed);
  let n = 1;
  while (v < -(2n ** BigInt(8 * n - 1)) || v >= 2n ** BigInt(8 * n - 1)) n++;
  return fixedTwosComplement(v, n);
}
