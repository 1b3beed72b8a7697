// Avro object container files for tests, written by avsc (blockSize small, so a file has several
// blocks), and a way to find a block's byte offset to damage it.
import { writeFile } from 'node:fs/promises';
import avro from 'avsc';

export const ROW_SCHEMA = {
  type: 'record',
  name: 'Row',
  fields: [
    { name: 'Id', type: 'long' },
    { name: 'name', type: ['null', 'string'] },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'tags', type: { type: 'array', items: 'string' } },
  ],
};

export const avroRows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, j) => {
    const i = from + j;
    return { Id: i, name: i % 3 ? `n${i}` : null, at: 1_700_000_000_000 + i, tags: ['a', `t${i}`] };
  });

/** The bytes of an Avro file of the rows; blockSize bytes a block. */
export async function avroBytes(rows: Record<string, unknown>[], schema: object = ROW_SCHEMA, blockSize = 64): Promise<Buffer> {
  // The schema itself (not a Type): avsc then writes it whole into the header, logical types included.
  const enc = new avro.streams.BlockEncoder(schema as avro.Schema, { blockSize, codec: 'null' } as never);
  const chunks: Buffer[] = [];
  enc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise((r) => enc.on('end', r));
  for (const r of rows) enc.write(r);
  enc.end();
  await done;
  return Buffer.concat(chunks);
}

export async function avroFile(
  path: string,
  rows: Record<string, unknown>[],
  schema: object = ROW_SCHEMA,
  blockSize = 64,
): Promise<Buffer> {
  const data = await avroBytes(rows, schema, blockSize);
  await writeFile(path, data);
  return data;
}

/** Byte offset where block n (1-based) starts: just past the (n)th sync marker (the header's is the first). */
export function blockOffset(data: Buffer, n: number): number {
  const sync = data.subarray(data.length - 16);
  let at = -1;
  for (let k = 0; k < n; k++) at = data.indexOf(sync, at + 1);
  return at + 16;
}

/** The file with block n's data overwritten (its framing intact, so only that block is lost). */
export function damageBlock(data: Buffer, n: number): Buffer {
  const copy = Buffer.from(data);
  const at = blockOffset(copy, n);
  copy.fill(0xff, at + 4, at + 12);
  return copy;
}
