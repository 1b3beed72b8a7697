// MySQL and MariaDB through mysql2: rows are streamed (never buffered) and written as CSV; loads use
// LOAD DATA LOCAL INFILE fed from the file by the driver (the server must allow local_infile).
// Big numbers and decimals come as text and dates as text, so no value is rounded on the way.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import mysql from 'mysql2';
import type { JdbcEndpoint } from './endpoint.js';
import type { JdbcClient } from './jdbc-client.js';

const ident = (n: string) => `\`${n.replaceAll('`', '``')}\``;

/** One CSV field: NULL empty and unquoted, text quoted, binary as \x hex. */
function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  const s = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : JSON.stringify(v);
  return `"${s.replaceAll('"', '""')}"`;
}

export async function openMysql(ep: JdbcEndpoint, timeoutMs: number): Promise<JdbcClient> {
  const conn = mysql.createConnection({
    host: ep.url.host,
    port: ep.url.port,
    database: ep.url.database,
    user: ep.user,
    password: ep.password,
    ssl: ep.ssl,
    connectTimeout: timeoutMs,
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    multipleStatements: false,
    infileStreamFactory: (path: string) => createReadStream(path, { highWaterMark: 1 << 20 }),
  });
  conn.on('error', () => {});
  const p = conn.promise();
  await p.connect();
  await p.query("SET time_zone = '+00:00'");
  return {
    endpoint: ep,
    ident,
    async query(sql, params) {
      const [rows] = await p.query(sql, params);
      return (Array.isArray(rows) ? rows : [rows]) as never[];
    },
    async copyOut(select, file) {
      const out = createWriteStream(file, { highWaterMark: 1 << 20 });
      let n = 0;
      const rows = conn.query({ sql: select, rowsAsArray: true }).stream({ highWaterMark: 2048 });
      try {
        for await (const row of rows as AsyncIterable<unknown[]>) {
          n++;
          if (!out.write(`${row.map(field).join(',')}\n`)) await once(out, 'drain');
        }
      } finally {
        out.end();
        await once(out, 'close');
      }
      return n;
    },
    async copyIn(table, columns, file) {
      // With ENCLOSED BY set, an unquoted NULL is NULL and a quoted "NULL" the text (export-csv writes so).
      const [res] = await p.query({
        sql: `LOAD DATA LOCAL INFILE ? INTO TABLE ${table} CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\\n' (${columns.map(ident).join(', ')})`,
        values: [file],
      });
      return (res as { affectedRows: number }).affectedRows;
    },
    close: () => p.end(),
  };
}
