// Avro object container files to NDJSON (see record-decode.ts), one block at a time: the header
// (magic, metadata map with the writer schema and codec, 16-byte sync marker), then blocks of
// (record count, byte size, data, sync marker). A block whose framing, sync marker, compression or
// records do not decode is one bad entry, named by its number and byte offset; the reader then
// looks for the next sync marker and goes on, so one damaged block costs only its own records.
import type { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import avro from 'avsc';
import snappy from 'snappyjs';
import type { BadLine } from './inspect-file.js';
import type { ColumnInfo } from './query-engine.js';
import { jsonText, LineWriter, MAX_KEPT, type DecodedFile } from './record-decode.js';

const MAGIC = Buffer.from('Obj\x01', 'latin1');
/** A header larger than this is not one (a schema is a few KiB). */
const MAX_HEADER = 16 * 1024 * 1024;
const metaType = avro.Type.forSchema({ type: 'map', values: 'bytes' });
const longType = avro.Type.forSchema('long');

/** Longs as BigInt, so values past 2^53 keep every digit (avsc's own long is a JS number). */
const bigLong = avro.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(n));
    return b;
  },
  fromJSON: (v: unknown) => BigInt(v as string),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function timestampText(ms: number, micros: number): string {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 6)}`;
}
const num = (v: unknown) => Number(v);
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/** Logical types as the text DuckDB casts to DATE, TIMESTAMP, DECIMAL. Decoding only. */
abstract class ReadOnly extends avro.types.LogicalType {
  protected override _toValue(): never {
    throw new Error('Sluice only decodes Avro');
  }
}
class DateType extends ReadOnly {
  protected override _fromValue(v: unknown) {
    return new Date(num(v) * 86_400_000).toISOString().slice(0, 10);
  }
}
/** Epoch milliseconds or microseconds to 'YYYY-MM-DD HH:MM:SS.ffffff'. */
function epochText(v: unknown, perMs: bigint): string {
  const big = BigInt(v as bigint);
  const ms = floorDiv(big, perMs);
  const subMs = Number(big - ms * perMs) * (perMs === 1n ? 0 : 1);
  const msPart = Number(((ms % 1000n) + 1000n) % 1000n);
  return timestampText(Number(ms), msPart * 1000 + subMs);
}
class TimestampMillis extends ReadOnly {
  protected override _fromValue(v: unknown) {
    return epochText(v, 1n);
  }
}
class TimestampMicros extends ReadOnly {
  protected override _fromValue(v: unknown) {
    return epochText(v, 1000n);
  }
}
class DecimalType extends ReadOnly {
  protected override _fromValue(v: unknown) {
    const b = v as Buffer;
    let n = 0n;
    for (const byte of b) n = (n << 8n) | BigInt(byte);
    if (b.length && b[0] & 0x80) n -= 1n << BigInt(8 * b.length);
    const scale = scaleOf(this);
    const neg = n < 0n;
    const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
    const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return neg ? `-${text}` : text;
  }
}
const scaleOf = (t: unknown) => ((t as { schema(): { scale?: number } }).schema().scale ?? 0) as number;
const LOGICAL = {
  date: DateType,
  'timestamp-millis': TimestampMillis,
  'timestamp-micros': TimestampMicros,
  'local-timestamp-millis': TimestampMillis,
  'local-timestamp-micros': TimestampMicros,
  decimal: DecimalType,
} as unknown as Record<string, new (schema: avro.Schema, opts?: unknown) => avro.types.LogicalType>;

/** Reads ahead in a byte stream, keeping only what is not consumed yet. */
class Bytes {
  buf: Buffer = Buffer.alloc(0);
  /** File offset of buf[0]. */
  base = 0;
  done = false;
  private readonly it: AsyncIterator<Buffer>;
  constructor(stream: Readable) {
    this.it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }
  /** Ensures n bytes from file offset `at` are buffered; false at the end of the file. */
  async need(at: number, n: number): Promise<boolean> {
    while (at + n > this.base + this.buf.length) {
      if (this.done) return false;
      const r = await this.it.next();
      if (r.done) this.done = true;
      else this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    }
    return true;
  }
  /** Drops what lies before file offset `at`. */
  drop(at: number): void {
    this.buf = this.buf.subarray(at - this.base);
    this.base = at;
  }
  slice(at: number, n: number): Buffer {
    return this.buf.subarray(at - this.base, at - this.base + n);
  }
}

/** Decodes with avsc's decode(buf, pos): offset -1 means more bytes are needed. */
async function decodeAt(bytes: Bytes, at: number, type: avro.Type, max: number): Promise<{ value: unknown; end: number } | undefined> {
  for (let want = 16; ; want *= 2) {
    const enough = await bytes.need(at, Math.min(want, max));
    const r = type.decode(bytes.buf, at - bytes.base);
    if (r.offset >= 0) return { value: r.value, end: bytes.base + r.offset };
    if (!enough || want >= max) return undefined;
  }
}

export async function avroToNdjson(stream: Readable, size: number, target: string): Promise<DecodedFile> {
  const bytes = new Bytes(stream);
  const out = new LineWriter(target);
  try {
    return await decode(bytes, size, out);
  } finally {
    await out.end();
    stream.destroy();
  }
}

async function decode(bytes: Bytes, size: number, out: LineWriter): Promise<DecodedFile> {
  const bad: BadLine[] = [];
  if (!(await bytes.need(0, 4)) || !bytes.slice(0, 4).equals(MAGIC))
    return fileProblem('not an Avro file (it does not start with Obj\\x01)');
  const meta = await decodeAt(bytes, 4, metaType, MAX_HEADER);
  if (!meta || !(await bytes.need(meta.end, 16))) return fileProblem('truncated or damaged Avro header');
  const header = meta.value as Record<string, Buffer>;
  const sync = Buffer.from(bytes.slice(meta.end, 16));
  const codec = header['avro.codec']?.toString() || 'null';
  if (!['null', 'deflate', 'snappy'].includes(codec))
    return fileProblem(`Avro codec ${codec} is not supported (null, deflate, snappy are)`);
  let type: avro.Type;
  let columns: ColumnInfo[];
  try {
    const schema = JSON.parse(header['avro.schema']?.toString() ?? '') as avro.Schema;
    type = avro.Type.forSchema(schema, {
      registry: { long: bigLong },
      logicalTypes: LOGICAL,
      wrapUnions: 'auto',
    } as unknown as Partial<avro.ForSchemaOptions>);
    columns = recordColumns(schema);
  } catch (e) {
    return fileProblem(`the Avro header's schema cannot be used (${e instanceof Error ? e.message : String(e)})`);
  }
  let at = meta.end + 16;
  let records = 0;
  for (let block = 1; ; block++) {
    bytes.drop(at);
    if (!(await bytes.need(at, 1))) break; // the end of the file, between blocks
    const failed = await readBlock(bytes, at, size, sync, codec, type, out);
    if ('records' in failed) {
      records += failed.records;
      at = failed.end;
      continue;
    }
    // Damaged: one bad entry for the block, then on from the next sync marker.
    const next = await findSync(bytes, at + 1, sync);
    bad.push({
      line: 0,
      offset: at,
      where: `block ${block} at byte ${at}`,
      text: bytes.slice(at, Math.min(MAX_KEPT, (next ?? bytes.base + bytes.buf.length) - at)).toString('base64'),
      reason: `${failed.reason}${failed.count !== undefined ? `; the block claims ${failed.count} record(s)` : ''}`,
    });
    if (next === undefined) break;
    at = next;
  }
  return { records: records + bad.length, bad, columns };
}

