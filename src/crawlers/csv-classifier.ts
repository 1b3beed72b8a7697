// CSV classification, the built-in classifier's rules and a custom CSV classifier's options. A file
// is CSV when one delimiter splits it into ≥ 2 columns and ≥ 2 rows, consistently. The first row is
// a header only when every cell of it is a short string and some data column is not a string
// (otherwise it is not "sufficiently different"); without one, columns are col0, col1, …
import { parseCsv, type ParsedCsv } from './csv-parse.js';
import { collectValues, noMatch, TEXT_INPUT, TEXT_OUTPUT, type FileSchema, type FormatSpec, type Verdict } from './file-schema.js';
import { prim } from './glue-type.js';
import { BUILTIN_TEXT_TYPES, isTyped, textColumnType } from './text-types.js';
import type { TextSample } from './text-sample.js';

export interface CsvOptions {
  delimiters: string[];
  quote: string;
  header: 'UNKNOWN' | 'PRESENT' | 'ABSENT';
  names?: string[];
  allowSingleColumn: boolean;
  trim: boolean;
  /** CustomDatatypes spellings (LONG, DOUBLE …) the column types may take. */
  types: string[];
  serde: 'LazySimpleSerDe' | 'OpenCSVSerDe';
}

export const BUILTIN_CSV: CsvOptions = {
  delimiters: [',', '|', '\t', ';', '\u0001'],
  quote: '"',
  header: 'UNKNOWN',
  allowSingleColumn: false,
  trim: true,
  types: BUILTIN_TEXT_TYPES,
  serde: 'LazySimpleSerDe',
};

/** Records, or the reason they are not a table. */
const MAX_RECORDS = 1000;
const MAX_HEADER_CELL = 150;

function shape(p: ParsedCsv, opts: CsvOptions): number | string {
  if (p.unterminated) return 'a quoted field never ends';
  if (p.records.length < 2) return 'fewer than two rows';
  const width = p.records[0].length;
  if (width < 2 && !opts.allowSingleColumn) return 'fewer than two columns';
  const ragged = p.records.filter((r) => r.length !== width).length;
  // One ragged row in a hundred is a defect to report downstream, not a reason to call it not-CSV.
  if (ragged > Math.floor(p.records.length / 100))
    return `rows have differing numbers of columns (${ragged} of ${p.records.length} differ from the first)`;
  return width;
}

function detectHeader(rows: string[][], width: number, opts: CsvOptions): boolean {
  if (opts.header !== 'UNKNOWN') return opts.header === 'PRESENT';
  const [first, ...data] = rows;
  const cell = (v: string | undefined) => (opts.trim ? (v ?? '').trim() : (v ?? ''));
  const headerOk = first.slice(0, width).every((raw, i) => {
    const last = i === width - 1;
    const v = raw.trim();
    if (v === '') return last;
    return !isTyped(v, opts.types) && (last || v.length < MAX_HEADER_CELL) && !/[\u0000-\u001f]/.test(v);
  });
  if (!headerOk) return false;
  // "Sufficiently different": some column of the data rows reads as something other than a string.
  for (let c = 0; c < width; c++) {
    if (
      textColumnType(
        data.map((r) => cell(r[c])),
        opts.types,
      ) !== 'string'
    )
      return true;
  }
  return false;
}

function columnNames(header: string[] | undefined, width: number, explicit?: string[]): string[] {
  const seen = new Set<string>();
  return Array.from({ length: width }, (_, i) => {
    const base = (explicit?.[i] ?? header?.[i] ?? '').trim().toLowerCase() || `col${i}`;
    let name = base;
    for (let n = 1; seen.has(name); n++) name = `${base}_${n}`;
    seen.add(name);
    return name;
  });
}

export function classifyCsv(sample: TextSample, opts: CsvOptions): Verdict {
  let best: { p: ParsedCsv; width: number; delimiter: string } | undefined;
  let reason = 'no delimiter splits the rows consistently';
  for (const d of opts.delimiters) {
    const p = parseCsv(sample.text, d, opts.quote, { complete: sample.complete, maxRecords: MAX_RECORDS });
    const s = shape(p, opts);
    if (typeof s === 'string') {
      if (d === opts.delimiters[0]) reason = s;
      continue;
    }
    if (!best || s > best.width) best = { p, width: s, delimiter: d };
  }
  if (!best) return noMatch(`not CSV: ${reason}`);
  const { p, delimiter } = best;
  let width = best.width;
  const rows = p.records.filter((r) => r.length === width);
  const problems = csvProblems(p, width);
  // A trailing delimiter on every line makes an empty last column; it is not data.
  if (width > 2 && rows.every((r) => r[width - 1].trim() === '')) width--;
  const header = detectHeader(rows, width, opts);
  const data = header ? rows.slice(1) : rows;
  const names = columnNames(header ? rows[0] : undefined, width, opts.names);
  const values = new Map<string, string[]>();
  const columns = names.map((name, c) => {
    const cells = data.map((r) => (opts.trim ? r[c].trim() : r[c]));
    for (const v of cells) collectValues(values, name, v);
    const type = opts.serde === 'OpenCSVSerDe' ? 'string' : textColumnType(cells, opts.types);
    return { name, type: prim(type) };
  });
  const whole = sample.complete && p.records.length < MAX_RECORDS;
  const records = whole ? data.length : Math.max(data.length, Math.round((data.length * sample.text.length) / Math.max(1, p.consumed)));
  const schema: FileSchema = {
    format: csvFormat(delimiter, opts, header, p.quoted),
    compression: sample.compression,
    columns,
    records,
    sampleBytes: p.consumed,
    complete: whole,
    values,
    problems: problems.length ? problems : undefined,
  };
  return { certainty: 1, schema };
}

/** The lines left out of the sample's schema: unclosed quotes, rows of another width. */
function csvProblems(p: ParsedCsv, width: number): string[] {
  const lines = (ns: number[]) => `line${ns.length > 1 ? 's' : ''} ${ns.slice(0, 5).join(', ')}${ns.length > 5 ? ', …' : ''}`;
  const problems: string[] = [];
  const open = p.unterminatedLines;
  if (open.length)
    problems.push(`a quoted field never ends on ${lines(open)}; ${open.length === 1 ? 'that record was' : 'those records were'} left out`);
  const ragged = p.lines.filter((_, i) => p.records[i].length !== width);
  if (ragged.length) problems.push(`${ragged.length} row(s) do not have ${width} fields (${lines([...new Set(ragged)])})`);
  return problems;
}

function csvFormat(delimiter: string, opts: CsvOptions, header: boolean, quoted: boolean): FormatSpec {
  const open = opts.serde === 'OpenCSVSerDe';
  const parameters: Record<string, string> = { delimiter, areColumnsQuoted: String(quoted), columnsOrdered: 'true' };
  if (header) parameters['skip.header.line.count'] = '1';
  return {
    classification: 'csv',
    inputFormat: TEXT_INPUT,
    outputFormat: TEXT_OUTPUT,
    serdeLibrary: open ? 'org.apache.hadoop.hive.serde2.OpenCSVSerde' : 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
    serdeParameters: open ? { separatorChar: delimiter, quoteChar: opts.quote, escapeChar: '\\' } : { 'field.delim': delimiter },
    parameters,
    compatKey: `csv:${JSON.stringify(delimiter)}:${header ? 'header' : 'noheader'}`,
  };
}
