// Partition transforms (spec, "Partition Transforms"): the result type, the DuckDB expression that
// computes a row's partition value (in the text form of engine statistics: dates as days, timestamps
// as microseconds), the Avro value stored in manifests, and the folder name data files go in.
import { invalidInput } from '../../kernel/errors.js';
import { ident } from './sql.js';
import { decimalBytes, decimalOf } from './schema.js';
import { fixedTwosComplement } from './single-value.js';
import type { PrimitiveType, Transform } from './types.js';

const TEMPORAL = new Set(['date', 'timestamp', 'timestamptz']);
const DAY_MS = 86_400_000;

export function parseTransform(text: string): Transform {
  const t = text.trim().toLowerCase();
  if (['identity', 'year', 'month', 'day', 'hour', 'void'].includes(t)) return t as Transform;
  throw invalidInput(`Partition transform ${text} is not supported yet (identity, year, month, day, hour)`);
}

export function transformResultType(transform: Transform, source: PrimitiveType): PrimitiveType {
  switch (transform) {
    case 'identity':
    case 'void':
      return source;
    case 'day':
      return 'date';
    default:
      return 'int';
  }
}

export function checkTransform(transform: Transform, source: PrimitiveType, column: string): void {
  if (transform === 'hour' && source === 'date') throw invalidInput(`hour() needs a timestamp column; ${column} is a date`);
  if (!['identity', 'void'].includes(transform) && !TEMPORAL.has(source))
    throw invalidInput(`${transform}() needs a date or timestamp column; ${column} is ${source}`);
}

/** The SQL computing the partition value of a row, in statistics text form. */
export function transformSql(transform: Transform, source: PrimitiveType, column: string): string {
  const c = ident(column);
  switch (transform) {
    case 'void':
      return 'NULL::VARCHAR';
    case 'identity':
      return statText(source, c);
    case 'year':
      return `(year(${c}) - 1970)::VARCHAR`;
    case 'month':
      return `((year(${c}) - 1970) * 12 + month(${c}) - 1)::VARCHAR`;
    case 'day':
      return `date_diff('day', DATE '1970-01-01', CAST(${c} AS DATE))::VARCHAR`;
    case 'hour':
      return `(epoch_us(${c}) // 3600000000)::VARCHAR`;
  }
}

/** A value of type t as statistics text: what single-value.ts and avroValue read. */
export function statText(t: PrimitiveType, c: string): string {
  if (t === 'date') return `date_diff('day', DATE '1970-01-01', ${c})::VARCHAR`;
  if (t === 'timestamp' || t === 'timestamptz') return `epoch_us(${c})::VARCHAR`;
  if (t === 'binary') return `to_base64(${c})`;
  return `${c}::VARCHAR`;
}

/** A partition value (statistics text) as the Avro datum of its result type. */
export function avroValue(t: PrimitiveType, text: string | null): unknown {
  if (text === null) return null;
  const d = decimalOf(t);
  if (d) {
    const [int, frac = ''] = text.replace(/^-/, '').split('.');
    const v = BigInt(int + frac.padEnd(d.scale, '0').slice(0, d.scale)) * (text.startsWith('-') ? -1n : 1n);
    return fixedTwosComplement(v, decimalBytes(d.precision));
  }
  switch (t) {
    case 'int':
    case 'date':
      return Number(text);
    case 'long':
    case 'timestamp':
    case 'timestamptz':
      return BigInt(text);
    case 'float':
    case 'double':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'binary':
      return Buffer.from(text, 'base64');
    default:
      return text;
  }
}

/** The folder value Iceberg's Java writer uses: 2024-01-02 for day, 2024-01 for month, … */
export function humanValue(transform: Transform, source: PrimitiveType, text: string | null): string {
  if (text === null) return 'null';
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (transform) {
    case 'year':
      return String(1970 + Number(text));
    case 'month': {
      const n = Number(text);
      const y = 1970 + Math.floor(n / 12);
      return `${y}-${String((((n % 12) + 12) % 12) + 1).padStart(2, '0')}`;
    }
    case 'day':
      return iso(Number(text) * DAY_MS).slice(0, 10);
    case 'hour':
      return iso(Number(text) * 3_600_000)
        .slice(0, 13)
        .replace('T', '-');
    default:
      if (source === 'date') return iso(Number(text) * DAY_MS).slice(0, 10);
      if (source === 'timestamp' || source === 'timestamptz') return iso(Number(BigInt(text) / 1000n)).replace(/\.\d+Z$/, '');
      return text;
  }
}
