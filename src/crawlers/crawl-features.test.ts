// Incremental crawls, dry runs, personal-data tagging, unreadable files, catalog targets and the
// crawler's own classifiers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { crawlInProcess, writeTree } from '../../test/helpers/crawls.js';
import { readCrawlLog } from './crawl-log.js';

let p: TestProject;
let n = 0;
const call = (op: string, input: unknown) => p.sluice.call(op, input);

async function setup(files: Record<string, string | Buffer>, extra: Record<string, unknown> = {}, target: Record<string, unknown> = {}) {
  const db = `f${++n}`;
  const root = join(p.dir, 'lake', db);
  writeTree(root, files);
  const name = `c_${db}`;
  await call('CreateCrawler', {
    Name: name,
    Role: 'r',
    DatabaseName: db,
    Targets: { S3Targets: [{ Path: `lake/${db}`, ...target }] },
    ...extra,
  });
  return {
    db,
    name,
    write: (more: Record<string, string | Buffer>) => writeTree(root, more),
    crawl: () => crawlInProcess(p.sluice, name),
    tables: async () => ((await call('GetTables', { DatabaseName: db })).TableList as any[]).map((t) => t.Name).sort(),
    table: async (t: string) => (await call('GetTable', { DatabaseName: db, Name: t })).Table,
    parts: async (t: string) =>
      ((await call('GetPartitions', { DatabaseName: db, TableName: t })).Partitions as any[]).map((x) => x.Values.join('/')).sort(),
  };
}
const cols = (t: any) => t.StorageDescriptor.Columns.map((c: any) => `${c.Name}:${c.Type}`);

beforeAll(async () => {
  p = await openTestProject('sqlite');
});
afterAll(async () => {
  await p?.cleanup();
});

describe('incremental crawls (CRAWL_NEW_FOLDERS_ONLY)', () => {
  const incremental = {
    RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
    SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
  };

  it('reads only new folders: they become partitions, without touching the table’s schema', async () => {
    const s = await setup({ 'ev/dt=1/a.csv': 'id,v\n1,2\n', 'ev/dt=2/a.csv': 'id,v\n3,4\n', 'other/a.json': '{"q":1}' }, incremental);
    const first = await s.crawl();
    expect(first.progress.filesRead).toBe(3);
    s.write({ 'ev/dt=3/a.csv': 'id,v,extra\n5,6,7\n', 'ev/dt=3/b.csv': 'id,v,extra\n8,9,10\n', 'fresh/a.json': '{"z":1}' });
    const second = await s.crawl();
    expect(second.progress.filesRead).toBe(3);
    expect(second.counts).toMatchObject({ tablesCreated: 1, tablesUpdated: 0, partitionsCreated: 1 });
    expect(await s.parts('ev')).toEqual(['1', '2', '3']);
    expect(cols(await s.table('ev'))).toEqual(['id:bigint', 'v:bigint']);
    expect(await s.tables()).toEqual(['ev', 'fresh', 'other']);
    const nothing = await s.crawl();
    expect(nothing.progress.filesRead).toBe(0);
    expect(nothing.counts).toMatchObject({ tablesCreated: 0, partitionsCreated: 0 });
  });

  it('leaves out and logs new folders of another format, and never deletes', async () => {
    const s = await setup({ 'ev/dt=1/a.csv': 'id,v\n1,2\n' }, incremental);
    await s.crawl();
    s.write({ 'ev/dt=2/a.json': '{"id":1}' });
    const r = await s.crawl();
    expect(r.counts!.partitionsCreated).toBe(0);
    const log = readCrawlLog(p.dir, r.crawlId).map((e) => e.message as string);
    expect(log.some((m) => /dt=2\/ is json\/none but table f\d+ is csv\/none/.test(m))).toBe(true);
  });

  it('requires LOG/LOG, as Glue does', async () => {
    await expect(
      call('CreateCrawler', {
        Name: 'inc-bad',
        Role: 'r',
        Targets: { S3Targets: [{ Path: 'lake/x' }] },
        RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
        SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'LOG' },
      }),
    ).rejects.toThrow(/only LOG DeleteBehavior and LOG UpdateBehavior/);
  });
});

