// A .sql job as a Glue visual job: one S3CatalogSource per catalog table it reads (named
// database.table, its transformation_ctx the same name Sluice bookmarks it under), a SparkSQL node
// over them (each table given an alias, as a Glue Studio SQL node has), and the S3 target its
// arguments name (--output-path, --output-database/--output-table, --partition-keys).
import { sinkFromArguments } from '../../jobs/scripts/sql-script.js';
import { VisualGraph } from './graph.js';
import type { SourceHelp } from './from-yaml.js';
import { toSparkSql } from './spark-sql.js';

const TABLE_REF = /\b(from|join)\s+("?)([A-Za-z_][A-Za-z0-9_]*)\2\s*\.\s*("?)([A-Za-z_][A-Za-z0-9_]*)\4/gi;

export function visualFromSql(sqlText: string, args: Record<string, string>, help: SourceHelp, jobName: string): VisualGraph {
  const g = new VisualGraph();
  const sql = sqlText.trim().replace(/;\s*$/, '');
  const tables = new Map<string, { database: string; table: string; alias: string }>();
  const query = sql.replace(TABLE_REF, (_m, kw: string, _q1, database: string, _q2, table: string) => {
    const key = `${database}.${table}`.toLowerCase();
    if (!tables.has(key)) tables.set(key, { database, table, alias: `${database}_${table}`.toLowerCase() });
    return `${kw} ${tables.get(key)!.alias}`;
  });
  const inputs = [...tables.entries()].map(([key, t]) => ({
    alias: t.alias,
    id: g.add('S3CatalogSource', key, { Database: t.database, Table: t.table }),
  }));
  if (!inputs.length) throw new Error('reads no catalog table (database.table)');
  const result = g.add('SparkSQL', `${jobName} query`, {
    Inputs: inputs.map((i) => i.id),
    SqlQuery: toSparkSql(query),
    SqlAliases: inputs.map((i) => ({ From: i.id, Alias: i.alias })),
  });
  g.note(`${jobName}: the query runs as Spark SQL; DuckDB-only syntax in it must be rewritten`);
  const sink = sinkFromArguments(args);
  if (sink.mode && sink.mode !== 'append') g.note(`${jobName}: --write-mode ${sink.mode} does not carry over; Glue's S3 target appends`);
  const PartitionKeys = (sink.partitionKeys ?? []).map((k) => [k]);
  if (sink.path) {
    g.add('S3GlueParquetTarget', `${jobName} target`, {
      Inputs: [result],
      Path: help.toS3(sink.path),
      PartitionKeys,
      Compression: 'snappy',
      ...(sink.table
        ? {
            SchemaChangePolicy: {
              EnableUpdateCatalog: true,
              UpdateBehavior: 'UPDATE_IN_DATABASE',
              Database: sink.database ?? 'default',
              Table: sink.table,
            },
          }
        : {}),
    });
  } else {
    g.add('S3CatalogTarget', `${jobName} target`, {
      Inputs: [result],
      Database: sink.database ?? 'default',
      Table: sink.table!,
      PartitionKeys,
      SchemaChangePolicy: { EnableUpdateCatalog: true, UpdateBehavior: 'UPDATE_IN_DATABASE' },
    });
  }
  return g;
}
