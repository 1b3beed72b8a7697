import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineProject, type EngineProject } from '../../../test/helpers/engine-project.js';
import type { QueryEngine } from '../../engine/query-engine.js';
import { decodeContainer, encodeContainer } from './avro-io.js';
import { snapshotFiles } from './files.js';
import { parseLossless, stringifyLossless } from './lossless-json.js';
import { memoryPointer } from './memory-pointer.js';
import { decodeValue, encodeValue } from './single-value.js';
import { createTableMetadata, evolveSchema, snapshotSource } from './table.js';
import { writeSnapshot } from './write.js';

let p: EngineProject;
let engine: QueryEngine;
beforeEach(async () => {
  p = engineProject();
  engine = await p.engine();
});
afterEach(() => p.cleanup());

const ORDERS = (from: number, n: number) =>
  `SELECT i::BIGINT AS id, DATE '2024-01-01' + (i % 3)::INTEGER AS day, 'c' || (i % 2) AS country, (i * 1.5)::DECIMAL(10,2) AS amount FROM range(${from}, ${from + n}) t(i)`;
const COLUMNS = [
  { Name: 'id', Type: 'bigint' },
  { Name: 'day', Type: 'date' },
  { Name: 'country', Type: 'string' },
  { Name: 'amount', Type: 'decimal(10,2)' },
];

async function read(location: string, sel = {}) {
  const reader = await p.engine();
  const source = await snapshotSource(p.storage, location, sel);
  await reader.registerFiles('t', source);
  return (await reader.query('SELECT * FROM t ORDER BY id')).rows;
}

describe('encodings', () => {
  it('writes single values as the spec says', () => {
    expect(encodeValue('int', '1').toString('hex')).toBe('01000000');
    expect(encodeValue('long', '-2').toString('hex')).toBe('feffffffffffffff');
    expect(encodeValue('decimal(10, 2)', '-1.50').toString('hex')).toBe('ff6a');
    expect(encodeValue('decimal(10, 2)', '1.28').toString('hex')).toBe('0080');
    expect(encodeValue('double', '1').toString('hex')).toBe('000000000000f03f');
    expect(encodeValue('string', 'é').toString('hex')).toBe('c3a9');
    expect(decodeValue('decimal(10, 2)', Buffer.from('ff6a', 'hex'))).toBe('-1.50');
    expect(decodeValue('timestamp', encodeValue('timestamp', '1704067200000000'))).toBe('1704067200000000');
  });

  it('keeps 64-bit ids exact in JSON and in Avro', async () => {
    const id = 9007199254740993123n;
    const text = stringifyLossless({ 'snapshot-id': id, s: 'a "1234567890123456789" b', n: 1.5 });
    expect(text).toContain('"snapshot-id":9007199254740993123');
    expect(parseLossless(text)).toEqual({ 'snapshot-id': id, s: 'a "1234567890123456789" b', n: 1.5 });
    const schema = { type: 'record', name: 'r', fields: [{ name: 'id', type: 'long', 'field-id': 1 }] };
    const buf = await encodeContainer(schema, [{ id }], { 'format-version': '2' });
    const back = await decodeContainer(buf);
    expect(back.records[0].id).toBe(id);
    expect(back.metadata['format-version']).toBe('2');
    expect(JSON.parse(back.metadata['avro.schema']).fields[0]['field-id']).toBe(1);
  });
});

