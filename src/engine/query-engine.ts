// The QueryEngine seam: the only way the rest of Sluice reaches DuckDB (see src/engine/README.md).
export type FileFormat = 'csv' | 'tsv' | 'json' | 'parquet';

export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. BIGINT, VARCHAR, STRUCT(a INTEGER). */
  type: string;
}

export interface QueryResult {
  columns: ColumnInfo[];
  /** Rows as plain JSON values (bigints as numbers when safe, dates/timestamps as ISO strings). */
  rows: Record<string, unknown>[];
}

export interface FileSource {
  format: FileFormat;
  /** Local paths, file:// or s3:// URLs; S3 objects are staged locally through the ObjectStore. */
  paths: string[];
  /** Hive partition columns to add from key=value folders. */
  hivePartitioning?: boolean;
  /** Extra reader options (delimiter, header, columns …), passed to DuckDB's reader. */
  options?: Record<string, unknown>;
}

export interface ParquetTarget {
  /** Local path or s3:// URL of the output folder. */
  location: string;
  partitionBy?: string[];
  compression?: 'snappy' | 'zstd';
  /** 'overwrite' replaces what was in location; 'append' adds files beside it. */
  mode?: 'overwrite' | 'append';
}

export interface WriteResult {
  rows: number;
  files: { path: string; size: number }[];
}

export interface QueryEngine {
  /** Creates (or replaces) a view named `name` over the files. */
  registerFiles(name: string, source: FileSource): Promise<void>;
  /** Runs SQL; errors are SluiceErrors (InvalidInputException for user mistakes). */
  query(sql: string): Promise<QueryResult>;
  /** Writes the result of sql as Parquet, atomically: nothing is visible until the whole write succeeded. */
  writeParquet(sql: string, target: ParquetTarget): Promise<WriteResult>;
  close(): Promise<void>;
}
