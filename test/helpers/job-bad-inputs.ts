// A corpus of bad inputs for jobs, generated (never checked in): each kind of damage issue 15 names,
// with good files to put beside it, and what a reader should find in each. Also the damage the
// fuzz test applies at random (bit flips, truncations, splices), from a seeded generator.
import { gzipSync } from 'node:zlib';

export interface GoodCsv {
  text: string;
  rows: number;
}

/** id,name,amount with `rows` rows; ids start at `from` so files can be told apart. */
export function goodCsv(rows: number, from = 0): GoodCsv {
  const lines = ['id,name,amount'];
  for (let i = from; i < from + rows; i++) lines.push(`${i},name ${i},${(i * 1.25).toFixed(2)}`);
  return { text: `${lines.join('\n')}\n`, rows };
}

/** A .csv.gz cut to a third: zlib fails at its end (DuckDB reads the part that inflates and stops). */
export function truncatedGzip(rows = 20_000): Buffer {
  const full = gzipSync(goodCsv(rows, 100_000).text);
  return full.subarray(0, Math.floor(full.length / 3));
}

/** A CSV whose second row holds one field of `bytes` bytes (longer than DuckDB's 2 MB max_line_size). */
export function hugeFieldCsv(bytes = 50 * 1024 * 1024): { text: string; rows: number; fieldLength: number } {
  return { text: `id,name,amount\n1,${'x'.repeat(bytes)},1.5\n2,short,2.5\n`, rows: 2, fieldLength: bytes };
}

/**
 * Rows of 2, 3 and 5 fields and an unterminated quote among good 3-field rows: which lines are bad,
 * and how many good rows there are. (The unterminated quote runs to the end of the file, so it is
 * the last line.)
 */
export function raggedCsv(): { text: string; good: number; badLines: number[] } {
  const lines = ['id,name,amount'];
  const badLines: number[] = [];
  let good = 0;
  for (let i = 0; i < 40; i++) {
    let line = `${i},n${i},${i}.5`;
    if (i === 5) line = '5,only-two';
    else if (i === 17) line = '17,a,1,extra,fields';
    else if (i % 4 === 0) line = `${i},"n${i}, quoted",${i}.5`;
    lines.push(line);
    if (i === 5 || i === 17) badLines.push(lines.length);
    else good++;
  }
  lines.push('99,"never closed,1.5');
  badLines.push(lines.length);
  return { text: `${lines.join('\n')}\n`, good, badLines };
}

/** 13 NDJSON records, the 7th cut short. */
export function ndjsonWithTruncatedLine(): { text: string; good: number; badLine: number } {
  const lines = Array.from({ length: 13 }, (_, i) => JSON.stringify({ id: i, name: `n${i}`, amount: i + 0.5 }));
  lines[6] = lines[6].slice(0, 12);
  return { text: `${lines.join('\n')}\n`, good: 12, badLine: 7 };
}

/** Bytes that are no text at all, named .csv. */
export function binaryBytes(size = 4096, seed = 7): Buffer {
  const rnd = random(seed);
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = Math.floor(rnd() * 256);
  b[10] = 0; // at least one NUL, as in any binary format
  return b;
}

/** A CSV in ISO-8859-1 (é, à, ü as single bytes): not UTF-8. */
export function latin1Csv(): Buffer {
  return Buffer.from('id,name,amount\n1,café,1.5\n2,à la carte,2.5\n3,Müller,3.5\n', 'latin1');
}

/** A seeded generator (mulberry32), so that a failing fuzz case can be replayed from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Damage = 'bitflip' | 'truncate' | 'splice';

/** The file damaged one way: a few flipped bits, cut at a random point, or another file's tail grafted on. */
export function damage(file: Buffer, other: Buffer, kind: Damage, rnd: () => number): Buffer {
  const out = Buffer.from(file);
  if (kind === 'bitflip') {
    const flips = 1 + Math.floor(rnd() * 8);
    for (let i = 0; i < flips && out.length; i++) out[Math.floor(rnd() * out.length)] ^= 1 << Math.floor(rnd() * 8);
    return out;
  }
  if (kind === 'truncate') return out.subarray(0, Math.floor(rnd() * out.length));
  const at = Math.floor(rnd() * out.length);
  return Buffer.concat([out.subarray(0, at), other.subarray(Math.floor(rnd() * other.length))]);
}
