import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import avro from 'avsc';
import { avroFile, avroRows, blockOffset, damageBlock } from '../../test/helpers/avro-files.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFile } from './decode-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decode-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const rows = avroRows;
const ndjson = async (p: string) =>
  (await readFile(p, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('Avro to NDJSON', () => {
  it('decodes every record with its types, block by block', async () => {
    const src = join(dir, 'good.avro');
    await avroFile(src, rows(50));
    const out = join(dir, 'good.ndjson');
    const got = await decodeFile(src, out, { format: 'avro', path: src, size: (await readFile(src)).length });
    expect(got).toMatchObject({ records: 50, bad: [] });
    expect(got.columns).toEqual([
      { name: 'Id', type: 'BIGINT' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'at', type: 'TIMESTAMP' },
      { name: 'tags', type: 'VARCHAR[]' },
    ]);
    const lines = await ndjson(out);
    expect(lines[4]).toEqual({ Id: 4, name: 'n4', at: '2023-11-14 22:13:20.004000', tags: ['a', 't4'] });
    expect(lines[3].name).toBeNull();
  });

  it('keeps longs past 2^53 exact', async () => {
    const src = join(dir, 'big.avro');
    const s = { type: 'record', name: 'B', fields: [{ name: 'v', type: 'long' }] };
    const type = avro.Type.forSchema(s as avro.Schema);
    // avsc's own long refuses unsafe numbers; write the bytes of 2^60 + 1 by hand (zig-zag varint).
    const safe = await avroFile(src, [{ v: 7 }], s);
    const seven = type.toBuffer({ v: 7 });
    const big = (1n << 60n) + 1n;
    let z = big << 1n;
    const varint: number[] = [];
    while (z >= 0x80n) {
      varint.push(Number((z & 0x7fn) | 0x80n));
      z >>= 7n;
    }
    varint.push(Number(z));
    const i = safe.lastIndexOf(seven, safe.length - 16);
    // The block's byte size was 1; it becomes the varint's length.
    const patched = Buffer.concat([safe.subarray(0, i - 1), Buffer.from([varint.length * 2]), Buffer.from(varint), safe.subarray(i + 1)]);
    await writeFile(src, patched);
    const out = join(dir, 'big.ndjson');
    const got = await decodeFile(src, out, { format: 'avro', path: src, size: patched.length });
    expect(got.bad).toEqual([]);
    expect((await readFile(out, 'utf8')).trim()).toBe(`{"v":${big}}`);
  });

  it('sets a damaged block aside with its number and offset, and reads the blocks after it', async () => {
    const src = join(dir, 'bad.avro');
    const data = damageBlock(await avroFile(src, rows(40)), 3);
    const third = blockOffset(data, 3);
    await writeFile(src, data);
    const out = join(dir, 'bad.ndjson');
    const got = await decodeFile(src, out, { format: 'avro', path: src, size: data.length });
    expect(got.bad).toHaveLength(1);
    expect(got.bad[0]).toMatchObject({ where: `block 3 at byte ${third}`, offset: third });
    const read = await ndjson(out);
    expect(got.records).toBe(read.length + 1);
    expect(read.length).toBeGreaterThan(30);
    expect(read.at(-1).Id).toBe(39);
  });

  it('names a truncated last block; a file that is not Avro is a file-level problem', async () => {
    const src = join(dir, 'cut.avro');
    const data = await avroFile(src, rows(40));
    await writeFile(src, data.subarray(0, data.length - 20));
    const got = await decodeFile(src, join(dir, 'cut.ndjson'), { format: 'avro', path: src, size: data.length - 20 });
    expect(got.bad).toHaveLength(1);
    expect(got.bad[0].reason).toMatch(/past the end of the file|truncated/);
    await writeFile(join(dir, 'no.avro'), 'a,b\n1,2\n');
    const no = await decodeFile(join(dir, 'no.avro'), join(dir, 'no.ndjson'), { format: 'avro', path: 'no.avro', size: 8 });
    expect(no.problem).toMatch(/not an Avro file/);
  });
});

describe('XML to NDJSON', () => {
  const xml = (rowsText: string) => `<?xml version="1.0"?>\n<catalog>\n${rowsText}</catalog>\n`;
  it('reads row elements with attributes, skips self-closing ones, and names a malformed row by its line', async () => {
    const body =
      '  <book id="b1"><Title>One</Title><price>1.5</price></book>\n' +
      '  <book id="b2"/>\n' +
      '  <book id="b3"><Title>Two</b></book>\n' +
      '  <book id="b4">\n    <Title>Three &amp; more</Title>\n  </book>\n';
    const src = join(dir, 'books.xml');
    await writeFile(src, xml(body));
    const out = join(dir, 'books.ndjson');
    const got = await decodeFile(src, out, { format: 'xml', path: src, size: 0, rowTag: 'book' });
    expect(got.records).toBe(3);
    expect(got.bad).toHaveLength(1);
    expect(got.bad[0]).toMatchObject({ line: 5 });
    expect(got.bad[0].reason).toMatch(/malformed <book>/);
    expect(await ndjson(out)).toEqual([
      { _id: 'b1', Title: 'One', price: '1.5' },
      { _id: 'b4', Title: 'Three & more' },
    ]);
  });

  it('guesses the row tag, reads gzip, streams across chunk boundaries, and names an unclosed last row', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `<r><n>${i}</n></r>`).join('\n');
    const src = join(dir, 'many.xml.gz');
    await writeFile(src, gzipSync(xml(`${many}\n<r><n>x</n>\n`)));
    const out = join(dir, 'many.ndjson');
    const got = await decodeFile(src, out, { format: 'xml', path: src, size: 0 });
    expect(got.records).toBe(5001);
    expect(got.bad).toHaveLength(1);
    expect(got.bad[0]).toMatchObject({ line: 5003 });
    expect(got.bad[0].reason).toMatch(/ends inside <r>/);
    const read = await ndjson(out);
    expect(read).toHaveLength(5000);
    expect(read[4999]).toEqual({ n: '4999' });
  });

  it('a file that is not XML is a file-level problem', async () => {
    await writeFile(join(dir, 'x.xml'), '{"a":1}\n');
    const got = await decodeFile(join(dir, 'x.xml'), join(dir, 'x.ndjson'), { format: 'xml', path: 'x.xml', size: 8 });
    expect(got.problem).toMatch(/not XML/);
  });
});
