// PostgreSQL (and Redshift's wire protocol): COPY … TO STDOUT / FROM STDIN through pg-copy-streams,
// the fastest path either way. The session runs in UTC so timestamptz values come out as UTC text.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { JdbcEndpoint } from './endpoint.js';
import type { JdbcClient } from './jdbc-client.js';

const ident = (n: string) => `"${n.replaceAll('"', '""')}"`;

/** Type OIDs of the columns Glue types other than string (pg_type), by information_schema's names. */
const OIDS: Record<number, string> = {
  16: 'boolean',
  17: 'bytea',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  700: 'real',
  701: 'double precision',
  1082: 'date',
  1114: 'timestamp without time zone',
  1184: 'timestamp with time zone',
  1700: 'numeric',
};

export function pgLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return `'${String(v).replaceAll("'", "''")}'`;
}

export async function openPg(ep: JdbcEndpoint, timeoutMs: number): Promise<JdbcClient> {
  const client = new pg.Client({
    host: ep.url.host,
    port: ep.url.port,
    database: ep.url.database,
    user: ep.user,
    password: ep.password,
    ssl: ep.ssl,
    connectionTimeoutMillis: timeoutMs,
    options: '-c TimeZone=UTC -c DateStyle=ISO',
    application_name: 'sluice',
  });
  // An error on an idle client (the server went away) must not crash the process: the next query fails.
  client.on('error', () => {});
  await client.connect();
  return {
    endpoint: ep,
    ident,
    literal: pgLiteral,
    async describe(select) {
      const r = await client.query(`SELECT * FROM (${select}) AS q LIMIT 0`);
      return r.fields.map((f) => {
        // numeric's typmod holds (precision << 16 | scale) + 4; -1 when unbounded.
        const mod = f.dataTypeModifier;
        const numeric = f.dataTypeID === 1700 && mod >= 4;
        return {
          name: f.name,
          type: OIDS[f.dataTypeID] ?? 'text',
          precision: numeric ? ((mod - 4) >> 16) & 0xffff : null,
          scale: numeric ? (mod - 4) & 0xffff : null,
        };
      });
    },
    async query(sql, params) {
      return (await client.query(sql, params as unknown[])).rows;
    },
    async copyOut(select, file) {
      const stream = client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv)`));
      await pipeline(stream, createWriteStream(file, { highWaterMark: 1 << 20 }));
      return stream.rowCount;
    },
    async copyIn(table, columns, file) {
      const stream = client.query(copyFrom(`COPY ${table} (${columns.map(ident).join(', ')}) FROM STDIN WITH (FORMAT csv)`));
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), stream);
      return stream.rowCount;
    },
    close: () => client.end(),
  };
}
