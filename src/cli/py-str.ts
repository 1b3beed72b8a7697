// Values as the AWS CLI's text and table output prints them: Python's str() of the parsed response
// (True/False/None), with timestamps already ISO 8601 strings (cli_timestamp_format iso8601).
import { eastAsianWidth } from 'get-east-asian-width';

export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? String(v) : pyFloat(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Python's repr of a float: scientific from 1e16 or below 1e-4, as Python switches. */
function pyFloat(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e16 || a < 1e-4) return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(v);
}

/** Display width as the CLI counts it: wide, full-width and ambiguous East Asian characters take two columns. */
export function textLength(text: string): number {
  let n = 0;
  for (const ch of text) n += eastAsianWidth(ch.codePointAt(0)!, { ambiguousAsWide: true });
  return n;
}
