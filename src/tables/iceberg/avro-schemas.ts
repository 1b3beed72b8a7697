// The Avro schemas of manifests and manifest lists, with the field ids of the Iceberg v2 spec
// ("Manifests", "Manifest Lists"). Readers such as Spark and ClickHouse find fields by these ids.
import { avroType } from './schema.js';
import type { PartitionSpec, Schema } from './types.js';
import { transformResultType } from './transforms.js';

const opt = (name: string, id: number, type: unknown, doc?: string) => ({
  name,
  type: ['null', type],
  default: null,
  'field-id': id,
  ...(doc ? { doc } : {}),
});
const req = (name: string, id: number, type: unknown) => ({ name, type, 'field-id': id });
/** Iceberg's Avro form of a map with non-string keys: an array of key/value records. */
const intMap = (keyId: number, valueId: number, value: unknown) => ({
  type: 'array',
  logicalType: 'map',
  items: { type: 'record', name: `k${keyId}_v${valueId}`, fields: [req('key', keyId, 'int'), req('value', valueId, value)] },
});

export function partitionRecord(spec: PartitionSpec, schema: Schema): unknown {
  return {
    type: 'record',
    name: 'r102',
    fields: spec.fields.map((f) => {
      const source = schema.fields.find((s) => s.id === f['source-id']);
      if (!source) throw new TypeError(`partition field ${f.name} has no source column ${f['source-id']}`);
      return opt(f.name, f['field-id'], avroType(transformResultType(f.transform, source.type), f.name));
    }),
  };
}

export function manifestEntrySchema(spec: PartitionSpec, schema: Schema): unknown {
  return {
    type: 'record',
    name: 'manifest_entry',
    fields: [
      req('status', 0, 'int'),
      opt('snapshot_id', 1, 'long'),
      opt('sequence_number', 3, 'long'),
      opt('file_sequence_number', 4, 'long'),
      req('data_file', 2, {
        type: 'record',
        name: 'r2',
        fields: [
          req('content', 134, 'int'),
          req('file_path', 100, 'string'),
          req('file_format', 101, 'string'),
          req('partition', 102, partitionRecord(spec, schema)),
          req('record_count', 103, 'long'),
          req('file_size_in_bytes', 104, 'long'),
          opt('column_sizes', 108, intMap(117, 118, 'long')),
          opt('value_counts', 109, intMap(119, 120, 'long')),
          opt('null_value_counts', 110, intMap(121, 122, 'long')),
          opt('nan_value_counts', 137, intMap(138, 139, 'long')),
          opt('lower_bounds', 125, intMap(126, 127, 'bytes')),
          opt('upper_bounds', 128, intMap(129, 130, 'bytes')),
          opt('key_metadata', 131, 'bytes'),
          opt('split_offsets', 132, { type: 'array', items: 'long', 'element-id': 133 }),
          opt('equality_ids', 135, { type: 'array', items: 'int', 'element-id': 136 }),
          opt('sort_order_id', 140, 'int'),
        ],
      }),
    ],
  };
}

export const manifestFileSchema = {
  type: 'record',
  name: 'manifest_file',
  fields: [
    req('manifest_path', 500, 'string'),
    req('manifest_length', 501, 'long'),
    req('partition_spec_id', 502, 'int'),
    req('content', 517, 'int'),
    req('sequence_number', 515, 'long'),
    req('min_sequence_number', 516, 'long'),
    req('added_snapshot_id', 503, 'long'),
    req('added_files_count', 504, 'int'),
    req('existing_files_count', 505, 'int'),
    req('deleted_files_count', 506, 'int'),
    req('added_rows_count', 512, 'long'),
    req('existing_rows_count', 513, 'long'),
    req('deleted_rows_count', 514, 'long'),
    opt('partitions', 507, {
      type: 'array',
      'element-id': 508,
      items: {
        type: 'record',
        name: 'r508',
        fields: [
          req('contains_null', 509, 'boolean'),
          opt('contains_nan', 518, 'boolean'),
          opt('lower_bound', 510, 'bytes'),
          opt('upper_bound', 511, 'bytes'),
        ],
      },
    }),
    opt('key_metadata', 519, 'bytes'),
  ],
};
