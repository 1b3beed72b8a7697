// The declarative job (.yaml): named sources, named nodes (a source or node followed by steps), and
// sinks. The steps are the seeds' metadata-driven rules; each is an object with one key.
import { z } from 'zod';

const str = z.string().min(1);
const names = z.array(str).min(1);
const onBad = z.enum(['quarantine', 'null', 'drop']);

const source = z
  .object({
    catalog: z.object({ database: str, table: str }).strict().optional().describe('A Data Catalog table to read'),
    path: z.union([str, names]).optional().describe('Files to read: a folder, a glob or a list; ${zones.raw} … expand to the zones'),
    format: z.enum(['csv', 'tsv', 'json', 'parquet', 'avro', 'xml']).optional().describe('The format of the files under path'),
    formatOptions: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Reader options: header, delimiter, columns (name: DuckDB type), types, format: newline_delimited …'),
    hivePartitioning: z.boolean().optional().describe('Read key=value folders as columns'),
    /** Bookmark name; defaults to the source's name. `false` reads the whole source every run. */
    transformationCtx: z
      .union([str, z.literal(false)])
      .optional()
      .describe("The bookmark's name (default: the source's name); false reads the whole source every run"),
    sourceFileColumn: str.optional().describe('A column to hold the file each row came from'),
    pushDownPredicate: str.optional().describe('A SQL condition over partition columns: only matching partitions are read'),
    bookmarkKeys: names.optional().describe('Columns whose last value the bookmark keeps: a run reads only rows past it'),
    bookmarkKeysSortOrder: z.enum(['asc', 'desc']).optional(),
  })
  .strict()
  .refine((s) => (s.catalog ? !s.path : !!s.path && !!s.format), { message: 'a source has either catalog, or path with format' });

