// Looking at an input file before DuckDB reads it, for what DuckDB would otherwise skip or cut short
// without a word (measured on DuckDB 1.5): a truncated .csv.gz reads as a short file, a record
// longer than max_line_size vanishes under ignore_errors without a row in the rejects table, and
// read_json's ignore_errors keeps no record of the lines it skipped. One pass over the bytes, in
// Node: gzip is inflated with zlib (which fails on a truncated stream or a bad CRC), text is checked
// for NUL bytes and UTF-8 in its first 64 KiB, physical lines are measured, and newline-delimited
// JSON is parsed line by line. Parquet is checked by its magic and footer length.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { codecOf, decompressed } from './decompress.js';
import type { FileFormat } from './query-engine.js';

export interface BadLine {
  /** 1-based physical line (0 when the format has no lines: an Avro block). */
  line: number;
  /** Byte offset in the file, when known (an Avro block). */
  offset?: number;
  /** Where the record is, when not a line: `block 3 at byte 1204`. */
  where?: string;
  /** The line as read (at most MAX_KEPT bytes of it). */
  text: string;
  reason: string;
}

export interface FileFacts {
  /** Why the file cannot be read at all (file-level); undefined when it can. */
  problem?: string;
  /** The file holds no bytes (or only whitespace): it contributes no rows. */
  empty: boolean;
  /** Longest physical line, in bytes (text formats; 0 otherwise). */
  longestLine: number;
  /** Newline-delimited JSON: records in the file (non-blank lines), and those that do not parse. */
  records?: number;
  badLines?: BadLine[];
  /** Newline-delimited JSON: every top-level key spelling in the file (for json-columns.ts, in place of a sample). */
  keys?: string[];
}

export interface InspectOptions {
  format: FileFormat;
  /** read_csv/read_json's compression option, when given ('gzip', 'none', 'auto' …). */
  compression?: string;
  /** A declared encoding other than UTF-8 turns the UTF-8 check off. */
  encoding?: string;
  /** The file's name, when the input is a stream (its suffix tells the compression). */
  path?: string;
}

const SAMPLE = 64 * 1024;
/** Past this many distinct keys a file's spellings are not collected (json-columns.ts samples instead). */
const MAX_KEYS = 10_000;
/** A bad line kept for the quarantine is cut at this many bytes (the reason says so). */
const MAX_KEPT = 1024 * 1024;
/** A JSON document (not one record a line) is parsed whole only up to this size. */
const MAX_DOCUMENT = 64 * 1024 * 1024;

/** Inspects a local file, or a stream of the file's bytes (for object stores). */
export async function inspectFile(input: string | (() => Promise<Readable>), size: number, o: InspectOptions): Promise<FileFacts> {
  if (size === 0) return { empty: true, longestLine: 0 };
  if (o.format === 'parquet') return { empty: false, longestLine: 0, problem: await parquetProblem(input, size) };
  const raw = typeof input === 'string' ? createReadStream(input) : await input();
  const codec = codecOf(o.compression, typeof input === 'string' ? input : (o.path ?? ''));
  const scan = new TextScan(o);
  try {
    // zlib, fzstd and unbzip2 fail on a truncated stream, a bad checksum and data that is not theirs.
    for await (const chunk of decompressed(raw, codec)) scan.push(chunk as Buffer);
  } catch (e) {
    raw.destroy();
    const msg = e instanceof Error ? e.message : String(e);
    if (codec === 'gzip' && /header check/.test(msg))
      return { empty: false, longestLine: 0, problem: 'not gzip data, though named or declared as gzip' };
    return {
      empty: false,
      longestLine: 0,
      problem: codec !== 'none' ? `corrupt ${codec} data (${msg}): truncated or damaged` : `cannot be read (${msg})`,
    };
  }
  return scan.end();
}

class TextScan {
  private sample: Buffer[] = [];
  private sampled = 0;
  private line = 1;
  private lineLength = 0;
  private longest = 0;
  private whitespaceOnly = true;
  private readonly json: boolean;
  /** JSON: the current line's bytes, and the whole text while it may be one document. */
  private pending: Buffer[] = [];
  private whole: Buffer[] | undefined = [];
  private wholeLength = 0;
  private records = 0;
  private bad: BadLine[] = [];
  private keys = new Set<string>();

  constructor(private readonly o: InspectOptions) {
    this.json = o.format === 'json';
  }

  push(chunk: Buffer): void {
    if (this.sampled < SAMPLE) {
      this.sample.push(chunk.subarray(0, SAMPLE - this.sampled));
      this.sampled += Math.min(chunk.length, SAMPLE - this.sampled);
    }
    if (this.json && this.whole) {
      this.wholeLength += chunk.length;
      if (this.wholeLength <= MAX_DOCUMENT) this.whole.push(chunk);
      else this.whole = undefined;
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl;
      this.lineLength += end - start;
      if (this.whitespaceOnly && /\S/.test(chunk.toString('latin1', start, Math.min(end, start + 256)))) this.whitespaceOnly = false;
      if (this.json) this.pending.push(chunk.subarray(start, end));
      if (nl < 0) return;
      this.endLine();
      start = nl + 1;
    }
  }

  private endLine(): void {
    this.longest = Math.max(this.longest, this.lineLength);
    if (this.json) this.jsonLine(Buffer.concat(this.pending));
    this.pending = [];
    this.lineLength = 0;
    this.line++;
  }

