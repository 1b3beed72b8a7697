// Remote column types as Glue's JDBC crawler records them (the JDBC type of each column, mapped as
// Glue maps java.sql.Types): integers by width, NUMERIC/DECIMAL with their precision and scale,
// REAL float, DOUBLE double, BOOLEAN/BIT(1) boolean, DATE date, TIMESTAMP (with or without time
// zone) timestamp, binary types binary, and everything else (text, uuid, json, enum, time,
// interval, arrays) string.
import type { JdbcEngine } from './jdbc-url.js';

export interface RemoteColumn {
  name: string;
  /** information_schema's data_type (PostgreSQL) or column_type (MySQL: 'int unsigned', 'tinyint(1)'). */
  type: string;
  precision?: number | null;
  scale?: number | null;
}

function decimal(p: number | null | undefined, s: number | null | undefined): string {
  // An unbounded NUMERIC reaches Glue as decimal(38,18), Spark's system default.
  if (!p) return 'decimal(38,18)';
  return `decimal(${Math.min(p, 38)},${s ?? 0})`;
}

function pgType(c: RemoteColumn): string {
  const t = c.type.toLowerCase();
  if (t === 'smallint') return 'smallint';
  if (t === 'integer') return 'int';
  if (t === 'bigint') return 'bigint';
  if (t === 'numeric' || t === 'decimal') return decimal(c.precision, c.scale);
  if (t === 'real') return 'float';
  if (t === 'double precision') return 'double';
  if (t === 'boolean') return 'boolean';
  if (t === 'date') return 'date';
  if (t.startsWith('timestamp')) return 'timestamp';
  if (t === 'bytea') return 'binary';
  return 'string';
}

function mysqlType(c: RemoteColumn): string {
  const t = c.type.toLowerCase();
  const unsigned = t.includes('unsigned');
  const base = t.replace(/\(.*?\)|unsigned|zerofill/g, '').trim();
  if (t.startsWith('tinyint(1)') || t === 'bit(1)' || base === 'boolean' || base === 'bool') return 'boolean';
  if (base === 'tinyint') return unsigned ? 'smallint' : 'tinyint';
  if (base === 'smallint') return unsigned ? 'int' : 'smallint';
  if (base === 'mediumint') return 'int';
  if (base === 'int' || base === 'integer') return unsigned ? 'bigint' : 'int';
  if (base === 'bigint') return unsigned ? 'decimal(20,0)' : 'bigint';
  if (base === 'decimal' || base === 'numeric') return decimal(c.precision, c.scale);
  if (base === 'float') return 'float';
  if (base === 'double' || base === 'real') return 'double';
  if (base === 'date') return 'date';
  if (base === 'datetime' || base === 'timestamp') return 'timestamp';
  if (base === 'year') return 'int';
  if (/^(binary|varbinary|tinyblob|blob|mediumblob|longblob|bit)$/.test(base)) return 'binary';
  return 'string';
}

export function glueTypeOf(engine: JdbcEngine, c: RemoteColumn): string {
  return engine === 'postgresql' ? pgType(c) : mysqlType(c);
}
