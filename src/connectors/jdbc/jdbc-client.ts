// One open connection to a JDBC database, whatever its engine: small queries, a streamed copy of a
// query's rows into a CSV file, and a bulk load of a CSV file into a table. The CSV is the one form
// both sides share: RFC 4180, no header, NULL as an empty unquoted field, '' as a quoted empty field,
// timestamps in UTC, binary values as \x-prefixed hex. Drivers are loaded on first use, so a run
// that reaches no database never loads them.
import type { JdbcEndpoint } from './endpoint.js';
import type { RemoteColumn } from './glue-types.js';
import { jdbcError } from './jdbc-errors.js';

export interface JdbcClient {
  readonly endpoint: JdbcEndpoint;
  /** Quotes an identifier for this engine ("x" or `x`). */
  ident(name: string): string;
  /** A SQL literal for a bookmark value (text, number, boolean, null), escaped for this engine. */
  literal(value: unknown): string;
  /** The columns a SELECT returns (it is run with no rows), typed as information_schema names them. */
  describe(select: string): Promise<RemoteColumn[]>;
  /** Runs a statement; rows as the driver gives them (keep results small). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Streams the rows of a SELECT into a CSV file (the form above) without holding them; returns the rows written. */
  copyOut(select: string, file: string): Promise<number>;
  /** Loads a CSV file (the form above) into table's columns (a quoted, qualified name); returns the rows loaded. */
  copyIn(table: string, columns: string[], file: string): Promise<number>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = Number(process.env.SLUICE_JDBC_CONNECT_TIMEOUT_MS ?? 10_000);

/** Opens a connection; a refused, unreachable or wrongly-credentialed one throws naming the connection and cause. */
export async function openJdbc(ep: JdbcEndpoint): Promise<JdbcClient> {
  try {
    if (ep.url.engine === 'postgresql') return await (await import('./pg-client.js')).openPg(ep, CONNECT_TIMEOUT_MS);
    return await (await import('./mysql-client.js')).openMysql(ep, CONNECT_TIMEOUT_MS);
  } catch (e) {
    throw jdbcError(ep, e, 'connecting');
  }
}

/** Runs fn with an open connection, closed afterwards; driver errors are named by connection. */
export async function withJdbc<T>(ep: JdbcEndpoint, fn: (c: JdbcClient) => Promise<T>, doing?: string): Promise<T> {
  const client = await openJdbc(ep);
  try {
    return await fn(client);
  } catch (e) {
    throw jdbcError(ep, e, doing);
  } finally {
    await client.close().catch(() => {});
  }
}
