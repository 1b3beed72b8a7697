// Iceberg's binary single-value serialization (spec, "Binary single-value serialization"), used for
// lower/upper bounds in manifests and partition summaries in manifest lists. Values arrive in the
// text form the engine's column statistics give (engine/query-engine.ts DataFileStats): numbers and
// decimals as exact digits, dates as days and timestamps as microseconds since the epoch, strings as is.
import { decimalOf } from './schema.js';
import type { PrimitiveType } from './types.js';

/** Strings are bounded by their first 16 characters, as Iceberg's default metrics mode truncate(16). */
export const STRING_BOUND_LENGTH = 16;

export function encodeValue(type: PrimitiveType, text: string): Buffer {
  const d = decimalOf(type);
  if (d) return twosComplement(unscaled(text, d.scale));
  switch (type) {
    case 'boolean':
      return Buffer.from([text === 'true' ? 1 : 0]);
    case 'int':
    case 'date': {
      const b = Buffer.alloc(4);
      b.writeInt32LE(Number(text));
      return b;
    }
    case 'long':
    case 'timestamp':
    case 'timestamptz': {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(BigInt(text));
      return b;
    }
    case 'float': {
      const b = Buffer.alloc(4);
      b.writeFloatLE(Number(text));
      return b;
    }
    case 'double': {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(Number(text));
      return b;
    }
    case 'string':
      return Buffer.from(text, 'utf8');
    case 'binary':
      return Buffer.from(text, 'base64');
  }
  throw new TypeError(`no single-value encoding for ${type as string}`);
}

/** The inverse of encodeValue, to the same text form. */
export function decodeValue(type: PrimitiveType, b: Buffer): string {
  const d = decimalOf(type);
  if (d) return scaled(fromTwosComplement(b), d.scale);
  switch (type) {
    case 'boolean':
      return b[0] ? 'true' : 'false';
    case 'int':
    case 'date':
      return String(b.readInt32LE());
    case 'long':
    case 'timestamp':
    case 'timestamptz':
      return b.readBigInt64LE().toString();
    case 'float':
      return String(b.readFloatLE());
    case 'double':
      return String(b.readDoubleLE());
    case 'string':
      return b.toString('utf8');
    case 'binary':
      return b.toString('base64');
  }
  throw new TypeError(`no single-value encoding for ${type as string}`);
}

/**
 * A lower and upper bound for a column whose min and max are given; undefined where none can be
 * stated cheaply (an upper bound of a truncated string would need an incremented code point, so a
 * long string max gets no upper bound, which the spec allows).
 */
export function bounds(type: PrimitiveType, min: string, max: string): { lower?: Buffer; upper?: Buffer } {
  if (type === 'float' || type === 'double') {
    // NaN is not ordered; Iceberg keeps it out of bounds, DuckDB sorts it last.
    if (min === 'nan' || max === 'nan' || min === 'NaN' || max === 'NaN') return {};
  }
  if (type !== 'string') return { lower: encodeValue(type, min), upper: encodeValue(type, max) };
  const lower = [...min].slice(0, STRING_BOUND_LENGTH).join('');
  const upper = [...max].length <= STRING_BOUND_LENGTH ? max : undefined;
  return { lower: encodeValue(type, lower), upper: upper === undefined ? undefined : encodeValue(type, upper) };
}

function unscaled(text: string, scale: number): bigint {
  const neg = text.startsWith('-');
  const [int, frac = ''] = text.replace(/^[-+]/, '').split('.');
  const digits = BigInt(int + frac.padEnd(scale, '0').slice(0, scale));
  return neg ? -digits : digits;
}

function scaled(v: bigint, scale: number): string {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(scale + 1, '0');
  const text = scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s;
  return neg ? `-${text}` : text;
}

/** Big-endian two's complement in the fewest bytes that hold v. */
export function twosComplement(v: bigint): Buffer {
  let n = 1;
  while (v < -(2n ** BigInt(8 * n - 1)) || v >= 2n ** BigInt(8 * n - 1)) n++;
  return fixedTwosComplement(v, n);
}

export function fixedTwosComplement(v: bigint, n: number): Buffer {
  let u = v < 0n ? 2n ** BigInt(8 * n) + v : v;
  const b = Buffer.alloc(n);
  for (let i = n - 1; i >= 0; i--) {
    b[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return b;
}

function fromTwosComplement(b: Buffer): bigint {
  let u = 0n;
  for (const x of b) u = (u << 8n) | BigInt(x);
  return b.length && b[0] & 0x80 ? u - 2n ** BigInt(8 * b.length) : u;
}