const step = z.union([
  z
    .object({ cleanNames: z.literal(true) })
    .strict()
    .describe("Renames every column to snake_case ('OrderID' → order_id, 'Customer Name' → customer_name); a leading _ stays."),
  z
    .object({ rename: z.record(z.string(), str) })
    .strict()
    .describe('Renames columns: { old: new }.'),
  z
    .object({ mapping: z.array(z.tuple([str, str, str, str])).min(1) })
    .strict()
    .describe("Glue's ApplyMapping: [source column, source type, target column, target type] for each column kept."),
  z.object({ select: names }).strict().describe('Keeps only these columns.'),
  z.object({ drop: names }).strict().describe('Removes these columns.'),
  z
    .object({ cast: z.object({ columns: z.record(z.string(), str), onError: onBad.default('quarantine') }).strict() })
    .strict()
    .describe(
      'Casts columns to types ({ amount: double }); a value that does not convert is quarantined with the reason, set to null, or its row dropped (onError).',
    ),
  z
    .object({
      parseDates: z
        .object({ columns: names, formats: names, as: z.enum(['date', 'timestamp']).default('date'), onError: onBad.default('quarantine') })
        .strict(),
    })
    .strict()
    .describe(
      "Parses text or epoch columns into dates or timestamps, trying each format in turn (strptime, e.g. '%d/%m/%Y %H:%M'), then ISO 8601; a value no format reads is handled by onError.",
    ),
  z
    .object({
      nulls: z.object({ columns: names, action: z.enum(['replace', 'drop', 'quarantine']), value: z.unknown().optional() }).strict(),
    })
    .strict()
    .describe('Missing values (null or blank) in columns: replace them with value, drop their rows, or quarantine them.'),
  z
    .object({ derive: z.record(z.string(), str) })
    .strict()
    .describe("Adds or replaces columns computed by SQL expressions: { amount_eur: 'amount / rate' }."),
  z
    .object({
      filter: z.object({ where: str, otherwise: z.enum(['drop', 'quarantine']).default('drop'), reason: str.optional() }).strict(),
    })
    .strict()
    .describe('Keeps rows where the SQL condition holds; the others are dropped (counted) or quarantined with reason.'),
  z
    .object({
      quarantine: z
        .object({
          where: str,
          reason: z.union([
            str,
            z
              .object({ sql: str })
              .strict()
              .describe(
                'Replaces the frame with a SQL query over it: the frame is the table input; other sources and nodes by their names.',
              ),
          ]),
        })
        .strict(),
    })
    .strict()
    .describe("Moves the rows matching where to the job's quarantine table with a reason (text, or { sql: expression } computed per row)."),
  z
    .object({
      dedupe: z.object({ keys: names, orderBy: str.optional(), otherwise: z.enum(['drop', 'quarantine']).default('quarantine') }).strict(),
    })
    .strict()
    .describe('Keeps one row per key (the first by orderBy); the duplicates are quarantined or dropped.'),
  z
    .object({
      join: z
        .object({
          with: str,
          on: z.record(z.string(), str),
          type: z.enum(['equijoin', 'inner', 'left', 'right', 'outer', 'leftsemi', 'leftanti']).default('inner'),
        })
        .strict(),
    })
    .strict()
    .describe('Joins another source or node: on { this column: that column }, type inner, left, right, outer, leftsemi or leftanti.'),
  z
    .object({ lookup: z.object({ with: str, on: z.record(z.string(), str), columns: z.record(z.string(), str) }).strict() })
    .strict()
    .describe(
      'Left-joins columns from another source or node without multiplying rows: on { this column: that column }, columns { new name: that column }.',
    ),
  z
    .object({
      aggregate: z
        .object({
          groupBy: z.array(str).default([]),
          aggs: z.array(z.object({ column: str, fn: str, as: str.optional() }).strict()).min(1),
        })
        .strict(),
    })
    .strict()
    .describe('Groups by columns and aggregates: aggs [{ column, fn: sum|avg|count|countDistinct|min|max|…, as }].'),
  z
    .object({ union: z.object({ with: str, distinct: z.boolean().default(false) }).strict() })
    .strict()
    .describe('Appends the rows of another source or node (by column name); distinct removes duplicates.'),
  z
    .object({ fillMissing: z.object({ column: str, output: str.optional() }).strict() })
    .strict()
    .describe("Glue's FillMissingValues: fills nulls of a numeric column with its mean, in place or into output."),
  z.object({ sql: str }).strict(),
  z
    .object({ metadata: z.literal(true) })
    .strict()
    .describe('Adds _ingest_ts, _source_file and _run_id.'),
  z
    .object({ quality: z.object({ ruleset: str, name: str.optional(), quarantine: z.boolean().default(true) }).strict() })
    .strict()
    .describe(
      'Evaluates a DQDL ruleset on the frame (results recorded with the run); rows failing a row-level rule are quarantined unless quarantine is false.',
    ),
]);

const node = z.object({ from: str, steps: z.array(step).default([]) }).strict();

const sink = z
  .object({
    from: str.describe('The source or node to write'),
    path: str.optional().describe('Where to write (default: the catalog table’s location, or <processed zone>/<table> for a new table)'),
    database: str.optional().describe('The catalog database of the output table (created when missing)'),
    table: str.optional().describe('The catalog table to register the output as (created as Parquet when missing)'),
    /** Partition keys computed from expressions: { dt: "strftime(order_ts, '%Y-%m-%d')" }. */
    partitionBy: z
      .record(z.string(), str)
      .optional()
      .describe('Partition columns computed from SQL expressions: { dt: "strftime(order_ts, \'%Y-%m-%d\')" }'),
    partitionKeys: names.optional().describe('Existing columns to partition the output by'),
    mode: z
      .enum(['append', 'overwrite', 'overwrite-partitions'])
      .default('append')
      .describe('append adds files; overwrite replaces the location; overwrite-partitions only the partitions written'),
    compression: z.enum(['snappy', 'zstd']).optional(),
  })
  .strict();

export const declarativeJob = z
  .object({
    description: z.string().optional(),
    sources: z.record(z.string(), source),
    nodes: z.record(z.string(), node).default({}),
    sinks: z.array(sink).min(1),
  })
  .strict();

export type DeclarativeJob = z.infer<typeof declarativeJob>;
export type Step = z.infer<typeof step>;
export type SourceSpec = z.infer<typeof source>;
