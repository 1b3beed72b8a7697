// What Avro and XML decoders share (avro-records.ts, xml-records.ts): DuckDB reads neither format
// here (no extensions), so each file is decoded in Node, streaming, into a newline-delimited JSON
// file in scratch that read_json reads. A record that cannot be decoded (a damaged Avro block, a
// malformed XML row element) is not written: it is returned with its position and reason, for the
// caller to quarantine, count or fail on (the record modes), exactly as NDJSON lines are.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { BadLine } from './inspect-file.js';
import type { ColumnInfo } from './query-engine.js';

export interface DecodedFile {
  /** Why the file cannot be read at all (not Avro, an unreadable header, corrupt compression …). */
  problem?: string;
  /** Records in the file: those written and those in `bad`. */
  records: number;
  /** Records (XML) or blocks (Avro) that did not decode, in file order. */
  bad: BadLine[];
  /** Avro: the writer schema's fields as DuckDB columns (types JSON alone would lose). */
  columns?: ColumnInfo[];
}

/** A bad record's text is kept up to this many characters. */
export const MAX_KEPT = 1024 * 1024;

/** NDJSON output with back-pressure. */
export class LineWriter {
  private readonly out: WriteStream;
  constructor(path: string) {
    this.out = createWriteStream(path);
  }
  async write(line: string): Promise<void> {
    if (!this.out.write(`${line}\n`)) await new Promise<void>((r) => this.out.once('drain', () => r()));
  }
  end(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

/**
 * JSON text of a decoded value: BigInt as digits (Avro longs past 2^53), bytes as DuckDB's BLOB text
 * (`\xNN` escapes), avsc's wrapped unions unwrapped, non-finite numbers as null.
 */
export function jsonText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (Buffer.isBuffer(v)) return JSON.stringify(blobText(v));
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  const o = v as Record<string, unknown> & { unwrap?: () => unknown };
  if (typeof o.unwrap === 'function') return jsonText(o.unwrap());
  return `{${Object.keys(o)
    .map((k) => `${JSON.stringify(k)}:${jsonText(o[k])}`)
    .join(',')}}`;
}

/** DuckDB casts VARCHAR to BLOB reading `\xNN` as a byte and other ASCII as itself. */
function blobText(b: Buffer): string {
  let s = '';
  for (const byte of b)
    s += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  return s;
}
