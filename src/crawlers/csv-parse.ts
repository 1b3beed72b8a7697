// RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks; \r\n and \n
// both end a record. A sample cut off mid-file drops its last, possibly partial, record.

export interface ParsedCsv {
  records: string[][];
  /** Bytes (UTF-16 code units) of text the kept records span, for average record sizes. */
  consumed: number;
  /** True when any field was quoted. */
  quoted: boolean;
  /** A quote that never closed (in a complete file): the file is not well-formed CSV. */
  unterminated: boolean;
}

export function parseCsv(text: string, delimiter: string, quote: string, options: { complete: boolean; maxRecords?: number }): ParsedCsv {
  const records: string[][] = [];
  const max = options.maxRecords ?? Infinity;
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoted = false;
  let recordEnd = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = (at: number) => {
    endField();
    // A blank line is not a record.
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
    recordEnd = at;
  };
  let i = 0;
  for (; i < text.length && records.length < max; i++) {
    const c = text[i];
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
      if (text[i + 1] === '\n') i++;
      endRecord(i + 1);
    } else field += c;
  }
  const atEnd = i >= text.length;
  if (atEnd && options.complete && !inQuotes && (field !== '' || record.length > 0)) endRecord(text.length);
  return { records, consumed: recordEnd, quoted, unterminated: atEnd && options.complete && inQuotes };
}
