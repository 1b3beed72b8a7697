// Whole-file compression of text inputs, inflated in Node: gzip by zlib, zstd by fzstd (pure JS;
// Node 20's zlib has no zstd), bzip2 by unbzip2-stream. Used to inspect a file before DuckDB reads
// it (DuckDB reads a truncated .csv.gz or .zst as a short file, without a word) and to decode what
// DuckDB cannot read at all (bzip2, Avro, XML). Each decoder fails on a truncated or damaged stream.
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import bz2 from 'unbzip2-stream';

export type Codec = 'gzip' | 'zstd' | 'bzip2' | 'none';

/** The codec from the reader's compression option, else the file name (as DuckDB's 'auto' does, plus .bz2). */
export function codecOf(option: string | undefined, path: string): Codec {
  const o = option?.toLowerCase();
  if (o === 'gzip') return 'gzip';
  if (o === 'zstd') return 'zstd';
  if (o === 'bz2' || o === 'bzip2') return 'bzip2';
  if (o === 'none' || o === 'uncompressed') return 'none';
  if (/\.(gz|gzip)$/i.test(path)) return 'gzip';
  if (/\.(zst|zstd)$/i.test(path)) return 'zstd';
  if (/\.(bz2|bzip2)$/i.test(path)) return 'bzip2';
  return 'none';
}

/** The file name without its compression suffix (for a decompressed copy). */
export const withoutCodecSuffix = (name: string) => name.replace(/\.(gz|gzip|zst|zstd|bz2|bzip2)$/i, '');

/** The bytes of `raw` decompressed; the stream errors on truncated or damaged data. */
export function decompressed(raw: Readable, codec: Codec): Readable {
  if (codec === 'none') return raw;
  const decoder = decoderStream(codec);
  raw.on('error', (e: Error) => decoder.destroy(e));
  raw.pipe(decoder);
  return decoder;
}

/** A stream that takes the compressed bytes in and gives the data out. */
export function decoderStream(codec: Exclude<Codec, 'none'>): Transform {
  return codec === 'gzip' ? createGunzip() : codec === 'zstd' ? zstdStream() : bzip2Stream();
}

function zstdStream(): Transform {
  let ended = false;
  const d = new Decompress((chunk, final) => {
    out.push(Buffer.from(chunk));
    if (final) ended = true;
  });
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        if (ended) throw new Error('data after the end of the zstd stream');
        d.push(chunk);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb) {
      try {
        if (!ended) d.push(new Uint8Array(0), true);
        cb(ended ? null : new Error('unexpected end of zstd data: the file is truncated'));
      } catch (e) {
        cb(e as Error);
      }
    },
  });
  return out;
}

function bzip2Stream(): Transform {
  // unbzip2-stream is an old-style through stream; wrapped, it reads like any other.
  const classic = bz2();
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      classic.write(chunk);
      cb();
    },
    flush(cb) {
      classic.once('end', () => cb());
      classic.end();
    },
  });
  classic.on('data', (b: Buffer) => out.push(b));
  classic.on('error', (e: Error) => out.destroy(e));
  return out;
}
