// The QueryEngine seam: the only way the rest of Sluice reaches DuckDB (see src/engine/README.md).
export type FileFormat = 'csv' | 'tsv' | 'json' | 'parquet' | 'avro' | 'xml';
/**
 * What a reader does with a record it cannot parse (Spark's and Glue's names): FAILFAST fails the
 * statement naming file and line; PERMISSIVE and DROPMALFORMED skip it and record it in the source's
 * rejects tables (CSV), for the caller to quarantine or count. Default FAILFAST.
 */
export type RecordMode = 'PERMISSIVE' | 'DROPMALFORMED' | 'FAILFAST';

export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. BIGINT, VARCHAR, STRUCT(a INTEGER). */
  type: string;
}

export interface QueryResult {
  columns: ColumnInfo[];
  /** Rows as plain JSON values (bigints as numbers when safe, dates/timestamps as ISO strings). */
  rows: Record<string, unknown>[];
  /** True when maxRows cut the result short. */
  truncated?: boolean;
}

/** Files whose partition values come from the catalog rather than from their paths. */
export interface PartitionFiles {
  /** One value per partition key, as text (the catalog's form); null for Hive's default partition. */
  values: (string | null)[];
  /** Files or folders, as in FileSource.paths. */
  paths: string[];
}

export interface FileSource {
  format: FileFormat;
  /**
   * Files, folders (read recursively, skipping names that start with '.' or '_', as Hive does) or
   * local glob patterns; local paths, file:// or s3:// URLs. S3 objects are staged locally through
   * the ObjectStore, because DuckDB cannot reach S3 here.
   */
  paths: string[];
  /** Adds columns from key=value folders in the paths. */
  hivePartitioning?: boolean;
  /**
   * The view's columns (e.g. from the catalog). Files are read as this schema: CSV columns by
   * position, JSON and Parquet by name. With columns, a location without files is an empty view,
   * and no file is opened before a query needs it (so partition pruning skips files entirely).
   */
  columns?: ColumnInfo[];
  /**
   * Parquet with columns: match each file's columns by name, a column a file lacks reading as NULL
   * (schema evolution). DuckDB then opens every file's footer when the view is bound, pruned
   * partitions' included, so use it only when files differ from the columns.
   */
  unionByName?: boolean;
  /** Partition columns appended to the view; a WHERE clause on them skips other partitions' files unopened. */
  partitions?: { keys: ColumnInfo[]; list: PartitionFiles[] };
  /** Extra reader options (delim, header, quote, escape, compression …), passed to DuckDB's reader. */
  options?: Record<string, unknown>;
  /**
   * JSON with columns: every top-level key each file holds (by path as given), when the caller read
   * the files in full; json-columns.ts then matches columns to these spellings instead of a sample's.
   */
  jsonKeys?: Record<string, string[]>;
  /** Record-level errors (CSV/TSV): FAILFAST (default) or kept in rejects tables (see RegisteredSource). */
  mode?: RecordMode;
  /**
   * Columns that read as a typed NULL (column masking of PII, docs/column-masking.md). In a sandboxed
   * engine such a source is read into a table when it is registered and its files are never admitted
   * to the sandbox, so user SQL cannot read them around the view (read_csv on the table's location).
   */
  masked?: string[];
}

/** What registerFiles tells about the view it made. */
export interface RegisteredSource {
  /**
   * CSV in PERMISSIVE/DROPMALFORMED mode: DuckDB's rejects tables (temporary), filled by every scan of
   * the view, one row per error (several per line possible; each scan adds its own scan_id).
   * reject_errors(scan_id, file_id, line, byte_position, error_type, csv_line, error_message),
   * reject_scans(scan_id, file_id, file_path, …). They exist only once the view was scanned.
   */
  rejects?: { errors: string; scans: string };
  /** The path DuckDB reads (and reports in filename and reject_scans) → the path given in the source. */
  files: Record<string, string>;
}

export interface ParquetTarget {
  /** Local path, file:// or s3:// URL of the output folder. */
  location: string;
  /** Columns written as Hive-style key=value folders (and left out of the files). */
  partitionBy?: string[];
  compression?: 'snappy' | 'zstd';
  /** 'overwrite' (default) replaces what was in location; 'append' adds files beside it. */
  mode?: 'overwrite' | 'append';
}

export interface TableRef {
  catalog?: string;
  schema?: string;
  name: string;
}

export interface WriteResult {
  rows: number;
  /** The committed files: absolute paths for local storage, s3:// URLs otherwise. */
  files: { path: string; size: number }[];
}

/**
 * One DuckDB database in memory. With the sandbox on, the first query() or writeParquet() locks it:
 * from then on SQL reaches only the files registered before, and registerFiles() throws
 * InvalidStateException. Every error is a SluiceError (see classify-error.ts).
 */
export interface QueryEngine {
  /**
   * Creates (or replaces) a view over the files. name is 'view' or 'schema.view' (the schema is
   * created). Throws EntityNotFoundException when no file matches and no columns were given;
   * InvalidInputException for unreadable files or bad options.
   */
  registerFiles(name: string, source: FileSource): Promise<RegisteredSource>;
  /** Runs SQL (several statements: the last one's result). InvalidInputException for user mistakes. */
  query(sql: string, options?: { maxRows?: number }): Promise<QueryResult>;
  /** The tables the SQL names, as written (a CTE may show up as a table without schema); [] when it does not parse. */
  referencedTables(sql: string): Promise<TableRef[]>;
  /** Writes the result of sql as Parquet, atomically: nothing is visible until the whole write succeeded. */
  writeParquet(sql: string, target: ParquetTarget): Promise<WriteResult>;
  /** Releases DuckDB and removes the engine's scratch files. Calling it twice does nothing. */
  close(): Promise<void>;
}
