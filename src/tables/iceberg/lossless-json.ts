// Iceberg's metadata JSON holds 64-bit snapshot ids and sequence numbers as bare JSON numbers, and
// engines other than Sluice pick ids anywhere up to 2^63. JSON.parse would round them past 2^53, so
// integers that are not safe numbers come back as bigint, and bigints are written back as digits.

const BIG = '\u0000bigint:';

/** Parses JSON; integers outside Number's safe range become bigint. */
export function parseLossless(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      // Copy the string literal whole, escapes included.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))!;
      const n = m[0];
      out += !m[1] && !m[2] && !Number.isSafeInteger(Number(n)) ? JSON.stringify(BIG + n) : n;
      i += n.length;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out, (_k, v: unknown) => (typeof v === 'string' && v.startsWith(BIG) ? BigInt(v.slice(BIG.length)) : v));
}

/** JSON.stringify that writes bigint as a bare integer. */
export function stringifyLossless(value: unknown, space?: number): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? BIG + v.toString() : v), space);
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

/** A long from parsed JSON (number or bigint) as bigint. */
export const toBig = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as number));