describe('dry runs', () => {
  it('prints what a crawl would change, column by column, and changes nothing', async () => {
    const s = await setup({ 'ev/dt=1/a.csv': 'id,v,w\n1,2,3\n', 'gone/a.json': '{"x":1}' });
    const first = (await call('DryRunCrawler', { Name: s.name })).Plan;
    expect(first.Tables.map((t: any) => `${t.Name}:${t.Action}`).sort()).toEqual(['ev:create', 'gone:create']);
    expect(first.Tables.find((t: any) => t.Name === 'ev').Partitions).toMatchObject({ Create: 1, NewValues: [['1']] });
    await expect(call('GetTables', { DatabaseName: s.db })).rejects.toThrow(/not found/);
    await s.crawl();
    s.write({ 'ev/dt=2/a.csv': 'id,v,w,note\n1,2,3,x\n', 'ev/dt=1/a.csv': 'id,v,w,note\n1,a,3,y\n' });
    const { rmSync } = await import('node:fs');
    rmSync(join(p.dir, 'lake', s.db, 'gone'), { recursive: true });
    const plan = (await call('DryRunCrawler', { Name: s.name })).Plan;
    const ev = plan.Tables.find((t: any) => t.Name === 'ev');
    expect(ev.Action).toBe('update');
    expect(ev.Columns).toEqual([
      { Column: 'v', Change: 'type', From: 'bigint', To: 'string' },
      { Column: 'note', Change: 'added', To: 'string' },
    ]);
    expect(ev.Partitions).toMatchObject({ Create: 1, Update: 1 });
    expect(plan.Tables.find((t: any) => t.Name === 'gone').Action).toBe('deprecate');
    expect(cols(await s.table('ev'))).toEqual(['id:bigint', 'v:bigint', 'w:bigint']);
    expect((await s.table('gone')).Parameters.DEPRECATED_BY_CRAWLER).toBeUndefined();
  });

  it('says when the crawl would fail its TableThreshold', async () => {
    const s = await setup(
      { 'a/x.csv': 'id,v\n1,2\n', 'b/x.json': '{"k":1}' },
      { Configuration: JSON.stringify({ CrawlerOutput: { Tables: { TableThreshold: 1 } } }) },
    );
    await expect(call('DryRunCrawler', { Name: s.name })).rejects.toThrow(
      /would fail and write nothing: Table Threshold value = 1, Tables detected - 2/,
    );
  });
});

describe('personal data', () => {
  it('tags columns whose sampled values look like personal data, with the share that matched', async () => {
    const rows = [
      'id,email,phone,card,ip,ssn,note',
      '1,ann@example.com,+44 20 7946 0958,4111 1111 1111 1111,10.0.0.1,123-45-6789,hello',
      '2,bob@example.org,+1 202-555-0143,5500 0000 0000 0004,192.168.1.20,234-56-7890,world',
      '3,cy@example.net,+33 1 42 68 53 00,4012888888881881,2001:db8::1,345-67-8901,n/a',
      '4,not-an-email,+49 30 901820,378282246310005,172.16.0.4,456-78-9012,2024-03-04',
      '5,dee@example.com,+1 415 555 2671,6011111111111117,8.8.8.8,567-89-0123,x',
    ];
    const s = await setup({ 'people/p.csv': rows.join('\n') + '\n' });
    await s.crawl();
    const byName = Object.fromEntries((await s.table(s.db)).StorageDescriptor.Columns.map((c: any) => [c.Name, c.Parameters ?? {}]));
    expect(byName.email).toEqual({ 'sluice.pii': 'EMAIL', 'sluice.pii.share': '0.80' });
    expect(byName.phone['sluice.pii']).toBe('PHONE_NUMBER');
    expect(byName.card['sluice.pii']).toBe('CREDIT_CARD');
    expect(byName.ip['sluice.pii']).toBe('IP_ADDRESS');
    expect(byName.ssn['sluice.pii']).toBe('NATIONAL_ID');
    expect(byName.note).toEqual({});
    expect(byName.id).toEqual({});
  });
});

describe('unreadable files', () => {
  it('names them in ListCrawls and the log, never fails the crawl, and makes no table of them', async () => {
    const s = await setup({
      'good/a.csv': 'id,v\n1,2\n',
      'good/broken.json': '{"id": 1, "v": ',
      'bad/only.bin': Buffer.from([0, 1, 2, 3, 0, 0, 7]),
      'bad2/x.csv.gz': Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]),
    });
    const r = await s.crawl();
    expect(r.state).toBe('COMPLETED');
    expect(await s.tables()).toEqual([s.db]);
    const { Crawls } = await call('ListCrawls', { CrawlerName: s.name });
    const summary = JSON.parse(Crawls[0].Summary);
    expect(summary.TABLE).toEqual({ ADD: { Count: 1 } });
    expect(summary.UNREADABLE.Count).toBe(3);
    const paths = summary.UNREADABLE.Files.map((f: any) => f.Path).sort();
    expect(paths).toEqual([`lake/${s.db}/bad/only.bin`, `lake/${s.db}/bad2/x.csv.gz`, `lake/${s.db}/good/broken.json`]);
    expect(summary.UNREADABLE.Files.find((f: any) => f.Path.endsWith('x.csv.gz')).Reason).toMatch(/corrupt gzip/);
    const logged = readCrawlLog(p.dir, r.crawlId)
      .filter((e) => e.level === 'warn')
      .map((e) => e.path);
    expect(logged).toHaveLength(3);
  });
});

