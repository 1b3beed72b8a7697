// The job SDK as script authors see it, in the spirit of Glue's GlueContext and DynamicFrame. A
// frame is a relation in the run's DuckDB engine: transforms build new relations and nothing moves
// until a write. Scripts import these types only (`import type { GlueContext } from 'sluice/job'`);
// the objects arrive as the argument of the script's default export.

/** A row as plain JSON values (dates and timestamps as ISO strings). */
export type Row = Record<string, unknown>;
export type Format = 'csv' | 'tsv' | 'json' | 'parquet' | 'avro' | 'xml';
/** append adds files; overwrite replaces the whole location; overwrite-partitions replaces only the partitions written. */
export type WriteMode = 'append' | 'overwrite' | 'overwrite-partitions';
/** Glue's JoinType; equijoin is an inner join. */
export type JoinType = 'equijoin' | 'inner' | 'left' | 'right' | 'outer' | 'leftsemi' | 'leftanti';
/** Glue's AggFunction. */
export type AggFunc =
  | 'avg'
  | 'countDistinct'
  | 'count'
  | 'first'
  | 'last'
  | 'kurtosis'
  | 'max'
  | 'min'
  | 'skewness'
  | 'stddev_samp'
  | 'stddev_pop'
  | 'sum'
  | 'sumDistinct'
  | 'var_samp'
  | 'var_pop';
/** ApplyMapping's (source path, source type, target name, target type); types are Glue/Hive names. */
export type Mapping = [source: string, sourceType: string, target: string, targetType: string];

export interface Column {
  name: string;
  /** DuckDB's type name, e.g. BIGINT, VARCHAR, STRUCT(a INTEGER). */
  type: string;
}

export interface SourceCommon {
  /** Names the source in the job's bookmark; without it the source is read whole every run (as in Glue). */
  transformationCtx?: string;
  /** Adds a column with the file each row came from, e.g. '_source_file'. */
  sourceFileColumn?: string;
  /**
   * DuckDB reader options (delim, header, quote, dateformat, compression, encoding …), over a catalog
   * table's own; and Sluice's: `mode` (PERMISSIVE, the default unless --record-mode says otherwise:
   * malformed records go to the quarantine with file, line and reason; DROPMALFORMED: counted and left
   * out; FAILFAST: the run fails naming file and line), `badRecordsPath` (unreadable files are set
   * aside there with their reason instead of failing the run; also --bad-records-path) and
   * `ignoreCorruptFiles: true` (the same, into <processed zone>/_bad_records/<job>).
   */
  formatOptions?: Record<string, unknown>;
}

export interface CatalogSource extends SourceCommon {
  database: string;
  table: string;
  /** A SQL predicate on partition keys; other partitions' files are not read. */
  pushDownPredicate?: string;
  /** Bookmark keys (Glue's jobBookmarkKeys): strictly monotonic columns; each run reads rows past the last key committed. */
  bookmarkKeys?: string[];
  bookmarkKeysSortOrder?: 'asc' | 'desc';
}

export interface PathSource extends SourceCommon {
  /** Files or folders (read recursively; names starting with '.' or '_' are skipped). */
  paths: string | string[];
  format: Format;
  /** Adds columns from key=value folders. */
  hivePartitioning?: boolean;
}

export interface Sink {
  /** Where to write; defaults to the catalog table's location, else <processed zone>/<table>. */
  path?: string;
  /** Register the output as this catalog table (created when missing; new columns are added). */
  database?: string;
  table?: string;
  partitionKeys?: string[];
  /** Default append, as Glue's writers. */
  mode?: WriteMode;
  compression?: 'snappy' | 'zstd';
}

export interface WriteSummary {
  rows: number;
  files: number;
  bytes: number;
  location: string;
}

export interface ResolveChoiceOptions {
  /** (path, action) with action cast:<type> | project:<type> | make_cols | make_struct. */
  specs?: [path: string, action: string][];
  /** One action for every column whose values have several types; or match_catalog. */
  choice?: string;
  database?: string;
  table?: string;
}

export interface QualityCheck {
  /** A DQDL ruleset: Rules = [ … ]. Rules labelled severity=critical (or critical=true) fail the run when they fail. */
  ruleset: string;
  rulesetName?: string;
  /** Rows failing a row-level rule go to the quarantine table; the returned frame keeps the rest. */
  quarantineFailedRows?: boolean;
  /** Where the result history is kept (dynamic rules compare with it); default job:<job name>. */
  sourceKey?: string;
}

