// The declarative job (.yaml): named sources, named nodes (a source or node followed by steps), and
// sinks. The steps are the seeds' metadata-driven rules; each is an object with one key.
import { z } from 'zod';

const str = z.string().min(1);
const names = z.array(str).min(1);
const onBad = z.enum(['quarantine', 'null', 'drop']);

const source = z
  .object({
    catalog: z.object({ database: str, table: str }).strict().optional(),
    path: z.union([str, names]).optional(),
    format: z.enum(['csv', 'tsv', 'json', 'parquet']).optional(),
    formatOptions: z.record(z.string(), z.unknown()).optional(),
    hivePartitioning: z.boolean().optional(),
    /** Bookmark name; defaults to the source's name. `false` reads the whole source every run. */
    transformationCtx: z.union([str, z.literal(false)]).optional(),
    sourceFileColumn: str.optional(),
    pushDownPredicate: str.optional(),
    bookmarkKeys: names.optional(),
    bookmarkKeysSortOrder: z.enum(['asc', 'desc']).optional(),
  })
  .strict()
  .refine((s) => (s.catalog ? !s.path : !!s.path && !!s.format), { message: 'a source has either catalog, or path with format' });

const step = z.union([
  z.object({ cleanNames: z.literal(true) }).strict(),
  z.object({ rename: z.record(z.string(), str) }).strict(),
  z.object({ mapping: z.array(z.tuple([str, str, str, str])).min(1) }).strict(),
  z.object({ select: names }).strict(),
  z.object({ drop: names }).strict(),
  z.object({ cast: z.object({ columns: z.record(z.string(), str), onError: onBad.default('quarantine') }).strict() }).strict(),
  z
    .object({
      parseDates: z
        .object({ columns: names, formats: names, as: z.enum(['date', 'timestamp']).default('date'), onError: onBad.default('quarantine') })
        .strict(),
    })
    .strict(),
  z
    .object({
      nulls: z.object({ columns: names, action: z.enum(['replace', 'drop', 'quarantine']), value: z.unknown().optional() }).strict(),
    })
    .strict(),
  z.object({ derive: z.record(z.string(), str) }).strict(),
  z
    .object({
      filter: z.object({ where: str, otherwise: z.enum(['drop', 'quarantine']).default('drop'), reason: str.optional() }).strict(),
    })
    .strict(),
  z.object({ quarantine: z.object({ where: str, reason: z.union([str, z.object({ sql: str }).strict()]) }).strict() }).strict(),
  z
    .object({
      dedupe: z.object({ keys: names, orderBy: str.optional(), otherwise: z.enum(['drop', 'quarantine']).default('quarantine') }).strict(),
    })
    .strict(),
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
    .strict(),
  z.object({ lookup: z.object({ with: str, on: z.record(z.string(), str), columns: z.record(z.string(), str) }).strict() }).strict(),
  z
    .object({
      aggregate: z
        .object({
          groupBy: z.array(str).default([]),
          aggs: z.array(z.object({ column: str, fn: str, as: str.optional() }).strict()).min(1),
        })
        .strict(),
    })
    .strict(),
  z.object({ union: z.object({ with: str, distinct: z.boolean().default(false) }).strict() }).strict(),
  z.object({ fillMissing: z.object({ column: str, output: str.optional() }).strict() }).strict(),
  z.object({ sql: str }).strict(),
  z.object({ metadata: z.literal(true) }).strict(),
  z.object({ quality: z.object({ ruleset: str, name: str.optional(), quarantine: z.boolean().default(true) }).strict() }).strict(),
]);

const node = z.object({ from: str, steps: z.array(step).default([]) }).strict();

const sink = z
  .object({
    from: str,
    path: str.optional(),
    database: str.optional(),
    table: str.optional(),
    /** Partition keys computed from expressions: { dt: "strftime(order_ts, '%Y-%m-%d')" }. */
    partitionBy: z.record(z.string(), str).optional(),
    partitionKeys: names.optional(),
    mode: z.enum(['append', 'overwrite', 'overwrite-partitions']).default('append'),
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