/** Writes a good block's records and returns their count, or says why the block is bad. */
async function readBlock(
  bytes: Bytes,
  at: number,
  size: number,
  sync: Buffer,
  codec: string,
  type: avro.Type,
  out: LineWriter,
): Promise<{ records: number; end: number } | { reason: string; count?: number }> {
  const count = await decodeAt(bytes, at, longType, 10);
  const length = count && (await decodeAt(bytes, count.end, longType, 10));
  if (!count || !length) return { reason: 'the file ends inside a block header (truncated)' };
  const n = Number(count.value);
  const len = Number(length.value);
  if (n < 0 || len < 0 || length.end + len + 16 > size)
    return {
      reason: `damaged block header (${n} records in ${len} bytes${len >= 0 ? ', past the end of the file' : ''})`,
      count: n >= 0 ? n : undefined,
    };
  if (!(await bytes.need(length.end, len + 16))) return { reason: 'the file ends inside the block (truncated)', count: n };
  if (!bytes.slice(length.end + len, 16).equals(sync)) return { reason: "the block does not end with the file's sync marker", count: n };
  const rows: string[] = [];
  try {
    const raw = bytes.slice(length.end, len);
    const data =
      codec === 'deflate'
        ? inflateRawSync(raw)
        : codec === 'snappy'
          ? Buffer.from(snappy.uncompress(raw.subarray(0, raw.length - 4)))
          : raw;
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const r = type.decode(data, pos);
      if (r.offset < 0) throw new Error(`record ${i + 1} runs past the block's data`);
      pos = r.offset;
      rows.push(jsonText(r.value));
    }
    if (pos !== data.length) throw new Error(`${data.length - pos} bytes left after its ${n} records`);
  } catch (e) {
    return { reason: `the block does not decode (${e instanceof Error ? e.message : String(e)})`, count: n };
  }
  for (const row of rows) await out.write(row);
  return { records: n, end: length.end + len + 16 };
}

