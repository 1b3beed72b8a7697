// `sluice query`'s core over a hand-made catalog: tables created with CreateDatabase/CreateTable/
// BatchCreatePartition, data written by the engine; partition columns, pruning, formats, errors.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import { queryCatalog } from './query.js';

let p: TestProject;
const q = (sql: string, maxRows?: number) => queryCatalog(p.sluice.services, sql, { maxRows });
const PARQUET = {
  InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
};

beforeAll(async () => {
  p = await openTestProject('sqlite');
  const call = (op: string, input: unknown) => p.sluice.call(op, input);
  const orders = join(p.dir, 'lake/curated/orders');
  const engine = await p.sluice.services.openEngine();
  await engine.writeParquet(
    `SELECT i AS id, i * 1.5 AS amount, 2023 + (i % 2) AS year, CASE WHEN i % 3 = 0 THEN 'de' ELSE 'fr' END AS country FROM range(12) t(i)`,
    { location: orders, partitionBy: ['year', 'country'] },
  );
  // A partition outside the table's folder, in a layout that is not key=value.
  await engine.writeParquet(`SELECT 100 AS id, 1.0 AS amount`, { location: join(p.dir, 'archive/2022-fr') });
  await engine.close();

  await call('CreateDatabase', { DatabaseInput: { Name: 'sales' } });
  await call('CreateTable', {
    DatabaseName: 'sales',
    TableInput: {
      Name: 'orders',
      Parameters: { classification: 'parquet' },
      StorageDescriptor: {
        Location: orders,
        Columns: [
          { Name: 'id', Type: 'bigint' },
          { Name: 'amount', Type: 'double' },
        ],
        ...PARQUET,
      },
      PartitionKeys: [
        { Name: 'year', Type: 'int' },
        { Name: 'country', Type: 'string' },
      ],
    },
  });
  const partition = (values: string[], location?: string) => ({
    Values: values,
    StorageDescriptor: { Location: location ?? `${orders}/year=${values[0]}/country=${values[1]}`, ...PARQUET },
  });
  await call('BatchCreatePartition', {
    DatabaseName: 'sales',
    TableName: 'orders',
    // year=2024/country=de is on disk but not in the catalog: like Athena, the query does not see it.
    PartitionInputList: [
      partition(['2023', 'de']),
      partition(['2023', 'fr']),
      partition(['2024', 'fr']),
      partition(['2022', 'fr'], join(p.dir, 'archive/2022-fr')),
    ],
  });

  const csvDir = join(p.dir, 'lake/raw/customers');
  mkdirSync(csvDir, { recursive: true });
  writeFileSync(join(csvDir, 'part-1.csv'), 'customer_id|name|since\n1|Ann "the first"|2020-01-05\n2|Bob|2021-03-01\n');
  await call('CreateTable', {
    DatabaseName: 'sales',
    TableInput: {
      Name: 'customers',
      Parameters: { classification: 'csv', 'skip.header.line.count': '1' },
      StorageDescriptor: {
        Location: 'lake/raw/customers',
        Columns: [
          { Name: 'customer_id', Type: 'int' },
          { Name: 'name', Type: 'string' },
          { Name: 'since', Type: 'date' },
        ],
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': '|' } },
      },
    },
  });
  mkdirSync(join(p.dir, 'lake/raw/events'), { recursive: true });
  writeFileSync(join(p.dir, 'lake/raw/events/e.json'), '{"kind":"click","meta":{"x":1}}\n{"kind":"view","meta":{"x":2}}\n');
  await call('CreateTable', {
    DatabaseName: 'sales',
    TableInput: {
      Name: 'events',
      Parameters: { classification: 'json' },
      StorageDescriptor: {
        Location: join(p.dir, 'lake/raw/events'),
        Columns: [
          { Name: 'kind', Type: 'string' },
          { Name: 'meta', Type: 'struct<x:int>' },
        ],
      },
    },
  });
  await call('CreateTable', {
    DatabaseName: 'sales',
    TableInput: {
      Name: 'empty',
      Parameters: { classification: 'parquet' },
      StorageDescriptor: { Location: join(p.dir, 'lake/nothing-yet'), Columns: [{ Name: 'v', Type: 'decimal(12,2)' }] },
    },
  });
  await call('CreateTable', {
    DatabaseName: 'sales',
    TableInput: { Name: 'legacy', Parameters: { classification: 'orc' }, StorageDescriptor: { Location: join(p.dir, 'lake/legacy') } },
  });
});
afterAll(() => p?.cleanup());

