// Writing snapshots: append, overwrite (the whole table, or the partitions the new data touches:
// Spark's dynamic partition overwrite), and schema changes. Data files are written once through a
// staged write (nothing lands before the whole write succeeded); manifests, the manifest list and
// the metadata are single atomic objects, and only the catalog's compare-and-swap makes them current.
import { randomUUID } from 'node:crypto';
import { invalidInput } from '../../kernel/errors.js';
import type { DataFileInfo, QueryEngine } from '../../engine/query-engine.js';
import type { Storage } from '../../storage/storage.js';
import { commitTable, conflict, type MetadataPointer } from './commit.js';
import { liveFiles, readMetadata, tableFiles, type LiveFile } from './files.js';
import { readManifestList, writeManifest, writeManifestList } from './manifests.js';
import { newSnapshotId, schemaOf, selectSnapshot, specOf, withSnapshot } from './metadata.js';
import { duckdbType } from './schema.js';
import { bounds } from './single-value.js';
import { avroValue, humanValue, statText, transformResultType, transformSql } from './transforms.js';
import {
  ADDED,
  DELETED,
  EXISTING,
  type DataFile,
  type ManifestEntry,
  type ManifestFile,
  type PartitionSpec,
  type Schema,
  type Snapshot,
  type TableMetadata,
} from './types.js';

export type WriteMode = 'append' | 'overwrite' | 'overwrite-partitions';

/** What a snapshot adds, and (for deletes) which of the base's files it removes by path. */
export interface SnapshotPlan {
  dataFiles: DataFile[];
  removes?: Set<string>;
}

export interface PlanContext {
  first: TableMetadata;
  schema: Schema;
  spec: PartitionSpec;
  files: ReturnType<typeof tableFiles>;
}

export interface WriteOutcome {
  snapshotId: bigint;
  metadataLocation: string;
  rows: number;
  files: number;
  attempts: number;
}

/** Writes the rows sql returns as a new snapshot. Columns the table lacks are InvalidInputException. */
export async function writeSnapshot(
  ctx: { storage: Storage; engine: QueryEngine },
  pointer: MetadataPointer,
  sql: string,
  mode: WriteMode,
): Promise<WriteOutcome> {
  return commitSnapshot(ctx, pointer, mode, async (c) => ({ dataFiles: await writeDataFiles(ctx, c.files, c.schema, c.spec, sql) }));
}

/**
 * Writes the files plan gives and commits them as a snapshot on top of the table's current one.
 * 'delete' removes the files plan.removes names (and adds its rewritten ones).
 */
export async function commitSnapshot(
  ctx: { storage: Storage; engine: QueryEngine },
  pointer: MetadataPointer,
  mode: WriteMode | 'delete',
  plan: (c: PlanContext) => Promise<SnapshotPlan>,
): Promise<WriteOutcome> {
  const firstLocation = await pointer.load();
  const first = await readMetadata(ctx.storage, firstLocation);
  const schema = schemaOf(first);
  const spec = specOf(first);
  const files = tableFiles(ctx.storage, first.location);
  const snapshotId = newSnapshotId();

  const { dataFiles, removes } = await plan({ first, schema, spec, files });
  const manifestKey = files.file(`metadata/${randomUUID()}-m0.avro`);
  const added: ManifestEntry[] = dataFiles.map((d) => ({
    status: ADDED,
    snapshot_id: snapshotId,
    sequence_number: null,
    file_sequence_number: null,
    data_file: d,
  }));
  let addedManifest: ManifestFile | undefined;
  const firstSnapshot = selectSnapshot(first)?.['snapshot-id'];

  const result = await commitTable(ctx.storage, pointer, async ({ base, baseLocation }) => {
    if (base['current-schema-id'] !== schema['schema-id']) throw conflict('The table schema changed while writing; write again');
    if (base['default-spec-id'] !== spec['spec-id']) throw conflict('The partition spec changed while writing; write again');
    const parent = selectSnapshot(base);
    if (mode !== 'append' && parent?.['snapshot-id'] !== firstSnapshot)
      throw conflict(`Another commit changed the table while this ${mode} was written; the overwrite was not applied`);
    const sequenceNumber = base['last-sequence-number'] + 1n;
    if (added.length) {
      addedManifest ??= await writeManifest(manifestKey, added, { schema, spec, snapshotId, sequenceNumber });
      addedManifest = { ...addedManifest, sequence_number: sequenceNumber, min_sequence_number: sequenceNumber };
    }
    const written: string[] = [];
    let manifests: ManifestFile[] = [];
    let removed: LiveFile[] = [];
    if (mode === 'append') {
      manifests = parent ? await manifestsOf(ctx.storage, parent) : [];
    } else {
      const live = await liveFiles(ctx.storage, parent);
      const touched = new Set(dataFiles.map((d) => partitionKey(d)));
      const drop = (f: LiveFile) =>
        mode === 'overwrite' ||
        (mode === 'delete' && !!removes?.has(f.entry.data_file.file_path)) ||
        (mode === 'overwrite-partitions' &&
          f.manifest.partition_spec_id === spec['spec-id'] &&
          touched.has(partitionKey(f.entry.data_file)));
      removed = live.filter(drop);
      const kept = live.filter((f) => !drop(f));
      if (live.length) {
        const entries: ManifestEntry[] = [
          ...kept.map((f) => ({ ...f.entry, status: EXISTING })),
          ...removed.map((f) => ({ ...f.entry, status: DELETED, snapshot_id: snapshotId })),
        ];
        const key = files.file(`metadata/${randomUUID()}-m1.avro`);
        manifests.push(await writeManifest(key, entries, { schema, spec, snapshotId, sequenceNumber }));
        written.push(key.uri);
      }
    }
    if (addedManifest) manifests = [addedManifest, ...manifests];
    const list = files.file(`metadata/snap-${snapshotId}-${randomUUID()}.avro`);
    const snapshot: Snapshot = {
      'snapshot-id': snapshotId,
      ...(parent ? { 'parent-snapshot-id': parent['snapshot-id'] } : {}),
      'sequence-number': sequenceNumber,
      'timestamp-ms': Math.max(Date.now(), base['last-updated-ms'] + 1),
      'manifest-list': list.uri,
      summary: summary(mode, dataFiles, removed, parent),
      'schema-id': schema['schema-id'],
    };
    await writeManifestList(list, manifests, snapshot);
    written.push(list.uri);
    return { metadata: withSnapshot(base, baseLocation, snapshot), written };
  });
  return {
    snapshotId,
    metadataLocation: result.location,
    rows: dataFiles.reduce((n, d) => n + Number(d.record_count), 0),
    files: dataFiles.length,
    attempts: result.attempts,
  };
}

