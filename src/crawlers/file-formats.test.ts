// Whole files through sampling and the classification pipeline: compressed text (gzip, bzip2,
// snappy), Avro, Parquet through the real DuckDB engine, and files no classifier accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import avro from 'avsc';
import snappy from 'snappyjs';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { classify, customSpec } from './classify.js';
import { sampleFile, UnreadableFile } from './file-sample.js';
import { renderType } from './glue-type.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { QueryEngine } from '../engine/query-engine.js';

let p: TestProject;
let store: ObjectStore;
let engine: QueryEngine | undefined;
const access = (key: string) => ({
  localFile: async () => store.localPath(key)!,
  engine: async () => (engine ??= await p.sluice.services.openEngine()),
});
const CSV = 'id,name,amount\n1,ann,2.5\n2,bob,3\n';

async function put(name: string, body: Buffer | string): Promise<string> {
  const key = `lake/raw/files/${name}`;
  await store.write(key, body);
  return key;
}

async function schemaOf(key: string, customs = [] as ReturnType<typeof customSpec>[]) {
  const info = (await store.stat(key))!;
  const s = await classify(await sampleFile(store, key, info.size), customs, access(key));
  return { ...s, cols: s.columns.map((c) => `${c.name}:${renderType(c.type)}`) };
}

beforeAll(async () => {
  p = await openTestProject('sqlite');
  store = p.sluice.services.storage.resolve('lake/raw').store;
});
afterAll(async () => {
  await engine?.close();
  await p?.cleanup();
});

describe('compressed files', () => {
  it('reads gzip, bzip2 and snappy (framed and Hadoop) and records the compression', async () => {
    const bz = join(p.dir, 'data.csv');
    writeFileSync(bz, CSV);
    execFileSync('bzip2', ['-k', bz]);
    const framed = Buffer.concat([
      Buffer.from([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]),
      chunk(0x00, Buffer.concat([Buffer.alloc(4), Buffer.from(snappy.compress(Buffer.from(CSV)))])),
    ]);
    const block = Buffer.from(snappy.compress(Buffer.from(CSV)));
    const hadoop = Buffer.concat([u32(CSV.length), u32(block.length), block]);
    const cases: [string, Buffer, string][] = [
      ['a.csv.gz', gzipSync(CSV), 'gzip'],
      ['b.csv.bz2', Buffer.from(execFileSync('cat', [`${bz}.bz2`])), 'bzip2'],
      ['c.csv.sz', framed, 'snappy'],
      ['d.csv.snappy', hadoop, 'snappy'],
    ];
    for (const [name, body, compression] of cases) {
      const s = await schemaOf(await put(name, body));
      expect(s.compression, name).toBe(compression);
      expect(s.cols, name).toEqual(['id:bigint', 'name:string', 'amount:double']);
    }
  });

  it('reports corrupt and unsupported compression as unreadable', async () => {
    const corrupt = gzipSync(CSV.repeat(50));
    corrupt.fill(0x41, 20, 40);
    await expect(schemaOf(await put('bad.csv.gz', corrupt))).rejects.toThrow(/corrupt gzip/);
    await expect(schemaOf(await put('e.lz4', Buffer.from([0x04, 0x22, 0x4d, 0x18, 1, 2, 3, 4])))).rejects.toThrow(
      /lz4-compressed files are not supported/,
    );
    await expect(schemaOf(await put('f.csv.bz2', Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(40, 0x55)])))).rejects.toThrow(
      /corrupt bzip2/,
    );
  });
});