describe('catalog targets', () => {
  it('update existing tables and their partitions, and never create tables', async () => {
    const db = `f${++n}`;
    writeTree(join(p.dir, 'lake', db), { 'ev/dt=1/a.csv': 'id,v\n1,2\n', 'ev/dt=2/a.csv': 'id,v,w\n1,2,3\n', 'loose/a.csv': 'q,r\n1,2\n' });
    await call('CreateDatabase', { DatabaseInput: { Name: db } });
    await call('CreateTable', {
      DatabaseName: db,
      TableInput: {
        Name: 'events',
        PartitionKeys: [{ Name: 'day', Type: 'string' }],
        StorageDescriptor: { Location: `lake/${db}/ev/`, Columns: [{ Name: 'id', Type: 'string' }] },
        Parameters: { classification: 'csv' },
      },
    });
    await call('CreateCrawler', {
      Name: `c_${db}`,
      Role: 'r',
      Targets: { CatalogTargets: [{ DatabaseName: db, Tables: ['events', 'missing'] }] },
    });
    const r = await crawlInProcess(p.sluice, `c_${db}`);
    expect(r.state).toBe('COMPLETED');
    const t = (await call('GetTable', { DatabaseName: db, Name: 'events' })).Table;
    expect(t.PartitionKeys).toEqual([{ Name: 'day', Type: 'string' }]);
    expect(cols(t)).toEqual(['id:bigint', 'v:bigint', 'w:bigint']);
    expect(
      ((await call('GetPartitions', { DatabaseName: db, TableName: 'events' })).Partitions as any[]).map((x) => x.Values[0]).sort(),
    ).toEqual(['1', '2']);
    expect(((await call('GetTables', { DatabaseName: db })).TableList as any[]).map((x) => x.Name)).toEqual(['events']);
    expect(readCrawlLog(p.dir, r.crawlId).some((e) => /missing does not exist/.test(String(e.message)))).toBe(true);
  });

  it('cannot be mixed with S3 targets', async () => {
    await expect(
      call('CreateCrawler', {
        Name: 'mixed',
        Role: 'r',
        Targets: { S3Targets: [{ Path: 'lake' }], CatalogTargets: [{ DatabaseName: 'd', Tables: ['t'] }] },
      }),
    ).rejects.toThrow(/cannot be mixed/);
  });
});

describe('the crawler’s classifiers', () => {
  it('run first, in the crawler’s order', async () => {
    await call('CreateClassifier', {
      GrokClassifier: {
        Name: 'applog',
        Classification: 'applog',
        GrokPattern: '%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}',
      },
    });
    await call('CreateClassifier', { XMLClassifier: { Name: 'items', Classification: 'xml', RowTag: 'item' } });
    await call('CreateClassifier', { JsonClassifier: { Name: 'records', JsonPath: '$.records[*]' } });
    const s = await setup(
      {
        'logs/a.log': '2024-03-04T10:00:00Z INFO started\n2024-03-04T10:00:05Z WARN slow disk\n',
        'xml/a.xml': '<items><item><sku>a</sku><qty>1</qty></item><item><sku>b</sku><qty>2</qty></item></items>',
        'json/a.json': '{"records":[{"k":"a"},{"k":"b","n":2}]}',
      },
      { Classifiers: ['applog', 'items', 'records'] },
    );
    await s.crawl();
    const summary = async (t: string) => {
      const x = await s.table(t);
      return `${x.Parameters.classification} ${cols(x).join(' ')}`;
    };
    expect(await summary('logs')).toBe('applog ts:string level:string message:string');
    expect(await summary('xml')).toBe('xml sku:string qty:bigint');
    expect(await summary('json')).toBe('json k:string n:int');
    await expect(
      call('CreateCrawler', { Name: 'ghost-cls', Role: 'r', Targets: { S3Targets: [{ Path: 'lake' }] }, Classifiers: ['nope'] }),
    ).rejects.toThrow(/Classifier nope does not exist/);
  });
});