export interface QualityOutcome {
  frame: DynamicFrame;
  /** Passed rules / rules, as Glue scores. */
  score: number;
  resultId: string;
  failedRules: string[];
}

export interface DynamicFrame {
  /** The relation's name in SQL (usable in GlueContext.sql through an alias). */
  readonly name: string;
  schema(): Promise<Column[]>;
  count(): Promise<number>;
  toRows(limit?: number): Promise<Row[]>;
  applyMapping(mappings: Mapping[]): Promise<DynamicFrame>;
  resolveChoice(options: ResolveChoiceOptions): Promise<DynamicFrame>;
  /** Drops the columns that are null in every row. */
  dropNullFields(): Promise<DynamicFrame>;
  dropFields(paths: string[]): Promise<DynamicFrame>;
  selectFields(paths: string[]): Promise<DynamicFrame>;
  renameField(oldName: string, newName: string): Promise<DynamicFrame>;
  /** Keeps the rows for which the SQL predicate (fast) or the function (rows pass through JavaScript) holds. */
  filter(predicate: string | ((row: Row) => boolean)): Promise<DynamicFrame>;
  /** Applies a function to every row (rows pass through JavaScript as JSON). */
  map(fn: (row: Row) => Row): Promise<DynamicFrame>;
  join(other: DynamicFrame, keys1: string[], keys2: string[], options?: { type?: JoinType }): Promise<DynamicFrame>;
  /** Flattens structs (names joined by '.') and pivots arrays into frames named <root>_<path>. */
  relationalize(rootName: string): Promise<Record<string, DynamicFrame>>;
  /** Fills nulls and empty strings of column into outputColumn (default <column>_filled): numbers by the mean, others by the most frequent value. */
  fillMissingValues(column: string, outputColumn?: string): Promise<DynamicFrame>;
  /** Keeps the first row of each group of duplicates (on columns, or the whole row). */
  dropDuplicates(columns?: string[], options?: { orderBy?: string; quarantine?: boolean }): Promise<DynamicFrame>;
  union(other: DynamicFrame, options?: { distinct?: boolean }): Promise<DynamicFrame>;
  aggregate(groups: string[], aggs: { column: string; aggFunc: AggFunc; as?: string }[]): Promise<DynamicFrame>;
  /** Adds (or replaces) a column computed by a SQL expression. */
  withColumn(name: string, expression: string): Promise<DynamicFrame>;
  /** Moves the rows matching the SQL condition to the run's quarantine table with the reason (text, or { sql } per row). */
  quarantine(condition: string, reason: string | { sql: string }): Promise<DynamicFrame>;
  /** Glue's EvaluateDataQuality: a DQDL ruleset over the frame (see QualityCheck). */
  evaluateDataQuality(check: QualityCheck): Promise<QualityOutcome>;
  /** Adds _ingest_ts (the run's start) and _run_id. */
  withMetadataColumns(): Promise<DynamicFrame>;
}

export interface GlueContext {
  readonly jobName: string;
  readonly runId: string;
  /** The run's arguments: DefaultArguments, then the run's Arguments, then NonOverridableArguments. */
  readonly args: Readonly<Record<string, string>>;
  /** The project's zones (raw, processed, curated), as locations. */
  readonly zones: Readonly<Record<'raw' | 'processed' | 'curated', string>>;
  /** Glue's getResolvedOptions: the named arguments (without '--'); a missing one is an error. */
  getResolvedOptions(names: string[]): Record<string, string>;
  fromCatalog(source: CatalogSource): Promise<DynamicFrame>;
  fromPath(source: PathSource): Promise<DynamicFrame>;
  fromRows(rows: Row[]): Promise<DynamicFrame>;
  /** SQL over frames, each under its alias. */
  sql(query: string, frames: Record<string, DynamicFrame>): Promise<DynamicFrame>;
  /** Stages the frame as Parquet; it becomes visible when the run commits. */
  write(frame: DynamicFrame, sink: Sink): Promise<WriteSummary>;
  /** Glue's job.commit(): the bookmark advances with the run's output when the script ends successfully. */
  commit(): Promise<void>;
  log(message: string, extra?: Record<string, unknown>): void;
}

/** What a .ts/.js job module exports as default. */
export type JobScript = (glue: GlueContext) => Promise<void> | void;
