// The metadata store's tables, as Kysely sees them. One schema for SQLite and PostgreSQL. Entities
// are kept as their Glue JSON document (`doc`) beside the key columns that queries filter on, so the
// shapes of the API model survive a round trip untouched. Times are epoch milliseconds.


export interface CatalogDatabaseRow {
  catalog_id: string;
  name: string;
  doc: string;
  create_time: number;
}

export interface CatalogTableRow {
  catalog_id: string;
  database_name: string;
  name: string;
  version_id: number;
  doc: string;
  create_time: number;
  update_time: number;
}

export interface CatalogTableVersionRow {
  catalog_id: string;
  database_name: string;
  table_name: string;
  version_id: number;
  doc: string;
}

export interface CatalogPartitionRow {
  catalog_id: string;
  database_name: string;
  table_name: string;
  /** JSON array of the partition's values: the partition's identity. */
  values_key: string;
  doc: string;
  creation_time: number;
}

export interface CatalogConnectionRow {
  catalog_id: string;
  name: string;
  doc: string;
  create_time: number;
}

export interface TagRow {
  arn: string;
  tag_key: string;
  tag_value: string;
}

export interface RunRow {
  /** The run's id (JobRunId, crawl id, evaluation run id …). */
  id: string;
  /** 'job' | 'crawl' | 'workflow' | 'dq-evaluation' | … */
  kind: string;
  /** The name of what runs (job name, crawler name …). */
  name: string;
  state: string;
  doc: string;
  pid: number | null;
  started_on: number;
  updated_on: number;
}

/** A job definition (Glue Job document); run_seq is bumped to serialise StartJobRun's concurrency check. */
export interface JobRow {
  name: string;
  doc: string;
  run_seq: number;
  created_on: number;
  updated_on: number;
}

/** A job's current bookmark: state is the JSON JobBookmark (transformation_ctx → source state). */
export interface JobBookmarkRow {
  job_name: string;
  version: number;
  run: number;
  attempt: number;
  run_id: string | null;
  previous_run_id: string | null;
  state: string;
  updated_on: number;
}

/** The bookmark each committed run left behind, so ResetJobBookmark(RunId) can rewind to it. */
export interface JobBookmarkHistoryRow {
  job_name: string;
  run_id: string;
  version: number;
  run: number;
  attempt: number;
  previous_run_id: string | null;
  state: string;
  created_on: number;
}

/** What a job run has beyond the Glue JobRun: where it runs, its progress, metrics and lineage (JSON). */
export interface JobRunDetailsRow {
  run_id: string;
  job_name: string;
  host: string;
  executor_pid: number | null;
  progress: string;
  metrics: string | null;
  lineage: string | null;
  updated_on: number;
}

/** A crawler: its Glue document (State and LastCrawl are kept current in it too); state is the CrawlerState. */
export interface CrawlerRow {
  name: string;
  state: string;
  doc: string;
  created_on: number;
  updated_on: number;
}

/** A custom classifier: kind is 'grok' | 'xml' | 'json' | 'csv'; doc is the Glue classifier of that kind. */
export interface ClassifierRow {
  name: string;
  kind: string;
  doc: string;
  created_on: number;
  updated_on: number;
}

/** A leaf folder a crawler has crawled (its URL), and the table it feeds. */
export interface CrawlerFolderRow {
  crawler_name: string;
  folder: string;
  database_name: string;
  table_name: string;
  crawl_id: string;
}

/** A data-quality ruleset (GetDataQualityRuleset's fields as JSON). */
export interface DqRulesetRow {
  name: string;
  doc: string;
  created_on: number;
  updated_on: number;
}

/** A data-quality result (the Glue DataQualityResult as JSON); source_key names the data it judged. */
export interface DqResultRow {
  result_id: string;
  source_key: string;
  ruleset_name: string | null;
  run_id: string | null;
  job_name: string | null;
  job_run_id: string | null;
  started_on: number;
  doc: string;
}

/** One metric of one result: the history dynamic rules and anomaly detection compare against. */
export interface DqMetricRow {
  source_key: string;
  metric: string;
  result_id: string;
  recorded_on: number;
  value: number;
}

export interface DB {
  catalog_databases: CatalogDatabaseRow;
  catalog_tables: CatalogTableRow;
  catalog_table_versions: CatalogTableVersionRow;
  catalog_partitions: CatalogPartitionRow;
  catalog_connections: CatalogConnectionRow;
  tags: TagRow;
  runs: RunRow;
  jobs: JobRow;
  job_bookmarks: JobBookmarkRow;
  job_bookmark_history: JobBookmarkHistoryRow;
  job_run_details: JobRunDetailsRow;
  crawlers: CrawlerRow;
  classifiers: ClassifierRow;
  crawler_folders: CrawlerFolderRow;
  dq_rulesets: DqRulesetRow;
  dq_results: DqResultRow;
  dq_metrics: DqMetricRow;
}
