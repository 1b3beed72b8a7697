// MySQL and MariaDB through mysql2: rows are streamed (never buffered) and written as CSV; loads use
// LOAD DATA LOCAL INFILE fed from the file by the driver (the server must allow local_infile).
// Big numbers and decimals come as text and dates as text, so no value is rounded on the way.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import mysql from 'mysql2';
import type { JdbcEndpoint } from './endpoint.js';
import type { JdbcClient } from './jdbc-client.js';

const ident = (n: string) => `\`${n.replaceAll('`', '``')}\``;

/** mysql2's column type codes (MYSQL_TYPE_*) as information_schema's column_type names. */
const TYPES: Record<number, string> = {
  1: 'tinyint',
  2: 'smallint',
  3: 'int',
  4: 'float',
  5: 'double',
  7: 'timestamp',
  8: 'bigint',
  9: 'mediumint',
  10: 'date',
  12: 'datetime',
  13: 'year',
  16: 'bit',
  246: 'decimal',
};
const UNSIGNED = 32;
const BINARY_CHARSET = 63;

interface Field {
  name: string;
  columnType?: number;
  type?: number;
  flags?: number;
  columnLength?: number;
  decimals?: number;
  characterSet?: number;
}

function columnOf(f: Field) {
  const code = f.columnType ?? f.type ?? 253;
  const flags = f.flags ?? 0;
  let type = TYPES[code];
  if (!type) type = [249, 250, 251, 252, 253, 254].includes(code) && f.characterSet === BINARY_CHARSET ? 'blob' : 'text';
  if (type === 'tinyint' && f.columnLength === 1) type = 'tinyint(1)';
  if (type === 'bit' && f.columnLength === 1) type = 'bit(1)';
  if (flags & UNSIGNED) type += ' unsigned';
  // DECIMAL's length counts digits, a sign and a point: precision = length - (scale > 0) - (signed).
  const precision = code === 246 ? (f.columnLength ?? 0) - ((f.decimals ?? 0) > 0 ? 1 : 0) - (flags & UNSIGNED ? 0 : 1) : null;
  return { name: f.name, type, precision, scale: code === 246 ? (f.decimals ?? 0) : null };
}

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
    literal: (v) => (typeof v === 'boolean' ? String(v) : mysql.escape((v ?? null) as string | number | null)),
    async describe(select) {
      const [, fields] = await p.query(`SELECT * FROM (${select}) AS q LIMIT 0`);
      return (fields as unknown as Field[]).map(columnOf);
    },
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
      // LOCAL makes data errors (a duplicate key, a value that does not fit) warnings, and goes on:
      // any warning fails the load instead, so nothing is silently dropped or altered.
      const r = res as { affectedRows: number; warningStatus?: number };
      if (r.warningStatus) {
        const [warnings] = await p.query('SHOW WARNINGS LIMIT 3');
        const text = (warnings as { Message: string }[]).map((w) => w.Message).join('; ');
        throw new Error(`the load into ${table} was refused (${r.warningStatus} warning(s)): ${text}`);
      }
      return r.affectedRows;
    },
    close: () => p.end(),
  };
}
