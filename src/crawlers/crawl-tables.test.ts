// What a crawl makes of a folder tree: tables, partitions (named and unnamed), grouping into one table
// or several, exclusions, naming, and the parameters Glue's crawler writes — and that the tables
// can be queried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { crawlInProcess, writeTree } from '../../test/helpers/crawls.js';
import { queryCatalog } from '../catalog/query.js';

let p: TestProject;
let n = 0;
const call = (op: string, input: unknown) => p.sluice.call(op, input);

/** Writes the files under lake/<folder>, crawls them into database <folder>, returns the tables. */
async function crawl(files: Record<string, string | Buffer>, extra: Record<string, unknown> = {}, target: Record<string, unknown> = {}) {
  const folder = `t${++n}`;
  writeTree(join(p.dir, 'lake', folder), files);
  const name = `crawler_${folder}`;
  await call('CreateCrawler', {
    Name: name,
    Role: 'r',
    DatabaseName: folder,
    Targets: { S3Targets: [{ Path: `lake/${folder}`, ...target }] },
    ...extra,
  });
  const record = await crawlInProcess(p.sluice, name);
  const tables = (await call('GetTables', { DatabaseName: folder })).TableList as any[];
  return { folder, name, record, tables, table: (t: string) => tables.find((x) => x.Name === t) };
}
const partitions = async (db: string, table: string) =>
  ((await call('GetPartitions', { DatabaseName: db, TableName: table })).Partitions as any[]).map((x) => x.Values.join('/')).sort();
const columns = (t: any) => t.StorageDescriptor.Columns.map((c: any) => `${c.Name}:${c.Type}`);

beforeAll(async () => {
  p = await openTestProject('sqlite');
});
afterAll(async () => {
  await p?.cleanup();
});

describe('partitions', () => {
  it('makes key=value folders partition keys, all strings (Glue’s sales example)', async () => {
    const row = (i: number) => JSON.stringify({ id: i, amount: i * 1.5 });
    const r = await crawl({
      'sales/year=2019/month=Jan/day=1/a.json': row(1),
      'sales/year=2019/month=Jan/day=2/a.json': row(2),
      'sales/year=2019/month=Feb/day=1/a.json': row(3),
      'sales/year=2020/month=Jan/day=1/a.json': row(4),
    });
    expect(r.record.state).toBe('COMPLETED');
    // The include path is one table; the constant 'sales' folder is its location, not a partition key.
    expect(r.tables.map((t) => t.Name)).toEqual([r.folder]);
    const sales = r.table(r.folder);
    expect(sales.StorageDescriptor.Location).toBe(`lake/${r.folder}/sales/`);
    expect(sales.PartitionKeys).toEqual([
      { Name: 'year', Type: 'string' },
      { Name: 'month', Type: 'string' },
      { Name: 'day', Type: 'string' },
    ]);
    expect(columns(sales)).toEqual(['id:int', 'amount:double']);
    expect(await partitions(r.folder, r.folder)).toEqual(['2019/Feb/1', '2019/Jan/1', '2019/Jan/2', '2020/Jan/1']);
    expect(sales.Parameters['partition_filtering.enabled']).toBe('true');
  });

  it('names other folder levels partition_0, partition_1 …', async () => {
    const r = await crawl({
      'logs/2024/01/a.csv': 'id,v\n1,a\n',
      'logs/2024/02/a.csv': 'id,v\n2,b\n',
      'logs/2025/01/a.csv': 'id,v\n3,c\n',
    });
    expect(r.table(r.folder).PartitionKeys.map((k: any) => k.Name)).toEqual(['partition_0', 'partition_1']);
    expect(await partitions(r.folder, r.folder)).toEqual(['2024/01', '2024/02', '2025/01']);
  });

  it('mixes named and unnamed levels, and decodes escaped values', async () => {
    const r = await crawl({ 'ev/region=eu%2Fwest/2024/a.csv': 'id,v\n1,a\n', 'ev/region=us/2024/a.csv': 'id,v\n2,b\n' });
    expect(r.table(r.folder).PartitionKeys.map((k: any) => k.Name)).toEqual(['region', 'partition_1']);
    expect(await partitions(r.folder, r.folder)).toEqual(['eu/west/2024', 'us/2024']);
  });
});

