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

export interface DB {
  catalog_databases: CatalogDatabaseRow;
  catalog_tables: CatalogTableRow;
  catalog_table_versions: CatalogTableVersionRow;
  catalog_partitions: CatalogPartitionRow;
  catalog_connections: CatalogConnectionRow;
  tags: TagRow;
  runs: RunRow;
}
