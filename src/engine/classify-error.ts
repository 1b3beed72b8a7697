// The one place where DuckDB's errors become SluiceErrors. DuckDB reports "<Kind> Error: <text>",
// followed by hints and a "LINE n:" excerpt with a caret; the kind decides who is at fault.
import { SluiceError, type GlueErrorType } from '../kernel/errors.js';

/** Kinds caused by the SQL or the data it reads: the caller can fix them. */
const USER_KINDS = new Set([
  'Parser',
  'Syntax',
  'Binder',
  'Catalog',
  'Conversion',
  'Invalid Input',
  'Out of Range',
  'Constraint',
  'Not implemented',
  'Invalid type',
  'Type Mismatch',
  'Dependency',
  'Sequence',
]);

export interface ParsedDuckDBError {
  /** 'Binder', 'Parser', 'IO' …; undefined when the message does not follow DuckDB's form. */
  kind?: string;
  /** The message on one line, without the LINE excerpt. */
  text: string;
}

export function parseDuckDBError(message: string): ParsedDuckDBError {
  const csv = csvErrorText(message);
  if (csv) return { kind: csv.kind, text: csv.text };
  // extractStatements (used to find a query's tables) wraps the parser's own message.
  const raw = message.replace(/^Failed to extract statements: /, '').split('\n');
  const lines: string[] = [];
  let excerpt: { line: number; text: string; caret: number } | undefined;
  for (const [i, r] of raw.entries()) {
    const line = r.trim();
    // The excerpt of the SQL and its caret only make sense in a terminal with a fixed-width font.
    const m = /^LINE (\d+): /.exec(line);
    if (m) {
      const caret = raw[i + 1]?.indexOf('^') ?? -1;
      if (caret >= 0) excerpt = { line: Number(m[1]), text: r.slice(r.indexOf(m[0]) + m[0].length), caret: caret - m[0].length };
      break;
    }
    if (/^\^$/.test(line)) break;
    if (line) lines.push(line);
  }
  const oneLine = lines.join(' ');
  const kind = /^([A-Za-z ]+?) Error: ([\s\S]*)$/.exec(oneLine)?.[1];
  // A syntax error says where it is, since the excerpt is dropped.
  const at = kind === 'Parser' && excerpt ? ` ${positionOf(excerpt)}` : '';
  return kind ? { kind, text: oneLine + at } : { text: oneLine };
}

/** "at line 2, column 14", or near the text around the caret when DuckDB cut the line short. */
function positionOf(e: { line: number; text: string; caret: number }): string {
  if (!e.text.startsWith('...')) return `at line ${e.line}, column ${e.caret + 1}`;
  const near = e.text
    .slice(Math.max(3, e.caret - 20), e.caret + 20)
    .replace(/\.+$/, '')
    .replace(/^[,\s]+/, '')
    .trim();
  return `at line ${e.line}, near "${near}"`;
}

/**
 * read_csv's record errors span a dozen lines (the line, the cause, "Possible fixes" naming DuckDB
 * options, the dialect); said here as file, line and cause. Never the line itself nor its values: an
 * error must not leak a file the caller may not read (the quarantine keeps the record for those who may).
 */
function csvErrorText(message: string): { kind: string; text: string } | undefined {
  const lines = message.split('\n').map((l) => l.trim());
  const at = lines.findIndex((l) => /^[A-Za-z ]+ Error: CSV Error on Line: \d+/.test(l));
  if (at < 0) return undefined;
  const line = /CSV Error on Line: (\d+)/.exec(lines[at])?.[1];
  const kind = lines[at].slice(0, lines[at].indexOf(' Error: '));
  const causeAt = lines.findIndex((l, i) => i > at && l && !l.startsWith('Original Line: '));
  const cause = causeAt > 0 && !/^Possible (fixes|solutions)/.test(lines[causeAt]) ? lines[causeAt] : 'the line does not parse';
  const file = lines.find((l) => l.startsWith('file = '))?.slice('file = '.length);
  return { kind, text: `${kind} Error: ${file ?? 'CSV file'} line ${line}: ${withoutValues(cause)}` };
}

/**
 * DuckDB's CSV errors quote the offending line of the file and its values, and append the sniffer's
 * settings. A file's lines must never reach an error message (a table over a file the caller may not
 * read would leak it line by line), so the line, the values and the dump are cut; the file's name
 * and the column stay, which is what a person needs to find the problem.
 */
const CONVERTED_VALUE = /Could not convert string (?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*') to/g;
const withoutValues = (text: string) => text.replace(CONVERTED_VALUE, 'Could not convert a value to');

export function withoutFileContents(text: string): string {
  if (!/CSV Error|Original Line:|file = /.test(text)) return text; // values of the caller's own SQL may stay
  const file = / file = (\S+)/.exec(text)?.[1];
  let out = text.replace(/Original Line: [\s\S]*?(?=Error when|$)/, '');
  out = withoutValues(out);
  const cut = /\s(?:Column \S+ is being converted|This type was either|\* |Possible fixes|Possible Solution|file = |Header mismatch)/.exec(
    out,
  );
  if (cut) out = out.slice(0, cut.index);
  return file && out !== text ? `${out.trimEnd()} (file ${file})` : out;
}

export function typeOfKind(kind: string | undefined, text: string): GlueErrorType {
  if (kind === 'Permission') return 'AccessDeniedException';
  if (kind === 'IO' && /No files found/i.test(text)) return 'EntityNotFoundException';
  if (kind === 'Interrupt') return 'OperationTimeoutException';
  if (kind && USER_KINDS.has(kind)) return 'InvalidInputException';
  return 'InternalServiceException';
}

/**
 * Turns anything DuckDB threw into a SluiceError with a one-line message; the original error is kept
 * as cause. `context` (e.g. "Reading s3://b/k.csv") is put in front of the message when given.
 */
export function classifyDuckDBError(err: unknown, context?: string): SluiceError {
  if (err instanceof SluiceError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const { kind, text } = parseDuckDBError(message);
  let out = withoutFileContents(text) || 'DuckDB failed without a message';
  // Sandbox refusals say "disabled by configuration", which reads like a Sluice bug; say what it means.
  if (kind === 'Permission' && /file system operations are disabled/.test(text)) {
    const path = /"([^"]*)"/.exec(text)?.[1];
    out = `Permission Error: SQL here may only read the run's own inputs; ${path ? `'${path}' is not one of them` : 'file access is disabled'}`;
  }
  return new SluiceError(typeOfKind(kind, text), context ? `${context}: ${out}` : out, { cause: err });
}