async function manifestsOf(storage: Storage, snapshot: Snapshot): Promise<ManifestFile[]> {
  const r = storage.resolve(snapshot['manifest-list']);
  return readManifestList(r.store, r.key);
}

const partitionKey = (d: DataFile) =>
  JSON.stringify(Object.values(d.partition), (_k, v: unknown) =>
    typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v,
  );

function summary(mode: WriteMode | 'delete', added: DataFile[], removed: LiveFile[], parent: Snapshot | undefined): Snapshot['summary'] {
  const rows = (fs: DataFile[]) => fs.reduce((n, d) => n + BigInt(d.record_count), 0n);
  const before = { records: BigInt(parent?.summary['total-records'] ?? 0), files: BigInt(parent?.summary['total-data-files'] ?? 0) };
  const removedFiles = removed.map((f) => f.entry.data_file);
  return {
    operation: mode === 'append' ? 'append' : mode === 'delete' && !added.length ? 'delete' : 'overwrite',
    ...(mode === 'overwrite-partitions' ? { 'replace-partitions': 'true' } : {}),
    'added-data-files': String(added.length),
    'added-records': String(rows(added)),
    'added-files-size': String(added.reduce((n, d) => n + BigInt(d.file_size_in_bytes), 0n)),
    'deleted-data-files': String(removedFiles.length),
    'deleted-records': String(rows(removedFiles)),
    'total-records': String(before.records + rows(added) - rows(removedFiles)),
    'total-data-files': String(before.files + BigInt(added.length) - BigInt(removedFiles.length)),
    'total-delete-files': '0',
    'total-position-deletes': '0',
    'total-equality-deletes': '0',
  };
}

/** The data files for sql's rows, in one staged write under the table's data/ folder. */
export async function writeDataFiles(
  ctx: { storage: Storage; engine: QueryEngine },
  files: ReturnType<typeof tableFiles>,
  schema: Schema,
  spec: PartitionSpec,
  sql: string,
): Promise<DataFile[]> {
  const sources = spec.fields.map((f) => {
    const s = schema.fields.find((x) => x.id === f['source-id']);
    if (!s) throw invalidInput(`Partition field ${f.name} refers to column id ${f['source-id']}, which the schema lacks`);
    return s;
  });
  const stage = await files.store.stage(files.key ? `${files.key}/data` : 'data');
  try {
    const infos = await ctx.engine.writeDataFiles(sql, {
      into: await stage.localDir(),
      columns: schema.fields.map((f) => ({
        name: f.name,
        type: duckdbType(f.type),
        fieldId: f.id,
        statText: f.type === 'binary' ? undefined : (e: string) => statText(f.type, e),
      })),
      partitionBy: spec.fields.map((f, i) => transformSql(f.transform, sources[i].type, sources[i].name)),
      fileName: (values) => {
        const folders = spec.fields.map(
          (f, i) => `${encodeURIComponent(f.name)}=${encodeURIComponent(humanValue(f.transform, sources[i].type, values[i]))}`,
        );
        return [...folders, `${randomUUID()}.parquet`].join('/');
      },
    });
    await stage.commit();
    return infos.map((info) => dataFile(info, files.file(`data/${info.path}`).uri, schema, spec, sources));
  } catch (e) {
    await stage.abort();
    throw e;
  }
}

function dataFile(info: DataFileInfo, uri: string, schema: Schema, spec: PartitionSpec, sources: Schema['fields']): DataFile {
  const lower: { key: number; value: Buffer }[] = [];
  const upper: { key: number; value: Buffer }[] = [];
  for (const f of schema.fields) {
    const s = info.stats[f.name];
    if (s?.min === undefined || s.max === undefined) continue;
    const b = bounds(f.type, s.min, s.max);
    if (b.lower) lower.push({ key: f.id, value: b.lower });
    if (b.upper) upper.push({ key: f.id, value: b.upper });
  }
  return {
    content: 0,
    file_path: uri,
    file_format: 'PARQUET',
    partition: Object.fromEntries(
      spec.fields.map((f, i) => [f.name, avroValue(transformResultType(f.transform, sources[i].type), info.partition[i])]),
    ),
    record_count: BigInt(info.rows),
    file_size_in_bytes: BigInt(info.size),
    column_sizes: null,
    value_counts: schema.fields.map((f) => ({ key: f.id, value: BigInt(info.stats[f.name]?.values ?? info.rows) })),
    null_value_counts: schema.fields.map((f) => ({ key: f.id, value: BigInt(info.stats[f.name]?.nulls ?? 0) })),
    nan_value_counts: null,
    lower_bounds: lower,
    upper_bounds: upper,
    key_metadata: null,
    split_offsets: null,
    equality_ids: null,
    sort_order_id: null,
  };
}
