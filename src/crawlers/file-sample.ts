// The head of a file, decompressed: what every text classifier looks at. Glue reads "the first 1,000
// records or the first megabyte"; Sluice reads the first megabyte of data, so a crawl's cost grows
// with the number of files, not their size.
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ObjectStore } from '../storage/object-store.js';
import { decodeSnappy, detectCompression, readUpTo, streamDecoder, type Compression } from './compression.js';

export const SAMPLE_BYTES = 1 << 20;

export interface FileSample {
  key: string;
  /** Size of the stored object (compressed). */
  size: number;
  compression: Compression;
  /** Up to SAMPLE_BYTES of the file's (decompressed) content. */
  data: Buffer;
  /** True when data is the whole (decompressed) file. */
  complete: boolean;
}

/** Thrown for files that cannot be sampled; the message is the reason a crawl report gives. */
export class UnreadableFile extends Error {}

/** The first bytes of a local file in one read: far cheaper than a stream for many small files. */
async function localHead(path: string, size: number, limit: number): Promise<{ head: Buffer; whole: boolean }> {
  const fh = await open(path, 'r');
  try {
    // One byte more than expected tells a file that grew since it was listed from one read whole.
    const buf = Buffer.allocUnsafe(Math.min(size, limit) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0 || (n += bytesRead) === buf.length) break;
    }
    return { head: buf.subarray(0, Math.min(n, limit)), whole: n < buf.length };
  } finally {
    await fh.close();
  }
}

/** The stored object as a stream, starting with the head already read. */
async function streamFrom(store: ObjectStore, key: string): Promise<{ head: Buffer | undefined; rest: Readable }> {
  const raw = await store.read(key);
  const it = raw[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return { head: undefined, rest: raw };
  const head = first.value as Buffer;
  const rest = Readable.from(
    (async function* () {
      try {
        yield head;
        for (;;) {
          const n = await it.next();
          if (n.done) return;
          yield n.value as Buffer;
        }
      } finally {
        raw.destroy();
      }
    })(),
    { objectMode: false },
  );
  return { head, rest };
}

export async function sampleFile(store: ObjectStore, key: string, size: number, limit = SAMPLE_BYTES): Promise<FileSample> {
  const local = store.localPath(key);
  let head: Buffer | undefined;
  let rest: Readable | undefined;
  let whole = false;
  if (local !== undefined) ({ head, whole } = await localHead(local, size, limit));
  else ({ head, rest } = await streamFrom(store, key));
  if (!head?.length) {
    rest?.destroy();
    return { key, size, compression: 'none', data: Buffer.alloc(0), complete: true };
  }
  const compression = detectCompression(head.length >= 16 ? head : Buffer.concat([head, Buffer.alloc(16)]), key);
  if (typeof compression === 'object') {
    rest?.destroy();
    throw new UnreadableFile(`${compression.unsupported}-compressed files are not supported`);
  }
  if (compression === 'none' && local !== undefined) return { key, size, compression, data: head, complete: whole };
  // A local file read whole is decoded from memory; otherwise the stream is (re)opened.
  const source = rest ?? (whole ? Readable.from([head]) : (await streamFrom(store, key)).rest);
  try {
    return { key, size, compression, ...(await decode(source, compression, limit)) };
  } catch (e) {
    throw new UnreadableFile(`corrupt ${compression} data: ${(e as Error).message}`);
  } finally {
    source.destroy();
  }
}

async function decode(source: Readable, compression: Compression, limit: number): Promise<{ data: Buffer; complete: boolean }> {
  if (compression === 'none') return readUpTo(source, limit);
  if (compression === 'snappy') {
    // Snappy has no streaming decoder here; compressed data is rarely more than 4× smaller.
    const compressed = await readUpTo(source, limit * 4);
    return decodeSnappy(compressed.data, limit);
  }
  const decoder = streamDecoder(compression);
  // Errors of the compressed stream surface through the decoder's output, which readUpTo iterates.
  source.on('error', (e) => decoder.output.destroy(e));
  source.pipe(decoder.input);
  try {
    return await readUpTo(decoder.output, limit);
  } finally {
    source.unpipe(decoder.input);
    decoder.input.destroy?.();
  }
}
