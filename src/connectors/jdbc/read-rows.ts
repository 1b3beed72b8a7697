// Reading a table or a query out of a JDBC database into CSV files, streamed (the rows never sit
// in memory): one file per hash partition, each partition read on its own connection at the same
// time. Partitions follow Glue's options: hashexpression (an integer SQL expression, e.g. a numeric
// key) splits rows by its value modulo hashpartitions; hashfield (any column) by a hash of its text;
// neither reads in one partition. A bookmark's range (rows past the last key) is pushed down into
// the remote WHERE clause, so a rerun reads only new rows.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { invalidInput } from '../../kernel/errors.js';
import type { JdbcEndpoint } from './endpoint.js';
import { openJdbc, type JdbcClient } from './jdbc-client.js';
import { jdbcError } from './jdbc-errors.js';

export interface ReadSpec {
  /** The rows to read: SELECT … FROM table, or the user's query wrapped as a subquery. */
  select: string;
  /** Conditions in the remote dialect (the caller quotes with client.ident/literal), ANDed. */
  where?: string[];
  hashfield?: string;
  hashexpression?: string;
  hashpartitions?: number;
}

/** Glue's default number of partitions when hashfield or hashexpression is given. */
export const DEFAULT_HASH_PARTITIONS = 7;

function partitionPredicates(client: JdbcClient, spec: ReadSpec): string[] {
  if (!spec.hashfield && !spec.hashexpression) return [''];
  const n = spec.hashpartitions ?? DEFAULT_HASH_PARTITIONS;
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw invalidInput(`hashpartitions must be a whole number from 1 to 64, not ${spec.hashpartitions}`);
  const pg = client.endpoint.url.engine === 'postgresql';
  const value = spec.hashexpression
    ? `(${spec.hashexpression})`
    : pg
      ? `hashtext(CAST(${client.ident(spec.hashfield!)} AS text))`
      : `CRC32(${client.ident(spec.hashfield!)})`;
  // MOD of a negative value is negative in both engines: ABS keeps every row in exactly one partition.
  const part = `MOD(ABS(CAST(${value} AS ${pg ? 'bigint' : 'SIGNED'})), ${n})`;
  // NULLs hash to no partition: they go to the first.
  return Array.from({ length: n }, (_, i) => (i === 0 ? `(${part} = 0 OR ${value} IS NULL)` : `${part} = ${i}`));
}

export interface ReadResult {
  files: string[];
  rows: number;
}

/** Streams the rows into dir/<name>.partN.csv; the clients are opened here and closed when done. */
export async function readToCsv(ep: JdbcEndpoint, first: JdbcClient, spec: ReadSpec, dir: string, name: string): Promise<ReadResult> {
  await mkdir(dir, { recursive: true });
  const parts = partitionPredicates(first, spec);
  const files = parts.map((_, i) => join(dir, `${name}.part${i}.csv`));
  const counts = await Promise.all(
    parts.map(async (p, i) => {
      const client = i === 0 ? first : await openJdbc(ep);
      try {
        const where = [...(spec.where ?? []), p].filter(Boolean);
        const sql = `SELECT * FROM (${spec.select}) AS q${where.length ? ` WHERE ${where.map((w) => `(${w})`).join(' AND ')}` : ''}`;
        return await client.copyOut(sql, files[i]);
      } catch (e) {
        throw jdbcError(ep, e, `reading ${name}`);
      } finally {
        if (i !== 0) await client.close().catch(() => {});
      }
    }),
  );
  return { files, rows: counts.reduce((a, b) => a + b, 0) };
}
