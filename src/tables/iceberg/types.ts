// The Iceberg v2 table metadata, as the spec names its JSON fields
// (https://iceberg.apache.org/spec/#table-metadata-fields). 64-bit ids are bigint (lossless-json.ts).

export type PrimitiveType =
  | 'boolean'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'string'
  | 'binary'
  | `decimal(${number}, ${number})`;

export interface NestedField {
  id: number;
  name: string;
  required: boolean;
  type: PrimitiveType;
  doc?: string;
}

export interface Schema {
  type: 'struct';
  'schema-id': number;
  fields: NestedField[];
  'identifier-field-ids'?: number[];
}

/** identity, year, month, day, hour (bucket[N] and truncate[W] are not written yet). */
export type Transform = 'identity' | 'year' | 'month' | 'day' | 'hour' | 'void';

export interface PartitionField {
  'source-id': number;
  'field-id': number;
  name: string;
  transform: Transform;
}

export interface PartitionSpec {
  'spec-id': number;
  fields: PartitionField[];
}

export interface SortOrder {
  'order-id': number;
  fields: { transform: string; 'source-id': number; direction: 'asc' | 'desc'; 'null-order': 'nulls-first' | 'nulls-last' }[];
}

export interface Snapshot {
  'snapshot-id': bigint;
  'parent-snapshot-id'?: bigint;
  'sequence-number': bigint;
  'timestamp-ms': number;
  'manifest-list': string;
  summary: { operation: 'append' | 'replace' | 'overwrite' | 'delete'; [key: string]: string };
  'schema-id': number;
}

export interface TableMetadata {
  'format-version': 2;
  'table-uuid': string;
  location: string;
  'last-sequence-number': bigint;
  'last-updated-ms': number;
  'last-column-id': number;
  'current-schema-id': number;
  schemas: Schema[];
  'default-spec-id': number;
  'partition-specs': PartitionSpec[];
  'last-partition-id': number;
  'default-sort-order-id': number;
  'sort-orders': SortOrder[];
  properties: Record<string, string>;
  'current-snapshot-id': bigint;
  snapshots: Snapshot[];
  'snapshot-log': { 'snapshot-id': bigint; 'timestamp-ms': number }[];
  'metadata-log': { 'metadata-file': string; 'timestamp-ms': number }[];
  refs: Record<string, { 'snapshot-id': bigint; type: 'branch' | 'tag' }>;
}

/** manifest_entry.status */
export const EXISTING = 0;
export const ADDED = 1;
export const DELETED = 2;

/** A data file as a manifest entry's data_file holds it (content 0: data). */
export interface DataFile {
  content: number;
  file_path: string;
  file_format: 'PARQUET';
  /** Partition values by partition field name, in the Avro form of the field's result type. */
  partition: Record<string, unknown>;
  record_count: bigint;
  file_size_in_bytes: bigint;
  /** Maps keyed by field id, in Iceberg's Avro form: arrays of {key, value}. */
  value_counts: { key: number; value: bigint }[] | null;
  null_value_counts: { key: number; value: bigint }[] | null;
  lower_bounds: { key: number; value: Buffer }[] | null;
  upper_bounds: { key: number; value: Buffer }[] | null;
  [other: string]: unknown;
}

export interface ManifestEntry {
  status: number;
  snapshot_id: bigint | null;
  sequence_number: bigint | null;
  file_sequence_number: bigint | null;
  data_file: DataFile;
}

/** A manifest list's entry (manifest_file). */
export interface ManifestFile {
  manifest_path: string;
  manifest_length: bigint;
  partition_spec_id: number;
  content: number;
  sequence_number: bigint;
  min_sequence_number: bigint;
  added_snapshot_id: bigint;
  added_files_count: number;
  existing_files_count: number;
  deleted_files_count: number;
  added_rows_count: bigint;
  existing_rows_count: bigint;
  deleted_rows_count: bigint;
  partitions: { contains_null: boolean; contains_nan: boolean | null; lower_bound: Buffer | null; upper_bound: Buffer | null }[] | null;
}