describe('grouping', () => {
  it('makes sibling folders with different schemas separate tables, and similar ones one table', async () => {
    const r = await crawl({
      'orders/a.csv': 'order_id,amount\n1,2.5\n',
      'customers/a.csv': 'customer_id,name,email\n1,ann,a@x.org\n',
    });
    expect(r.tables.map((t) => t.Name).sort()).toEqual(['customers', 'orders']);
    expect(r.table('orders').PartitionKeys).toEqual([]);
    const same = await crawl({ 'table1/a.csv': 'id,v\n1,a\n', 'table2/a.csv': 'id,v\n2,b\n' });
    // Glue's documented example: one table, the first partition key holding table1/table2.
    expect(same.tables.map((t) => t.Name)).toEqual([same.folder]);
    expect(await partitions(same.folder, same.folder)).toEqual(['table1', 'table2']);
  });

  it('keeps different formats or compressions apart whatever the schemas', async () => {
    const r = await crawl({ 'a/x.csv': 'id,v\n1,a\n', 'b/x.csv.gz': gzipSync('id,v\n1,a\n'), 'c/x.json': '{"id":1,"v":"a"}' });
    expect(r.tables.map((t) => `${t.Name}:${t.Parameters.classification}:${t.Parameters.compressionType}`).sort()).toEqual([
      'a:csv:none',
      'b:csv:gzip',
      'c:json:none',
    ]);
  });

  it('with CombineCompatibleSchemas makes one table of different schemas, with the union of columns', async () => {
    const files = { 'year=2017/data1.json': '{"A":1,"B":2}', 'year=2018/data2.json': '{"C":3,"D":4}' };
    const apart = await crawl(files);
    expect(apart.tables.map((t) => t.Name).sort()).toEqual(['year_2017', 'year_2018']);
    const config = JSON.stringify({ Version: 1.0, Grouping: { TableGroupingPolicy: 'CombineCompatibleSchemas' } });
    const together = await crawl(files, { Configuration: config });
    expect(together.tables).toHaveLength(1);
    expect(columns(together.tables[0])).toEqual(['a:int', 'b:int', 'c:int', 'd:int']);
    expect(together.tables[0].PartitionKeys).toEqual([{ Name: 'year', Type: 'string' }]);
  });

  it('puts tables at the TableLevelConfiguration level', async () => {
    const files = { 'ds/2024/01/a.csv': 'id,v\n1,a\n', 'ds/2024/02/a.csv': 'id,w\n1,a\n', 'ds/2025/01/a.csv': 'x,y,z\n1,2,3\n' };
    const base = join(p.dir, 'lake').split('/').filter(Boolean).length; // the level of lake/
    const r = await crawl(files, { Configuration: JSON.stringify({ Version: 1.0, Grouping: { TableLevelConfiguration: base + 3 } }) });
    expect(r.tables.map((t) => `${t.Name}:${t.PartitionKeys.length}`).sort()).toEqual(['2024:1', '2025:1']);
  });

  it('makes files of different formats in one folder tables of their own, named after the files', async () => {
    const r = await crawl({ 'mix/a.csv': 'id,v\n1,a\n2,b\n', 'mix/b.json': '{"k":"x"}' });
    expect(r.tables.map((t) => t.Name).sort()).toEqual(['a_csv', 'b_json']);
    expect(r.table('a_csv').StorageDescriptor.Location).toBe(`lake/${r.folder}/mix/a.csv`);
  });
});