  private jsonLine(bytes: Buffer): void {
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      this.badLine(bytes, 'not UTF-8 text');
      return;
    }
    if (!text.trim()) return;
    this.records++;
    try {
      const record: unknown = JSON.parse(text);
      if (record && typeof record === 'object' && !Array.isArray(record) && this.keys.size < MAX_KEYS)
        for (const k in record) this.keys.add(k);
    } catch (e) {
      this.badLine(bytes, `not a JSON record (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  private badLine(bytes: Buffer, reason: string): void {
    if (!bytes.toString('latin1').trim()) return;
    if (this.json && !this.records) this.records++;
    const cut = bytes.length > MAX_KEPT;
    this.bad.push({
      line: this.line,
      text: bytes.subarray(0, MAX_KEPT).toString('utf8'),
      reason: cut ? `${reason}; the line is ${bytes.length} bytes, kept here cut to ${MAX_KEPT}` : reason,
    });
  }

  end(): FileFacts {
    if (this.lineLength > 0 || this.pending.length) this.endLine();
    const longestLine = this.longest;
    if (this.whitespaceOnly) return { empty: true, longestLine };
    const problem = this.sampleProblem();
    if (problem) return { empty: false, longestLine, problem };
    if (!this.json) return { empty: false, longestLine };
    return { empty: false, longestLine, ...this.jsonShape() };
  }

  /** Binary data or another encoding, judged from the first 64 KiB. */
  private sampleProblem(): string | undefined {
    const sample = Buffer.concat(this.sample);
    const nul = sample.indexOf(0);
    if (nul >= 0) return `binary data, not ${this.o.format.toUpperCase()} text (a NUL byte at offset ${nul})`;
    if (this.o.encoding && !/^utf-?8$/i.test(this.o.encoding)) return undefined;
    // One damaged line is a bad record; a file whose lines mostly fail is in another encoding.
    const lines = splitLines(sample, sample.length === SAMPLE);
    const failing = lines.filter((l) => !validUtf8(l));
    if (failing.length && failing.length * 2 >= lines.length) {
      const offset = sample.indexOf(failing[0]);
      return `not UTF-8 text (invalid bytes in ${failing.length} of the first ${lines.length} lines, from offset ${offset}); declare its encoding, e.g. formatOptions.encoding = 'latin-1'`;
    }
    return undefined;
  }

  /** One record a line, or one JSON document (an array or an object over several lines). */
  private jsonShape(): Pick<FileFacts, 'records' | 'badLines' | 'problem'> {
    const firstBad = this.bad[0];
    const lineRecords = { records: this.records, badLines: this.bad, keys: this.keys.size < MAX_KEYS ? [...this.keys] : undefined };
    if (!firstBad) return lineRecords;
    const firstChar = Buffer.concat(this.sample).toString('utf8').trimStart()[0];
    const looksDocument = firstBad.line === firstLineWithText(this.sample) || firstChar === '[';
    if (!looksDocument) return lineRecords;
    if (!this.whole) return { records: undefined, badLines: [] }; // too large to check here: DuckDB decides
    try {
      const doc: unknown = JSON.parse(Buffer.concat(this.whole).toString('utf8'));
      return { records: Array.isArray(doc) ? doc.length : 1, badLines: [] };
    } catch (e) {
      if (this.bad.length < this.records) return lineRecords;
      return { problem: `not JSON (${e instanceof Error ? e.message : String(e)})` };
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const validUtf8 = (b: Buffer) => {
  try {
    utf8.decode(b);
    return true;
  } catch {
    return false;
  }
};

/** Lines of the sample; the last one is dropped when the sample was cut (it may end mid-character). */
function splitLines(sample: Buffer, cut: boolean): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let nl = sample.indexOf(10); nl >= 0; nl = sample.indexOf(10, start)) {
    out.push(sample.subarray(start, nl));
    start = nl + 1;
  }
  if (!cut && start < sample.length) out.push(sample.subarray(start));
  return out.filter((l) => l.length);
}

function firstLineWithText(sample: Buffer[]): number {
  const lines = Buffer.concat(sample).toString('latin1').split('\n');
  return lines.findIndex((l) => l.trim()) + 1;
}

async function parquetProblem(input: string | (() => Promise<Readable>), size: number): Promise<string | undefined> {
  let head: Buffer;
  let tail: Buffer;
  if (typeof input === 'string') {
    const h = await open(input, 'r');
    try {
      head = Buffer.alloc(Math.min(4, size));
      tail = Buffer.alloc(Math.min(8, size));
      await h.read(head, 0, head.length, 0);
      await h.read(tail, 0, tail.length, size - tail.length);
    } finally {
      await h.close();
    }
  } else {
    let first: Buffer | undefined;
    let last = Buffer.alloc(0);
    for await (const chunk of await input()) {
      first ??= (chunk as Buffer).subarray(0, 4);
      last = Buffer.concat([last, chunk as Buffer]).subarray(-8);
    }
    head = first ?? Buffer.alloc(0);
    tail = last;
  }
  if (size < 12 || head.toString('latin1') !== 'PAR1') return 'not a Parquet file (it does not start with the PAR1 magic)';
  if (tail.subarray(4).toString('latin1') !== 'PAR1') return 'truncated or damaged Parquet file (it does not end with the PAR1 magic)';
  const footer = tail.readUInt32LE(0);
  if (footer + 12 > size) return `damaged Parquet file (its footer claims ${footer} bytes in a ${size}-byte file)`;
  return undefined;
}
