// The Iceberg table format: what layers above use (catalog, jobs, the CLI).
export { commitTable, type MetadataPointer } from './commit.js';
export { readMetadata, snapshotFiles, tableFiles } from './files.js';
export { parseMetadata, schemaOf, selectSnapshot, type SnapshotSelector } from './metadata.js';
export { glueType, icebergType } from './schema.js';
export { createTableMetadata, evolveSchema, snapshotSource, type CreateOptions, type SchemaChange } from './table.js';
export { parseTransform } from './transforms.js';
export type { PartitionSpec, PrimitiveType, Schema, TableMetadata } from './types.js';
export { writeSnapshot, type WriteMode, type WriteOutcome } from './write.js';
export { deleteWhere } from './delete.js';