describe('an Iceberg table', () => {
  it('appends, overwrites and travels back in time', async () => {
    const location = `${p.dir}/lake/orders`;
    const created = await createTableMetadata(p.storage, {
      location,
      columns: COLUMNS,
      partitionBy: [{ column: 'day', transform: 'day' }],
    });
    const ptr = memoryPointer(created.metadataLocation);
    expect(await read(ptr.current)).toEqual([]);

    const a = await writeSnapshot({ storage: p.storage, engine }, ptr, ORDERS(0, 6), 'append');
    expect(a).toMatchObject({ rows: 6, files: 3, attempts: 1 });
    const b = await writeSnapshot({ storage: p.storage, engine }, ptr, ORDERS(6, 3), 'append');
    expect((await read(ptr.current)).map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await read(ptr.current))[1]).toEqual({ id: 1, day: '2024-01-02', country: 'c1', amount: 1.5 });

    const c = await writeSnapshot({ storage: p.storage, engine }, ptr, ORDERS(100, 2), 'overwrite');
    expect((await read(ptr.current)).map((r) => r.id)).toEqual([100, 101]);
    expect((await read(ptr.current, { snapshotId: a.snapshotId })).map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await read(ptr.current, { snapshotId: b.snapshotId })).length).toBe(9);

    const metadata = JSON.parse(readFileSync(fileURLToPath(ptr.current), 'utf8'));
    expect(metadata['format-version']).toBe(2);
    expect(metadata.snapshots.map((s: { summary: { operation: string } }) => s.summary.operation)).toEqual([
      'append',
      'append',
      'overwrite',
    ]);
    expect(metadata.snapshots[2].summary['total-records']).toBe('2');
    expect(metadata['metadata-log']).toHaveLength(3);
    expect(metadata.refs.main['snapshot-id']).toBe(Number(c.snapshotId));
    const asOf = metadata['snapshot-log'][1]['timestamp-ms'];
    expect((await read(ptr.current, { asOf })).length).toBe(9);

    // Column statistics per file, bounds in single-value form.
    const { files } = await snapshotFiles(p.storage, ptr.current, { snapshotId: a.snapshotId });
    const f = files.find((x) => x.entry.data_file.partition.day_day === 19723)!.entry.data_file; // 2024-01-01
    expect(f.record_count).toBe(2n);
    expect(f.file_path).toMatch(/\/data\/day_day=2024-01-01\/[^/]+\.parquet$/);
    expect(decodeValue('long', f.lower_bounds!.find((x) => x.key === 1)!.value)).toBe('0');
    expect(decodeValue('long', f.upper_bounds!.find((x) => x.key === 1)!.value)).toBe('3');
    expect(decodeValue('decimal(10, 2)', f.upper_bounds!.find((x) => x.key === 4)!.value)).toBe('4.50');
    expect(f.null_value_counts!.find((x) => x.key === 3)!.value).toBe(0n);
  });

  it('overwrites only the partitions new data touches', async () => {
    const location = `${p.dir}/lake/daily`;
    const created = await createTableMetadata(p.storage, { location, columns: COLUMNS, partitionBy: [{ column: 'country' }] });
    const ptr = memoryPointer(created.metadataLocation);
    await writeSnapshot({ storage: p.storage, engine }, ptr, ORDERS(0, 4), 'append');
    await writeSnapshot({ storage: p.storage, engine }, ptr, `SELECT 50::BIGINT AS id, 'c1' AS country`, 'overwrite-partitions');
    expect((await read(ptr.current)).map((r) => [r.id, r.country])).toEqual([
      [0, 'c0'],
      [2, 'c0'],
      [50, 'c1'],
    ]);
  });

  it('evolves the schema by field id: add, rename, drop, widen', async () => {
    const created = await createTableMetadata(p.storage, {
      location: `${p.dir}/lake/evolve`,
      columns: [
        { Name: 'id', Type: 'int' },
        { Name: 'name', Type: 'string' },
      ],
    });
    const ptr = memoryPointer(created.metadataLocation);
    await writeSnapshot({ storage: p.storage, engine }, ptr, `SELECT 1 AS id, 'a' AS name`, 'append');
    await evolveSchema(p.storage, ptr, { add: 'score', type: 'double' });
    await evolveSchema(p.storage, ptr, { rename: 'name', to: 'label' });
    await evolveSchema(p.storage, ptr, { widen: 'id', to: 'bigint' });
    await writeSnapshot({ storage: p.storage, engine }, ptr, `SELECT 5000000000 AS id, 'b' AS label, 0.5 AS score`, 'append');
    expect(await read(ptr.current)).toEqual([
      { id: 1, label: 'a', score: null },
      { id: 5000000000, label: 'b', score: 0.5 },
    ]);
    await evolveSchema(p.storage, ptr, { drop: 'label' });
    expect(await read(ptr.current)).toEqual([
      { id: 1, score: null },
      { id: 5000000000, score: 0.5 },
    ]);
  });

  it('refuses columns the table does not have', async () => {
    const created = await createTableMetadata(p.storage, { location: `${p.dir}/lake/x`, columns: [{ Name: 'id', Type: 'int' }] });
    const ptr = memoryPointer(created.metadataLocation);
    await expect(writeSnapshot({ storage: p.storage, engine }, ptr, `SELECT 1 AS id, 2 AS other`, 'append')).rejects.toThrow(
      /no column other/,
    );
    expect((await snapshotFiles(p.storage, ptr.current)).snapshot).toBeUndefined();
  });
});
