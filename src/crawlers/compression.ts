// Whole-file compression, recognised by its magic bytes (and, for Hadoop's magic-less snappy, by the
// .snappy suffix). Only the head of a file is ever decompressed: classification reads the first
// megabyte of data, whatever the file's size.
import { createGunzip } from 'node:zlib';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import bz2 from 'unbzip2-stream';
import snappy from 'snappyjs';
import { decoderStream } from '../engine/decompress.js';

export type Compression = 'none' | 'gzip' | 'bzip2' | 'zstd' | 'snappy';

const SNAPPY_FRAMED = Buffer.from([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]);

/** The compression of a file from its first bytes, or the name of a codec Sluice cannot read. */
export function detectCompression(head: Buffer, key: string): Compression | { unsupported: string } {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.subarray(0, 3).toString('latin1') === 'BZh' && head[3] >= 0x31 && head[3] <= 0x39) return 'bzip2';
  if (head.subarray(0, SNAPPY_FRAMED.length).equals(SNAPPY_FRAMED)) return 'snappy';
  if (/\.snappy$/i.test(key)) return 'snappy';
  if (head.readUInt32LE(0) === 0x184d2204) return { unsupported: 'lz4' };
  if (head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (head.subarray(0, 4).toString('latin1') === 'PK\x03\x04') return { unsupported: 'zip' };
  if (head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return { unsupported: 'xz' };
  return 'none';
}

/** A decoder: write the compressed stream into `input`, read the data from `output`. */
export function streamDecoder(compression: 'gzip' | 'bzip2' | 'zstd'): { input: Writable; output: Readable } {
  if (compression === 'zstd') {
    // fzstd (engine/decompress.ts): Node 20's zlib has no zstd.
    const zstd = decoderStream('zstd');
    return { input: zstd, output: zstd };
  }
  if (compression === 'gzip') {
    const gunzip = createGunzip();
    return { input: gunzip, output: gunzip };
  }
  // unbzip2-stream is an old-style stream: piped into a PassThrough, it reads like any other.
  const classic = bz2();
  const output = new PassThrough();
  classic.on('error', (e: Error) => output.destroy(e));
  classic.pipe(output);
  return { input: classic as unknown as Writable, output };
}

/**
 * Decodes snappy data, framed (the snappy stream format) or Hadoop's block format, stopping once
 * `limit` bytes are out. complete is false when there was more.
 */
export function decodeSnappy(raw: Buffer, limit: number): { data: Buffer; complete: boolean } {
  const out: Buffer[] = [];
  let size = 0;
  const push = (b: Uint8Array) => {
    out.push(Buffer.from(b));
    size += b.length;
  };
  let i = 0;
  if (raw.subarray(0, SNAPPY_FRAMED.length).equals(SNAPPY_FRAMED)) {
    i = SNAPPY_FRAMED.length;
    while (i + 4 <= raw.length && size < limit) {
      const type = raw[i];
      const len = raw.readUIntLE(i + 1, 3);
      const body = raw.subarray(i + 4, i + 4 + len);
      if (body.length < len) break;
      // Chunk bodies start with a 4-byte masked CRC; 0x00 is compressed, 0x01 stored, others are skippable.
      if (type === 0x00) push(snappy.uncompress(body.subarray(4)));
      else if (type === 0x01) push(body.subarray(4));
      i += 4 + len;
    }
  } else {
    while (i + 8 <= raw.length && size < limit) {
      const blockLen = raw.readUInt32BE(i);
      i += 4;
      let produced = 0;
      while (produced < blockLen && i + 4 <= raw.length) {
        const chunkLen = raw.readUInt32BE(i);
        const chunk = raw.subarray(i + 4, i + 4 + chunkLen);
        if (chunk.length < chunkLen) throw new Error('truncated snappy block');
        const data = snappy.uncompress(chunk);
        push(data);
        produced += data.length;
        i += 4 + chunkLen;
      }
    }
  }
  const data = Buffer.concat(out);
  return { data: data.subarray(0, limit), complete: i >= raw.length && data.length <= limit };
}

/** Reads from a stream until `limit` bytes arrived or it ended; destroys it either way. */
export async function readUpTo(stream: Readable, limit: number): Promise<{ data: Buffer; complete: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let complete = true;
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      chunks.push(b);
      size += b.length;
      if (size >= limit) {
        complete = false;
        break;
      }
    }
  } finally {
    stream.destroy();
  }
  const data = Buffer.concat(chunks);
  // Exactly `limit` bytes with nothing after would be reported incomplete; harmless for sampling.
  return { data: data.subarray(0, limit), complete };
}