describe('SQL over catalog tables', () => {
  it('shows the data columns then the partition keys, from the registered partitions only', async () => {
    const r = await q('SELECT year, country, count(*) AS n, sum(amount) AS total FROM sales.orders GROUP BY ALL ORDER BY ALL');
    expect(r.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['year INTEGER', 'country VARCHAR', 'n BIGINT', 'total DOUBLE']);
    expect(r.rows).toEqual([
      { year: 2022, country: 'fr', n: 1, total: 1 },
      { year: 2023, country: 'de', n: 2, total: 9 },
      { year: 2023, country: 'fr', n: 4, total: 36 },
      { year: 2024, country: 'fr', n: 4, total: 36 },
    ]);
    expect((await q('SELECT * FROM sales.orders WHERE id = 0')).columns.map((c) => c.name)).toEqual(['id', 'amount', 'year', 'country']);
  });

  it('does not open the files of partitions the WHERE clause excludes', async () => {
    const dir = join(p.dir, 'lake/curated/orders/year=2023/country=de');
    const before = await q(`SELECT count(*) AS n FROM sales.orders WHERE year = 2024`);
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), 'corrupt: not a parquet file');
    try {
      expect((await q(`SELECT count(*) AS n FROM sales.orders WHERE year = 2024`)).rows).toEqual(before.rows);
      expect((await q(`SELECT count(*) AS n FROM sales.orders WHERE country = 'fr'`)).rows).toEqual([{ n: 9 }]);
      // Without the filter the corrupt files are read, and fail: so the filter is what skipped them.
      await expectGlueError(q('SELECT count(*) FROM sales.orders'), 'InvalidInputException', /year=2023\/country=de/);
    } finally {
      const engine = await p.sluice.services.openEngine();
      await engine.writeParquet(`SELECT i AS id, i * 1.5 AS amount FROM range(0, 12, 6) t(i)`, { location: dir });
      await engine.close();
    }
  });

  it('reads CSV with the delimiter and header the table declares, and JSON with nested columns', async () => {
    expect((await q('SELECT * FROM sales.customers ORDER BY customer_id')).rows).toEqual([
      { customer_id: 1, name: 'Ann "the first"', since: '2020-01-05' },
      { customer_id: 2, name: 'Bob', since: '2021-03-01' },
    ]);
    expect((await q('SELECT kind, meta.x AS x FROM sales.events ORDER BY x')).rows).toEqual([
      { kind: 'click', x: 1 },
      { kind: 'view', x: 2 },
    ]);
  });

  it('joins tables, and answers a table without files with no rows', async () => {
    const r = await q(
      'SELECT c.name, count(o.id) AS n FROM sales.customers c LEFT JOIN sales.orders o ON o.id = c.customer_id GROUP BY c.name ORDER BY c.name',
    );
    expect(r.rows).toEqual([
      { name: 'Ann "the first"', n: 1 },
      { name: 'Bob', n: 1 },
    ]);
    expect(await q('SELECT * FROM sales.empty')).toEqual({ columns: [{ name: 'v', type: 'DECIMAL(12,2)' }], rows: [] });
  });

  it('reads partitions written before a column was added, with NULL in that column', async () => {
    const location = join(p.dir, 'lake/curated/drift');
    const engine = await p.sluice.services.openEngine();
    await engine.writeParquet(`SELECT 1 AS id`, { location: `${location}/day=1` });
    await engine.writeParquet(`SELECT 2 AS id, 'SAVE10' AS coupon`, { location: `${location}/day=2` });
    await engine.close();
    await p.sluice.call('CreateTable', {
      DatabaseName: 'sales',
      TableInput: {
        Name: 'drift',
        Parameters: { classification: 'parquet' },
        StorageDescriptor: {
          Location: location,
          Columns: [
            { Name: 'id', Type: 'int' },
            { Name: 'coupon', Type: 'string' },
          ],
        },
        PartitionKeys: [{ Name: 'day', Type: 'int' }],
      },
    });
    await p.sluice.call('BatchCreatePartition', {
      DatabaseName: 'sales',
      TableName: 'drift',
      PartitionInputList: [{ Values: ['1'] }, { Values: ['2'] }],
    });
    expect((await q('SELECT * FROM sales.drift ORDER BY id')).rows).toEqual([
      { id: 1, coupon: null, day: 1 },
      { id: 2, coupon: 'SAVE10', day: 2 },
    ]);
  });

  it('cuts the result at maxRows', async () => {
    expect(await q('SELECT id FROM sales.orders ORDER BY id', 2)).toMatchObject({ rows: [{ id: 0 }, { id: 1 }], truncated: true });
  });
});

describe('errors', () => {
  it('names a table that is not in the catalog', async () => {
    await expectGlueError(q('SELECT * FROM sales.nope'), 'EntityNotFoundException', /^Table sales\.nope not found in the Data Catalog$/);
    await expectGlueError(q('SELECT * FROM nodb.orders'), 'EntityNotFoundException', /nodb\.orders/);
  });

  it('gives SQL mistakes as one line naming the problem', async () => {
    const err = await expectGlueError(
      q('SELECT nosuch FROM sales.orders'),
      'InvalidInputException',
      /Referenced column "nosuch" not found/,
    );
    expect(err.message).not.toContain('\n');
    await expectGlueError(q('SELEC 1'), 'InvalidInputException', /syntax error/);
  });

  it('says which format a table has that cannot be read', async () => {
    await expectGlueError(q('SELECT * FROM sales.legacy'), 'InvalidInputException', /Table sales\.legacy is stored as orc/);
  });

  it('runs the SQL sandboxed: nothing but the tables is readable', async () => {
    await expectGlueError(q(`SELECT * FROM read_csv('/etc/passwd')`), 'AccessDeniedException', /\/etc\/passwd/);
    await expectGlueError(q(`SELECT * FROM read_parquet('${join(p.dir, 'lake/curated/orders')}/*/*/*.parquet')`), 'AccessDeniedException');
  });
});
