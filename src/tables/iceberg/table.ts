// Creating a table, evolving its schema, and reading a snapshot as a view's source.
import { invalidInput } from '../../kernel/errors.js';
import type { FileSource } from '../../engine/query-engine.js';
import type { Storage } from '../../storage/storage.js';
import { commitTable, type MetadataPointer } from './commit.js';
import { snapshotFiles, tableFiles } from './files.js';
import { nextMetadataName, newMetadata, schemaOf, serializeMetadata, type SnapshotSelector } from './metadata.js';
import { duckdbType, fieldNamed, icebergType, schemaFromColumns } from './schema.js';
import { checkTransform, parseTransform } from './transforms.js';
import type { PartitionSpec, PrimitiveType, Schema } from './types.js';

export interface CreateOptions {
  location: string;
  /** The columns, given ids 1…n; or schema, a full Iceberg schema (Glue's CreateIcebergTableInput). */
  columns?: { Name: string; Type?: string }[];
  schema?: Schema;
  /** A full partition spec, instead of partitionBy. */
  spec?: PartitionSpec;
  /** Partition fields: a column with its transform (identity, year, month, day, hour). */
  partitionBy?: { column: string; transform?: string }[];
  properties?: Record<string, string>;
}

/** Writes the first metadata file of a new table and returns its location (for the catalog to record). */
export async function createTableMetadata(storage: Storage, options: CreateOptions): Promise<{ metadataLocation: string; schema: Schema }> {
  const schema = options.schema ?? schemaFromColumns(options.columns ?? []);
  const spec: PartitionSpec = options.spec ?? {
    'spec-id': 0,
    fields: (options.partitionBy ?? []).map((p, i) => {
      const source = fieldNamed(schema, p.column);
      const transform = parseTransform(p.transform ?? 'identity');
      checkTransform(transform, source.type, source.name);
      return {
        'source-id': source.id,
        'field-id': 1000 + i,
        name: transform === 'identity' ? source.name : `${source.name}_${transform}`,
        transform,
      };
    }),
  };
  const files = tableFiles(storage, options.location);
  const metadata = newMetadata(files.uri, schema, spec, options.properties);
  const file = files.file(nextMetadataName());
  await files.store.write(file.key, serializeMetadata(metadata));
  return { metadataLocation: file.uri, schema };
}

export type SchemaChange =
  { add: string; type: string } | { rename: string; to: string } | { drop: string } | { widen: string; to: string };

/** Int → long, float → double and wider decimals of the same scale, as the spec allows. */
function canWiden(from: PrimitiveType, to: PrimitiveType): boolean {
  if (from === 'int' && to === 'long') return true;
  if (from === 'float' && to === 'double') return true;
  const a = /^decimal\((\d+), (\d+)\)$/.exec(from);
  const b = /^decimal\((\d+), (\d+)\)$/.exec(to);
  return !!a && !!b && a[2] === b[2] && Number(b[1]) >= Number(a[1]);
}

/** A new schema (ids kept, so old files still read by id) as a metadata-only commit. */
export async function evolveSchema(storage: Storage, pointer: MetadataPointer, change: SchemaChange): Promise<Schema> {
  let result!: Schema;
  await commitTable(storage, pointer, async ({ base }) => {
    const current = schemaOf(base);
    let fields = [...current.fields];
    let lastColumnId = base['last-column-id'];
    if ('add' in change) {
      if (current.fields.some((f) => f.name.toLowerCase() === change.add.toLowerCase()))
        throw invalidInput(`Column ${change.add} already exists`);
      fields.push({ id: ++lastColumnId, name: change.add, required: false, type: icebergType(change.type) });
    } else if ('rename' in change) {
      const f = fieldNamed(current, change.rename);
      if (current.fields.some((x) => x !== f && x.name.toLowerCase() === change.to.toLowerCase()))
        throw invalidInput(`Column ${change.to} already exists`);
      fields = fields.map((x) => (x === f ? { ...x, name: change.to } : x));
    } else if ('drop' in change) {
      const f = fieldNamed(current, change.drop);
      if (base['partition-specs'].some((s) => s['spec-id'] === base['default-spec-id'] && s.fields.some((p) => p['source-id'] === f.id)))
        throw invalidInput(`Column ${f.name} is a partition source and cannot be dropped`);
      fields = fields.filter((x) => x !== f);
    } else {
      const f = fieldNamed(current, change.widen);
      const to = icebergType(change.to);
      if (!canWiden(f.type, to)) throw invalidInput(`Column ${f.name} cannot change from ${f.type} to ${to}`);
      fields = fields.map((x) => (x === f ? { ...x, type: to } : x));
    }
    const schemaId = Math.max(...base.schemas.map((s) => s['schema-id'])) + 1;
    result = { type: 'struct', 'schema-id': schemaId, fields };
    return {
      metadata: {
        ...base,
        schemas: [...base.schemas, result],
        'current-schema-id': schemaId,
        'last-column-id': lastColumnId,
        'last-updated-ms': Date.now(),
      },
      written: [],
    };
  });
  return result;
}

/** The engine's view of one snapshot: its data files read by field id under the schema's names. */
export async function snapshotSource(
  storage: Storage,
  metadataLocation: string,
  sel: SnapshotSelector = {},
): Promise<FileSource & { snapshotId?: bigint; schema: Schema }> {
  const { metadata, snapshot, files } = await snapshotFiles(storage, metadataLocation, sel);
  // A time-travel read shows the table as it was, with the schema of its snapshot (as Spark does).
  const schema = sel.snapshotId !== undefined || sel.asOf !== undefined ? schemaOf(metadata, snapshot) : schemaOf(metadata);
  return {
    format: 'parquet',
    paths: files.map((f) => f.entry.data_file.file_path),
    columns: schema.fields.map((f) => ({ name: f.name, type: duckdbType(f.type), fieldId: f.id })),
    snapshotId: snapshot?.['snapshot-id'],
    schema,
  };
}

export { tableFiles };
