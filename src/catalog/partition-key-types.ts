// Partition values are stored as strings, but Glue compares them by their key's declared type:
// an int key puts '10' after '9', a date key compares chronologically. This module turns a value
// into something comparable for its key's type, and orders whole value lists for GetPartitions.

/** The partition key types GetPartitions' Expression supports, grouped by how they compare. */
export type KeyFamily = 'string' | 'integer' | 'decimal' | 'date' | 'timestamp';

const FAMILIES: Record<string, KeyFamily> = {
  string: 'string',
  varchar: 'string',
  char: 'string',
  int: 'integer',
  integer: 'integer',
  bigint: 'integer',
  long: 'integer',
  tinyint: 'integer',
  smallint: 'integer',
  decimal: 'decimal',
  date: 'date',
  timestamp: 'timestamp',
};

/** The family of a Hive column type such as 'int', 'varchar(10)' or 'decimal(10,2)'; undefined if unsupported. */
export function keyFamily(type: string | undefined): KeyFamily | undefined {
  // Glue accepts a column without a Type; it can only be compared as text.
  if (type === undefined) return 'string';
  return FAMILIES[
    type
      .trim()
      .toLowerCase()
      .replace(/\s*\(.*$/, '')
  ];
}

/** An exact decimal: n × 10^-scale. */
export interface Dec {
  n: bigint;
  scale: number;
}
export type Comparable = string | bigint | Dec;

/** Hive writes a NULL partition value as this directory name; the Expression sees it as NULL. */
export const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

const pad = (s: string | number, n: number) => String(s).padStart(n, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The value as a comparable of its family, or undefined when the text is not of that type. */
export function parseValue(family: KeyFamily, text: string): Comparable | undefined {
  switch (family) {
    case 'string':
      return text;
    case 'integer':
      return /^[+-]?\d+$/.test(text) ? BigInt(text) : undefined;
    case 'decimal': {
      // As Java's BigDecimal reads it: an optional exponent, '3e14' or '2.5E-3'.
      const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/.exec(text);
      if (!m || (m[2] === '' && !m[3])) return undefined;
      const frac = m[3] ?? '';
      const n = BigInt(`${m[1]}${m[2] || '0'}${frac}`);
      const scale = frac.length - Number(m[4] ?? 0);
      return scale >= 0 ? { n, scale } : { n: n * 10n ** BigInt(-scale), scale: 0 };
    }
    case 'date': {
      // Canonical 'yyyy-mm-dd' compares chronologically as text.
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
      if (!m || !validDate(+m[1], +m[2], +m[3])) return undefined;
      return `${m[1]}-${pad(m[2], 2)}-${pad(m[3], 2)}`;
    }
    case 'timestamp': {
      const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(text);
      if (!m || !validDate(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) return undefined;
      return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}.${(m[7] ?? '').padEnd(9, '0')}`;
    }
  }
}

/** What the value must look like, for messages ("'x' is not an integer"). */
export const FAMILY_NOUN: Record<KeyFamily, string> = {
  string: 'a string',
  integer: 'an integer',
  decimal: 'a decimal',
  date: 'a date (yyyy-mm-dd)',
  timestamp: 'a timestamp (yyyy-mm-dd hh:mm:ss[.fffffffff])',
};

const sign = (x: bigint) => (x < 0n ? -1 : x > 0n ? 1 : 0);

export function compareComparable(a: Comparable, b: Comparable): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' && typeof b === 'bigint') return sign(a - b);
  const da = toDec(a);
  const db = toDec(b);
  const scale = Math.max(da.scale, db.scale);
  return sign(da.n * 10n ** BigInt(scale - da.scale) - db.n * 10n ** BigInt(scale - db.scale));
}

function toDec(v: Comparable): Dec {
  if (typeof v === 'bigint') return { n: v, scale: 0 };
  if (typeof v === 'string') throw new Error(`cannot compare text '${v}' with a number`);
  return v;
}

/** A partition's values prepared once for sorting: parsed where they parse, raw text always. */
export type SortKey = { raw: string; parsed: Comparable | undefined }[];

export function sortKey(values: string[], families: (KeyFamily | undefined)[]): SortKey {
  return values.map((raw, i) => {
    const f = families[i];
    return { raw, parsed: f && f !== 'string' && raw !== HIVE_NULL ? parseValue(f, raw) : undefined };
  });
}

/**
 * A total order over value lists: each value by its key's type, values that do not parse (and the
 * Hive NULL) after those that do, and the raw text as the tie-break, so that '1' and '01' of an int
 * key still have a fixed order and a key-based page token never skips or repeats a partition.
 */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    let c: number;
    if (x.parsed !== undefined && y.parsed !== undefined) c = compareComparable(x.parsed, y.parsed);
    else c = x.parsed !== undefined ? -1 : y.parsed !== undefined ? 1 : 0;
    if (c === 0) c = x.raw < y.raw ? -1 : x.raw > y.raw ? 1 : 0;
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
