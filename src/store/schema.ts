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

/** A user-defined function, by database and name (kept lower case). */
export interface CatalogFunctionRow {
  catalog_id: string;
  database_name: string;
  name: string;
  doc: string;
  create_time: number;
}

/** A partition index of a table: its PartitionIndexDescriptor as doc. */
export interface CatalogPartitionIndexRow {
  catalog_id: string;
  database_name: string;
  table_name: string;
  index_name: string;
  doc: string;
  create_time: number;
}

/** One column's statistics (a ColumnStatistics document) of a table (values_key '') or of one partition. */
export interface CatalogColumnStatisticsRow {
  catalog_id: string;
  database_name: string;
  table_name: string;
  values_key: string;
  column_name: string;
  doc: string;
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
  /** The host whose process looks after the run (only that host judges whether pid lives); null in rows older than migration 018 that had none. */
  host: string | null;
  started_on: number;
  updated_on: number;
}

/**
 * A run's decided commit (runs/run-commit.ts): its sealed stages (JSON: location + SealedStage) and
 * the process completing them; the row goes when every staged object is in place.
 */
export interface RunCommitRow {
  run_id: string;
  kind: string;
  host: string;
  pid: number;
  stages: string;
  created_on: number;
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

/** One value of a metric series (e.g. job.rows_written) for one subject (e.g. a job name), kept for charts. */
export interface MetricPointRow {
  series: string;
  subject: string;
  at: number;
  value: number;
  run_id: string | null;
}

/** An alarm's current state for one subject (a job, a table …); memo is what the rule remembers (JSON). */
export interface AlarmStateRow {
  alarm: string;
  subject: string;
  state: string;
  reason: string;
  value: number | null;
  threshold: number | null;
  memo: string | null;
  run_id: string | null;
  changed_on: number;
  evaluated_on: number;
}

/** One state change of an alarm for one subject. */
export interface AlarmHistoryRow {
  id: string;
  alarm: string;
  subject: string;
  severity: string;
  old_state: string;
  new_state: string;
  reason: string;
  value: number | null;
  threshold: number | null;
  run_id: string | null;
  at: number;
}

/** The notification outbox: one row per (transition, notifier), retried with back-off until SENT or FAILED. */
export interface NotificationRow {
  id: string;
  history_id: string;
  notifier: string;
  payload: string;
  state: string;
  attempts: number;
  next_attempt_on: number;
  last_error: string | null;
  created_on: number;
  updated_on: number;
}

/** What the monitor has judged already: source 'run' (a runs row) or 'dq' (a dq_results row). */
export interface MonitorSeenRow {
  source: string;
  id: string;
  seen_on: number;
}

/** The states the monitor saw a run in, with the time it entered each (for the run's timeline). */
export interface RunStateRow {
  run_id: string;
  state: string;
  at: number;
}

/** A workflow (its Glue document); run_seq is bumped to serialise the MaxConcurrentRuns check. */
export interface WorkflowRow {
  name: string;
  doc: string;
  run_seq: number;
  created_on: number;
  updated_on: number;
}

/** A trigger (its Glue document); watch: the locations an EVENT trigger watches (JSON), when set explicitly. */
export interface TriggerRow {
  name: string;
  workflow_name: string | null;
  type: string;
  state: string;
  doc: string;
  watch: string | null;
  /** When the trigger was last activated or its schedule changed: where schedules and watches start. */
  activated_on: number | null;
  created_on: number;
  updated_on: number;
}

/** What a workflow run (kind 'workflow') or trigger chain (kind 'chain') has beyond its row in `runs`. */
export interface WorkflowRunStateRow {
  run_id: string;
  kind: string;
  workflow_name: string | null;
  /** The triggers as they were when the run started (JSON Trigger[]). */
  snapshot: string;
  properties: string;
  /** 1 when conditional triggers are evaluated (0 for a crawler's own schedule). */
  cascade: number;
  /** Who drives the run now (host:pid), and until when the lease holds without renewal. */
  lease_owner: string | null;
  lease_until: number;
  updated_on: number;
}

/** One job or crawler start a trigger asked for in a run; state CLAIMED → STARTED | FAILED | ERROR | CANCELLED | COPIED. */
export interface WorkflowRunActionRow {
  run_id: string;
  seq: number;
  trigger_name: string;
  node_type: string;
  target: string;
  /** JSON { Arguments, Timeout } of the action. */
  request: string;
  state: string;
  /** The job run id or crawl id. */
  child_id: string | null;
  error: string | null;
  claimed_on: number;
  started_on: number | null;
}

/** A trigger that fired in a run; the primary key makes it fire once per run. */
export interface WorkflowRunFiringRow {
  run_id: string;
  trigger_name: string;
  fired_on: number;
  copied: number;
}

/** A scheduled slot (epoch ms) of a trigger or crawler schedule, claimed once: FIRED, SKIPPED or ERROR. */
export interface ScheduleSlotRow {
  owner: string;
  slot: number;
  outcome: string;
  run_id: string | null;
  note: string | null;
  recorded_on: number;
}

/** A file an EVENT trigger has seen under its watched locations, with its size and modification time. */
export interface TriggerWatchFileRow {
  trigger_name: string;
  object_url: string;
  fingerprint: string;
}

/** A file that arrived for an EVENT trigger; run_id is set when a batch started a run with it. */
export interface TriggerEventRow {
  event_id: string;
  trigger_name: string;
  object_url: string;
  received_on: number;
  run_id: string | null;
}

/** A running `sluice server` (its scheduler and executor), by heartbeat. */
export interface SluiceServerRow {
  owner: string;
  host: string;
  pid: number;
  started_on: number;
  beat_on: number;
}

/** A retry started for a job run whose supervisor died before it could retry: at most one per run. */
export interface JobRetryClaimRow {
  run_id: string;
  claimed_on: number;
  outcome: string | null;
}

/** A resource `sluice apply` created from sluice.yaml, so it can delete what the file no longer declares. */
export interface PipelineResourceRow {
  kind: string;
  name: string;
  applied_on: number;
}

export interface SecurityConfigurationRow {
  account_id: string;
  name: string;
  doc: string;
  created_on: number;
}

/** An interactive session (src/sessions): doc is the Glue Session; active_on is its last statement's end. */
export interface SessionRow {
  id: string;
  status: string;
  doc: string;
  request_origin: string | null;
  statement_seq: number;
  timeout_minutes: number;
  idle_timeout_minutes: number;
  created_on: number;
  active_on: number;
}

/** A statement of a session: doc is the Glue Statement. */
export interface SessionStatementRow {
  session_id: string;
  id: number;
  state: string;
  doc: string;
}

/** A dev endpoint (src/dev-endpoints): doc is the Glue DevEndpoint. */
export interface DevEndpointRow {
  name: string;
  doc: string;
  created_on: number;
}

export interface CatalogEncryptionSettingsRow {
  catalog_id: string;
  doc: string;
  updated_on: number;
}

export interface DB {
  catalog_databases: CatalogDatabaseRow;
  catalog_tables: CatalogTableRow;
  catalog_table_versions: CatalogTableVersionRow;
  catalog_partitions: CatalogPartitionRow;
  catalog_connections: CatalogConnectionRow;
  catalog_functions: CatalogFunctionRow;
  catalog_partition_indexes: CatalogPartitionIndexRow;
  catalog_column_statistics: CatalogColumnStatisticsRow;
  tags: TagRow;
  runs: RunRow;
  run_commits: RunCommitRow;
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
  metric_points: MetricPointRow;
  alarm_states: AlarmStateRow;
  alarm_history: AlarmHistoryRow;
  notifications: NotificationRow;
  monitor_seen: MonitorSeenRow;
  run_states: RunStateRow;
  resource_owners: ResourceOwnerRow;
  resource_policies: ResourcePolicyRow;
  audit_records: AuditRecordRow;
  workflows: WorkflowRow;
  triggers: TriggerRow;
  workflow_run_state: WorkflowRunStateRow;
  workflow_run_actions: WorkflowRunActionRow;
  workflow_run_firings: WorkflowRunFiringRow;
  schedule_slots: ScheduleSlotRow;
  trigger_watch_files: TriggerWatchFileRow;
  trigger_events: TriggerEventRow;
  sluice_servers: SluiceServerRow;
  job_retry_claims: JobRetryClaimRow;
  cluster_workers: ClusterWorkerRow;
  run_claims: RunClaimRow;
  cluster_leases: ClusterLeaseRow;
  pipeline_resources: PipelineResourceRow;
  security_configurations: SecurityConfigurationRow;
  catalog_encryption_settings: CatalogEncryptionSettingsRow;
  sessions: SessionRow;
  session_statements: SessionStatementRow;
  dev_endpoints: DevEndpointRow;
}

/** Security (012): the account that owns a job, crawler, trigger, workflow or ruleset. */
export interface ResourceOwnerRow {
  type: string;
  name: string;
  account_id: string;
}

/** A Glue resource policy (PutResourcePolicy); resource_arn is the catalog's ARN or a database/table ARN. */
export interface ResourcePolicyRow {
  resource_arn: string;
  catalog_id: string;
  policy: string;
  policy_hash: string;
  create_time: number;
  update_time: number;
}

/** One audit record: doc is its JSON; hash = sha256(prev_hash + doc). */
export interface AuditRecordRow {
  seq: number;
  time: number;
  doc: string;
  prev_hash: string;
  hash: string;
}

/** A `sluice worker` process (src/cluster/): what it can take, and its heartbeat. */
export interface ClusterWorkerRow {
  id: string;
  host: string;
  pid: number;
  capacity: number;
  /** JSON array of strings. */
  labels: string;
  /** alive | dead (declared dead: its claims were taken away) | left (stopped cleanly). */
  state: string;
  running: number;
  completed: number;
  started_on: number;
  beat_on: number;
}

/** One run handed to one worker; the token fences the run's commit (src/cluster/fence.ts). */
export interface RunClaimRow {
  run_id: string;
  kind: string;
  worker_id: string;
  token: string;
  host: string;
  pid: number | null;
  claimed_on: number;
  released_on: number | null;
}

/** A named lease (the scheduler's leadership) held by one process until expires_on. */
export interface ClusterLeaseRow {
  name: string;
  holder: string;
  epoch: number;
  expires_on: number;
}