/** The file offset just past the next sync marker at or after `from`, or undefined at the end. */
async function findSync(bytes: Bytes, from: number, sync: Buffer): Promise<number | undefined> {
  let at = from;
  for (;;) {
    const i = bytes.buf.indexOf(sync, Math.max(0, at - bytes.base));
    if (i >= 0) return bytes.base + i + 16;
    at = Math.max(from, bytes.base + bytes.buf.length - 15);
    const before = bytes.buf.length + bytes.base;
    if (!(await bytes.need(before, 1))) return undefined;
  }
}

const fileProblem = (problem: string): DecodedFile => ({ problem, records: 0, bad: [] });

/** The writer schema's fields as DuckDB columns. */
function recordColumns(schema: avro.Schema): ColumnInfo[] {
  const named = new Map<string, string>();
  const s = schema as { type?: string; fields?: { name: string; type: unknown }[] };
  if (s.type !== 'record' || !s.fields) throw new Error('the schema is not a record');
  return s.fields.map((f) => ({ name: f.name, type: duckType(f.type, named) }));
}

const PRIMS: Record<string, string> = {
  null: 'VARCHAR',
  boolean: 'BOOLEAN',
  int: 'INTEGER',
  long: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  bytes: 'BLOB',
  string: 'VARCHAR',
};
const q = (n: string) => `"${n.replaceAll('"', '""')}"`;

function duckType(t: unknown, named: Map<string, string>): string {
  if (typeof t === 'string') return PRIMS[t] ?? named.get(t) ?? named.get(t.split('.').pop()!) ?? 'VARCHAR';
  if (Array.isArray(t)) {
    // ["null", T] is a nullable T; other unions read as text.
    const branches = t.filter((b) => b !== 'null');
    return branches.length === 1 ? duckType(branches[0], named) : 'VARCHAR';
  }
  const s = t as Record<string, any>;
  switch (s.logicalType) {
    case 'date':
      return 'DATE';
    case 'timestamp-millis':
    case 'timestamp-micros':
    case 'local-timestamp-millis':
    case 'local-timestamp-micros':
      return 'TIMESTAMP';
    case 'decimal':
      return `DECIMAL(${s.precision ?? 38},${s.scale ?? 0})`;
  }
  switch (s.type) {
    case 'record':
    case 'error': {
      // Named before its fields: a record that refers to itself reads that field as text.
      if (s.name) named.set(String(s.name), 'VARCHAR');
      const struct = `STRUCT(${(s.fields as { name: string; type: unknown }[]).map((f) => `${q(f.name)} ${duckType(f.type, named)}`).join(', ')})`;
      if (s.name) {
        named.set(String(s.name), struct);
        named.set(String(s.name).split('.').pop()!, struct);
      }
      return struct;
    }
    case 'enum':
      return 'VARCHAR';
    case 'fixed':
      return 'BLOB';
    case 'array':
      return `${duckType(s.items, named)}[]`;
    case 'map':
      return `MAP(VARCHAR, ${duckType(s.values, named)})`;
    default:
      return duckType(s.type, named);
  }
}
