// CSV sources are sniffed once, when they are registered, and read_csv then gets the dialect and
// columns explicitly. Left to detect them itself, DuckDB sniffs a read_csv view's file again each
// time a statement over the view is bound: 65 ms on a 200 MB file, and a job binds its source half a
// dozen times (each derived view, each DESCRIBE, the COPY) before its first row is read.
// DuckDB's own detection matches the columns of a second file by their header names; explicit
// columns go by position. So several files are read this way only when every one starts with the
// very same header line; otherwise (and whenever sniffing fails, or the caller already gave the
// columns) read_csv detects as before, and reports any problem itself.
import { open } from 'node:fs/promises';
import { literal, namedArgs } from './sql-text.js';

/** Reader options the sniffer takes into account: their effect is in what it returns. */
const SNIFFED = new Set(
  'delim sep quote escape new_line skip comment header columns types dtypes column_types names column_names all_varchar auto_type_candidates sample_size auto_detect normalize_names dateformat date_format timestampformat timestamp_format'.split(
    ' ',
  ),
);
/** Options about the files rather than their text, which sniff_csv has no use for. */
const READER_ONLY = new Set(['filename', 'hive_partitioning', 'hive_types', 'hive_types_autocast', 'union_by_name']);
const COMPRESSED = /\.(gz|gzip|zst|zstd|bz2)$/i;
/** A header longer than this is not compared (the files are then left to DuckDB's detection). */
const MAX_HEADER = 64 * 1024;

interface SniffRow {
  Delimiter: string;
  Quote: string;
  Escape: string;
  NewLineDelimiter: string;
  Comment: string;
  SkipRows: number;
  HasHeader: boolean;
  Columns: { name: string; type: string }[];
  DateFormat: string | null;
  TimestampFormat: string | null;
}

/**
 * read_csv's options for files (local paths, no glob patterns): options with the sniffed dialect and
 * columns in place of the ones the sniffer consumed, or options unchanged when DuckDB should detect.
 */
export async function sniffedCsvOptions(
  files: string[],
  options: Record<string, unknown>,
  firstRow: (sql: string) => Promise<Record<string, unknown> | undefined>,
): Promise<Record<string, unknown>> {
  const given = new Map(Object.entries(options).map(([k, v]) => [k.toLowerCase(), v]));
  if (!files.length || given.has('columns') || given.get('auto_detect') === false || given.get('union_by_name') === true) return options;
  // ignore_errors lets the sniffer take the dialect most lines follow: strict, a file with ragged rows
  // (2, 3 and 5 fields) comes out as one column holding whole lines, read without a single error.
  const sniffArgs = {
    ...Object.fromEntries(Object.entries(options).filter(([k]) => !READER_ONLY.has(k.toLowerCase()))),
    ignore_errors: true,
  };
  let s: SniffRow;
  try {
    s = (await firstRow(`SELECT * FROM sniff_csv(${literal(files[0])}${namedArgs(sniffArgs)})`)) as unknown as SniffRow;
  } catch {
    return options; // read_csv will say what is wrong with the file
  }
  if (!s?.Columns?.length) return options;
  const compressed = ![undefined, 'auto', 'none'].includes(given.get('compression') as string | undefined);
  if (files.length > 1 && (compressed || !s.HasHeader || s.SkipRows !== 0 || !(await sameHeaderLine(files)))) return options;
  const char = (c: string) => (c === '(empty)' ? '' : c);
  // The sniffer drops quoting when one quote in the sample is not closed (it cannot find a dialect
  // with it), and then splits every quoted field at its commas. Unless told otherwise, CSV quotes
  // with '"' (RFC 4180): the one bad line is then the one record in error.
  const rfc = !given.has('quote') && char(s.Quote) === '' && s.Delimiter !== '\t';
  const kept = Object.fromEntries(Object.entries(options).filter(([k]) => !SNIFFED.has(k.toLowerCase())));
  return {
    ...kept,
    auto_detect: false,
    delim: char(s.Delimiter),
    quote: rfc ? '"' : char(s.Quote),
    escape: rfc && !given.has('escape') ? '"' : char(s.Escape),
    new_line: s.NewLineDelimiter,
    skip: s.SkipRows,
    comment: char(s.Comment),
    header: s.HasHeader,
    columns: Object.fromEntries(s.Columns.map((c) => [c.name, c.type])),
    dateformat: s.DateFormat ?? undefined,
    timestampformat: s.TimestampFormat ?? undefined,
  };
}

/** Every file is uncompressed and starts with the same first line (its header), byte for byte. */
async function sameHeaderLine(files: string[]): Promise<boolean> {
  let first: Buffer | undefined;
  for (const f of files) {
    if (COMPRESSED.test(f)) return false;
    const line = await headerLine(f);
    if (!line) return false;
    if (!first) first = line;
    else if (!first.equals(line)) return false;
  }
  return true;
}

async function headerLine(path: string): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(MAX_HEADER);
    const { bytesRead } = await handle.read(buf, 0, MAX_HEADER, 0);
    const end = buf.subarray(0, bytesRead).indexOf(10); // '\n'
    return end < 0 ? undefined : buf.subarray(0, end + 1);
  } finally {
    await handle.close();
  }
}
