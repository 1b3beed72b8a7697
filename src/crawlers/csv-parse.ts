// RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks; \r\n and \n
// both end a record. A sample cut off mid-file drops its last, possibly partial, record. A quote that
// never closes costs its own line only: the record it opened is dropped (and its line reported) and
// parsing starts again on the next line, so one damaged line does not swallow the rest of the file.

export interface ParsedCsv {
  records: string[][];
  /** The 1-based line each record starts on. */
  lines: number[];
  /** Bytes (UTF-16 code units) of text the kept records span, for average record sizes. */
  consumed: number;
  /** True when any field was quoted. */
  quoted: boolean;
  /** Lines (1-based) where a quoted field opened and never closed; their records were dropped. */
  unterminatedLines: number[];
  /** More quotes never closed than MAX_RESTARTS: the text is not well-formed CSV. */
  unterminated: boolean;
}

/** How many unclosed quotes are skipped before the text is taken not to be CSV at all. */
const MAX_RESTARTS = 5;
/** A quoted field still open this far into a cut sample is taken to be unterminated. */
const MAX_OPEN_QUOTE = 1 << 16;

export function parseCsv(text: string, delimiter: string, quote: string, options: { complete: boolean; maxRecords?: number }): ParsedCsv {
  const records: string[][] = [];
  const lines: number[] = [];
  const unterminatedLines: number[] = [];
  const max = options.maxRecords ?? Infinity;
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoted = false;
  let recordEnd = 0;
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = (at: number) => {
    endField();
    // A blank line is not a record.
    if (!(record.length === 1 && record[0] === '')) {
      records.push(record);
      lines.push(recordLine);
    }
    record = [];
    recordEnd = at;
    recordLine = line;
  };
  let i = 0;
  for (;;) {
    for (; i < text.length && records.length < max; i++) {
      const c = text[i];
      if (c === '\n') line++;
      if (inQuotes) {
        if (c === quote) {
          if (text[i + 1] === quote) {
            field += quote;
            i++;
          } else inQuotes = false;
        } else field += c;
      } else if (c === quote && field === '') {
        inQuotes = true;
        quoted = true;
      } else if (c === delimiter) endField();
      else if (c === '\n') endRecord(i + 1);
      else if (c === '\r') {
        if (text[i + 1] === '\n') {
          i++;
          line++;
        }
        endRecord(i + 1);
      } else field += c;
    }
    const open = i >= text.length && inQuotes && (options.complete || i - recordEnd > MAX_OPEN_QUOTE);
    if (!open || unterminatedLines.length >= MAX_RESTARTS) break;
    // Drop the record the quote opened and start again on the line after it began.
    unterminatedLines.push(recordLine);
    const next = text.indexOf('\n', recordEnd);
    record = [];
    field = '';
    inQuotes = false;
    if (next < 0) break;
    i = next + 1;
    recordEnd = i;
    line = recordLine + 1;
    recordLine = line;
  }
  const atEnd = i >= text.length;
  if (atEnd && options.complete && !inQuotes && (field !== '' || record.length > 0)) endRecord(text.length);
  return { records, lines, consumed: recordEnd, quoted, unterminatedLines, unterminated: atEnd && inQuotes && options.complete };
}
