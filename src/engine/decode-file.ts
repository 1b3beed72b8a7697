// The one entry to the Node-side decoders (record-decode.ts): an Avro or XML file, local or a
// stream of its bytes, becomes an NDJSON file that read_json reads.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { avroToNdjson } from './avro-records.js';
import { codecOf, decompressed } from './decompress.js';
import type { ColumnInfo } from './query-engine.js';
import type { DecodedFile } from './record-decode.js';
import { xmlToNdjson } from './xml-records.js';

export type { DecodedFile } from './record-decode.js';
export const DECODED_FORMATS = ['avro', 'xml'] as const;
export type DecodedFormat = (typeof DECODED_FORMATS)[number];
export const isDecoded = (format: string): format is DecodedFormat => (DECODED_FORMATS as readonly string[]).includes(format);

export interface DecodeOptions {
  format: DecodedFormat;
  /** The file's name (its suffix tells a whole-file compression), when input is a stream. */
  path: string;
  size: number;
  /** XML: the row elements' name (Glue's rowTag); guessed when missing. */
  rowTag?: string;
  /** The reader's compression option (XML: gzip, zstd, bz2 …). */
  compression?: string;
  /** Declared columns (XML: array columns take a single element as a list). */
  columns?: ColumnInfo[];
}

/** Decodes into target; a damaged compression stream is a file-level problem. */
export async function decodeFile(input: string | (() => Promise<Readable>), target: string, o: DecodeOptions): Promise<DecodedFile> {
  const raw = typeof input === 'string' ? createReadStream(input) : await input();
  const codec = codecOf(o.compression, o.path);
  const stream = decompressed(raw, codec);
  try {
    return o.format === 'avro'
      ? await avroToNdjson(stream, codec === 'none' ? o.size : Infinity, target)
      : await xmlToNdjson(stream, target, o);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (codec !== 'none') return { problem: `corrupt ${codec} data (${msg}): truncated or damaged`, records: 0, bad: [] };
    return { problem: `cannot be read (${msg})`, records: 0, bad: [] };
  } finally {
    raw.destroy();
  }
}

/** A bad record's place, as the quarantine's reason and FAILFAST's message say it. */
export const placeOf = (b: { line: number; where?: string }) => b.where ?? `line ${b.line}`;