describe('tables as Glue writes them', () => {
  it('writes the StorageDescriptor, the classification and the statistics', async () => {
    const r = await crawl({ 'people/p.tsv': 'id\tname\tscore\n1\tann\t2.5\n2\tbob\t3\n3\tcy\t4\n' });
    const t = r.table(r.folder);
    expect(t).toMatchObject({
      TableType: 'EXTERNAL_TABLE',
      Owner: 'owner',
      StorageDescriptor: {
        Location: `lake/${r.folder}/people/`,
        InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        Compressed: false,
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': '\t' } },
      },
    });
    expect(t.Parameters).toMatchObject({
      classification: 'csv',
      compressionType: 'none',
      typeOfData: 'file',
      delimiter: '\t',
      'skip.header.line.count': '1',
      recordCount: '3',
      objectCount: '1',
      sizeKey: String('id\tname\tscore\n1\tann\t2.5\n2\tbob\t3\n3\tcy\t4\n'.length),
      UPDATED_BY_CRAWLER: r.name,
      CrawlerSchemaDeserializerVersion: '1.0',
      CRAWL_RUN_ID: r.record.crawlId,
    });
    expect(Number(t.Parameters.averageRecordSize)).toBeGreaterThan(0);
    expect(t.StorageDescriptor.Parameters.classification).toBe('csv');
    const rows = await queryCatalog(p.sluice.services, `SELECT name, score FROM ${r.folder}.${r.folder} ORDER BY id`);
    expect(rows.rows).toEqual([
      { name: 'ann', score: 2.5 },
      { name: 'bob', score: 3 },
      { name: 'cy', score: 4 },
    ]);
  });

  it('reads partitioned, gzipped JSON back through the catalog', async () => {
    const r = await crawl({
      'ev/dt=2024-01-01/a.json.gz': gzipSync('{"id":1,"tags":["x"]}\n{"id":2,"tags":[]}\n'),
      'ev/dt=2024-01-02/a.json.gz': gzipSync('{"id":3,"tags":["y","z"]}\n'),
    });
    expect(r.table(r.folder).Parameters.compressionType).toBe('gzip');
    expect(r.table(r.folder).StorageDescriptor.Compressed).toBe(true);
    const rows = await queryCatalog(p.sluice.services, `SELECT dt, count(*) AS n FROM ${r.folder}.${r.folder} GROUP BY dt ORDER BY dt`);
    expect(rows.rows).toEqual([
      { dt: '2024-01-01', n: 2 },
      { dt: '2024-01-02', n: 1 },
    ]);
  });

  it('applies TablePrefix and sanitises names, adding a hash when a name is taken by another location', async () => {
    await call('CreateDatabase', { DatabaseInput: { Name: `t${n + 1}` } });
    await call('CreateTable', {
      DatabaseName: `t${n + 1}`,
      TableInput: { Name: 'raw_events', StorageDescriptor: { Location: '/elsewhere/' } },
    });
    const r = await crawl(
      { 'My Data-Set/a.csv': 'id,v\n1,a\n', 'my_data_set/a.json': '{"q":1}', 'Events/a.json': '{"e":1}' },
      { TablePrefix: 'raw_' },
    );
    const names = r.tables.map((t) => t.Name).sort();
    expect(names).toHaveLength(4);
    expect(names.filter((x) => x.startsWith('raw_my_data_set'))).toEqual([
      'raw_my_data_set',
      expect.stringMatching(/^raw_my_data_set_[0-9a-f]{8}$/),
    ]);
    expect(names.filter((x) => x.startsWith('raw_events'))).toEqual(['raw_events', expect.stringMatching(/^raw_events_[0-9a-f]{8}$/)]);
    expect(r.table('raw_events').StorageDescriptor.Location).toBe('/elsewhere/');
  });

  it('leaves out excluded files, and _ and . files, and records the exclusions on the table', async () => {
    const r = await crawl(
      { 'd/a.csv': 'id,v\n1,a\n', 'd/skip.txt': 'noise', 'd/tmp/b.csv': 'x\n', 'd/_SUCCESS': '', 'd/.crc': 'x' },
      {},
      { Exclusions: ['**.txt', 'd/tmp/**'] },
    );
    expect(r.tables.map((t) => t.Name)).toEqual([r.folder]);
    expect(r.table(r.folder).Parameters.objectCount).toBe('1');
    expect(JSON.parse(r.table(r.folder).Parameters.exclusions)).toEqual(['**.txt', 'd/tmp/**']);
    expect(r.record.unreadableCount).toBe(0);
  });

  it('reads only SampleSize files per folder but counts them all', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`s/part=${i % 2}/f${i}.csv`] = `id,v\n${i},a\n`;
    const r = await crawl(files, {}, { SampleSize: 2 });
    expect(r.record.progress.filesRead).toBe(4);
    expect(r.table(r.folder).Parameters.objectCount).toBe('10');
    expect(r.table(r.folder).Parameters.recordCount).toBe('10');
  });
});
