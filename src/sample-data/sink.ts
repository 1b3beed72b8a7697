// Streams generated lines into an ObjectStore object. Lines are pulled lazily from a generator and
// batched into ~64 KiB chunks, so memory stays bounded however many rows a file holds.
import { Readable, pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { ObjectStore } from '../storage/object-store.js';

export interface WrittenFile {
  /** The key inside the raw zone's store. */
  key: string;
  rows: number;
  bytes: number;
}

const CHUNK_CHARS = 64 * 1024;

/** Writes each line followed by '\n'. rows counts the lines the generator yielded. */
export async function writeLines(
  store: ObjectStore,
  key: string,
  lines: Iterable<string>,
  options: { gzip?: boolean; header?: string } = {},
): Promise<WrittenFile> {
  let rows = 0;
  function* chunks(): Generator<string> {
    let buf = options.header === undefined ? '' : `${options.header}\n`;
    for (const line of lines) {
      rows++;
      buf += `${line}\n`;
      if (buf.length >= CHUNK_CHARS) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  const source = Readable.from(chunks(), { objectMode: false });
  // Level 6 is zlib's default; with a fixed level and Node's zero mtime the gzip bytes are reproducible.
  const body = options.gzip ? pipeline(source, createGzip({ level: 6 }), () => {}) : source;
  const info = await store.write(key, body);
  return { key, rows, bytes: info.size };
}

/** Joins a zone prefix and a relative key without doubling or leading slashes. */
export function joinKey(prefix: string, rel: string): string {
  const p = prefix.replace(/\/+$/, '');
  return p ? `${p}/${rel}` : rel;
}