describe('binary formats', () => {
  it('reads an Avro file’s schema from its header and counts its records', async () => {
    const schema = {
      type: 'record',
      name: 'Order',
      fields: [
        { name: 'Id', type: 'long' },
        { name: 'note', type: ['null', 'string'] },
        { name: 'placed', type: { type: 'long', logicalType: 'timestamp-millis' } },
        {
          name: 'lines',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'Line',
              fields: [
                { name: 'sku', type: 'string' },
                { name: 'qty', type: 'int' },
              ],
            },
          },
        },
      ],
    };
    const type = avro.Type.forSchema(schema as avro.Schema);
    const body = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      const enc = new avro.streams.BlockEncoder(type, { blockSize: 64, writeHeader: true });
      enc.on('data', (c: Buffer) => chunks.push(c));
      enc.on('end', () => resolve(Buffer.concat(chunks)));
      for (let i = 0; i < 30; i++) enc.write({ Id: i, note: null, placed: i, lines: [{ sku: 'x', qty: 1 }] });
      enc.end();
    });
    const s = await schemaOf(await put('orders.avro', body));
    expect(s.format.classification).toBe('avro');
    expect(s.cols).toEqual(['id:bigint', 'note:string', 'placed:bigint', 'lines:array<struct<sku:string,qty:int>>']);
    expect(s.records).toBe(30);
    expect(JSON.parse(s.format.parameters['avro.schema.literal']).name).toBe('Order');
  });

  it('reads a Parquet file’s schema and row count through DuckDB', async () => {
    const key = 'lake/raw/files/p.parquet';
    mkdirSync(join(p.dir, 'lake/raw/files'), { recursive: true });
    const e = (engine ??= await p.sluice.services.openEngine());
    await e.query(
      `COPY (SELECT i::BIGINT AS id, 'n' || i AS name, (i * 1.5)::DOUBLE AS amount, DATE '2024-01-01' + i::INTEGER AS day, [i, i + 1] AS pair, {'a': i} AS s FROM range(5) t(i)) TO '${store.localPath(key)}' (FORMAT parquet)`,
    );
    const s = await schemaOf(key);
    expect(s.format.classification).toBe('parquet');
    expect(s.compression).toBe('none');
    expect(s.cols).toEqual(['id:bigint', 'name:string', 'amount:double', 'day:date', 'pair:array<bigint>', 's:struct<a:bigint>']);
    expect(s.records).toBe(5);
  });

  it('reports a corrupt Parquet file and an ORC file as unreadable, with the reason', async () => {
    await expect(
      schemaOf(await put('broken.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')]))),
    ).rejects.toThrow(/corrupt Parquet/);
    await expect(schemaOf(await put('x.orc', Buffer.concat([Buffer.from('ORC'), Buffer.alloc(32)])))).rejects.toThrow(/ORC/);
    await expect(schemaOf(await put('empty.csv', ''))).rejects.toThrow(UnreadableFile);
    await expect(schemaOf(await put('noise.bin', Buffer.from([0, 1, 2, 3, 0, 5])))).rejects.toThrow(/no classifier recognised/);
  });
});

describe('the classification pipeline', () => {
  it('lets a custom classifier that is certain win over the built-ins, in the crawler’s order', async () => {
    const key = await put('tickets.txt', 'AB-1 login fails\nCD-22 export slow\n');
    const grok = customSpec({
      GrokClassifier: { Name: 'tickets', Classification: 'tickets', GrokPattern: '%{NOTSPACE:id} %{GREEDYDATA:title}' },
    });
    const csv = customSpec({ CsvClassifier: { Name: 'spaces', Delimiter: ' ', ContainsHeader: 'ABSENT', AllowSingleColumn: false } });
    expect((await schemaOf(key, [grok, csv])).format.classification).toBe('tickets');
    expect((await schemaOf(key, [csv, grok])).format.classification).toBe('csv');
  });

  it('falls back to a custom classifier’s partial match when nothing is certain', async () => {
    const key = await put('mixed.log', 'AB-1 ok\nnot matching at all here\nCD-2 ok\n');
    const grok = customSpec({ GrokClassifier: { Name: 't', Classification: 'tickets', GrokPattern: '%{WORD:a}-%{INT:n} %{WORD:b}' } });
    expect((await schemaOf(key, [grok])).format.classification).toBe('tickets');
  });
});

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function chunk(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h[0] = type;
  h.writeUIntLE(body.length, 1, 3);
  return Buffer.concat([h, body]);
}
