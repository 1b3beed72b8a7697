// Types of text values (CSV cells, XML text, grok captures). The built-in CSV classifier only ever
// infers bigint, double, boolean and string — dates, timestamps and times stay strings, as Glue's
// crawler-made CSV tables show. A custom CSV classifier can opt into more (CustomDatatypes).

const INT_RE = /^[+-]?\d+$/;
const NUM_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DEC_RE = /^[+-]?(\d+)(?:\.(\d+))?$/;
const BOOL_RE = /^(?:true|false)$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?$/;

const fitsIn = (v: string, bits: number) => {
  if (!INT_RE.test(v)) return false;
  const n = BigInt(v);
  const limit = 1n << BigInt(bits - 1);
  return n >= -limit && n < limit;
};

const validDate = (v: string) => DATE_RE.test(v.slice(0, 10)) && !Number.isNaN(Date.parse(v.slice(0, 10)));

/** Glue type → the test every value must pass. Order is from most to least specific. */
const CANDIDATES: [string, string, (v: string) => boolean][] = [
  ['SHORT', 'smallint', (v) => fitsIn(v, 16)],
  ['INT', 'int', (v) => fitsIn(v, 32)],
  ['LONG', 'bigint', (v) => fitsIn(v, 64)],
  ['DECIMAL', 'decimal', (v) => DEC_RE.test(v)],
  ['DOUBLE', 'double', (v) => NUM_RE.test(v)],
  ['FLOAT', 'float', (v) => NUM_RE.test(v)],
  ['BOOLEAN', 'boolean', (v) => BOOL_RE.test(v)],
  ['DATE', 'date', (v) => DATE_RE.test(v) && validDate(v)],
  ['TIMESTAMP', 'timestamp', (v) => TIMESTAMP_RE.test(v) && validDate(v)],
];

export const BUILTIN_TEXT_TYPES = ['LONG', 'DOUBLE', 'BOOLEAN'];
export const CUSTOM_DATATYPES = ['BINARY', 'BOOLEAN', 'DATE', 'DECIMAL', 'DOUBLE', 'FLOAT', 'INT', 'LONG', 'SHORT', 'STRING', 'TIMESTAMP'];

/** The Glue type of a column from its values (empty values say nothing), among the allowed types. */
export function textColumnType(values: string[], allowed: string[] = BUILTIN_TEXT_TYPES): string {
  const present = values.filter((v) => v !== '');
  if (!present.length) return 'string';
  for (const [name, glue, test] of CANDIDATES) {
    if (!allowed.includes(name) || !present.every(test)) continue;
    return glue === 'decimal' ? decimalType(present) : glue;
  }
  return 'string';
}

function decimalType(values: string[]): string {
  let intDigits = 1;
  let scale = 0;
  for (const v of values) {
    const m = DEC_RE.exec(v)!;
    intDigits = Math.max(intDigits, m[1].replace(/^0+(?=\d)/, '').length);
    scale = Math.max(scale, m[2]?.length ?? 0);
  }
  return `decimal(${Math.min(38, intDigits + scale)},${Math.min(scale, 38)})`;
}

/** True when a value reads as something other than a string under the allowed types. */
export function isTyped(value: string, allowed: string[] = BUILTIN_TEXT_TYPES): boolean {
  return value !== '' && textColumnType([value], allowed) !== 'string';
}
