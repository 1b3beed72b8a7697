// Recrawls: table versions only for schema changes, each SchemaChangePolicy and the MergeNewColumns
// option, DeleteBehavior for vanished tables and partitions, partition inheritance, TableThreshold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { crawlInProcess, writeTree } from '../../test/helpers/crawls.js';

let p: TestProject;
let n = 0;
const call = (op: string, input: unknown) => p.sluice.call(op, input);

/** A crawler over lake/<db>/, whose data set folders become tables of database <db>. */
async function setup(files: Record<string, string>, extra: Record<string, unknown> = {}) {
  const db = `p${++n}`;
  const root = join(p.dir, 'lake', db);
  writeTree(root, files);
  const name = `c_${db}`;
  await call('CreateCrawler', { Name: name, Role: 'r', DatabaseName: db, Targets: { S3Targets: [{ Path: `lake/${db}` }] }, ...extra });
  return {
    db,
    write: (more: Record<string, string>) => writeTree(root, more),
    remove: (rel: string) => rmSync(join(root, rel), { recursive: true, force: true }),
    crawl: () => crawlInProcess(p.sluice, name),
    table: async (t: string) => (await call('GetTable', { DatabaseName: db, Name: t })).Table,
    versions: async (t: string) => (await call('GetTableVersions', { DatabaseName: db, TableName: t })).TableVersions.length,
    parts: async (t: string) =>
      ((await call('GetPartitions', { DatabaseName: db, TableName: t })).Partitions as any[]).map((x) => x.Values.join('/')).sort(),
  };
}
const cols = (t: any) => t.StorageDescriptor.Columns.map((c: any) => `${c.Name}:${c.Type}`);
const TWO = { 'a/x.csv': 'id,v\n1,2\n', 'b/x.json': '{"k":"v","n":1}' };

beforeAll(async () => {
  p = await openTestProject('sqlite');
});
afterAll(async () => {
  await p?.cleanup();
});

describe('table versions', () => {
  it('writes no version when nothing changed, and refreshes statistics in place', async () => {
    const s = await setup(TWO);
    await s.crawl();
    const v0 = (await s.table('a')).VersionId;
    const again = await s.crawl();
    expect(again.counts).toMatchObject({ tablesCreated: 0, tablesUpdated: 0 });
    expect((await s.table('a')).VersionId).toBe(v0);
    s.write({ 'a/y.csv': 'id,v\n3,4\n5,6\n' });
    await s.crawl();
    const a = await s.table('a');
    expect(a.VersionId).toBe(v0);
    expect(a.Parameters.objectCount).toBe('2');
    expect(a.Parameters.recordCount).toBe('3');
    expect(await s.versions('a')).toBe(1);
  });

  it('writes a new version for a schema change (UPDATE_IN_DATABASE), dropping metadata the crawler did not set', async () => {
    const s = await setup(TWO);
    await s.crawl();
    const a = await s.table('a');
    await call('UpdateTable', { DatabaseName: s.db, TableInput: { ...pick(a), Parameters: { ...a.Parameters, owner_team: 'sales' } } });
    s.write({ 'a/x.csv': 'id,v,note\n1,2,hello\n' });
    const r = await s.crawl();
    expect(r.counts!.tablesUpdated).toBe(1);
    const after = await s.table('a');
    expect(cols(after)).toEqual(['id:bigint', 'v:bigint', 'note:string']);
    expect(Number(after.VersionId)).toBe(Number(a.VersionId) + 2);
    expect(after.Parameters.owner_team).toBeUndefined();
    expect(await s.versions('a')).toBe(3);
  });
});

describe('SchemaChangePolicy', () => {
  it('LOG leaves a changed table alone but still adds new partitions and new tables', async () => {
    const s = await setup(
      { 'ev/dt=1/x.csv': 'id,v\n1,2\n', 'other/x.json': '{"q":1}' },
      { SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' } },
    );
    await s.crawl();
    const before = await s.table('ev');
    s.write({ 'ev/dt=2/x.csv': 'id,v,extra\n1,2,3\n', 'new/x.json': '{"z":1}' });
    const r = await s.crawl();
    expect(r.counts).toMatchObject({ tablesCreated: 1, tablesUpdated: 0, partitionsCreated: 1 });
    const after = await s.table('ev');
    expect(after.VersionId).toBe(before.VersionId);
    expect(cols(after)).toEqual(['id:bigint', 'v:bigint']);
    expect(await s.parts('ev')).toEqual(['1', '2']);
    expect((await s.table('new')).Name).toBe('new');
  });

  it('MergeNewColumns adds columns (nested too) and keeps existing ones and their types', async () => {
    const config = JSON.stringify({ Version: 1.0, CrawlerOutput: { Tables: { AddOrUpdateBehavior: 'MergeNewColumns' } } });
    const s = await setup({ 'j/x.json': '{"id":1,"gone":"x","s":{"a":1}}', 'k/x.csv': 'a,b\n1,2\n' }, { Configuration: config });
    await s.crawl();
    s.write({ 'j/x.json': '{"id":"now text","s":{"a":1,"b":"new"},"added":true}' });
    await s.crawl();
    expect(cols(await s.table('j'))).toEqual(['id:int', 'gone:string', 's:struct<a:int,b:string>', 'added:boolean']);
  });

  it('MergeNewColumns deprecates the table when the classification changes, instead of rewriting it', async () => {
    const config = JSON.stringify({ Version: 1.0, CrawlerOutput: { Tables: { AddOrUpdateBehavior: 'MergeNewColumns' } } });
    const s = await setup(TWO, { Configuration: config });
    await s.crawl();
    s.remove('a/x.csv');
    s.write({ 'a/x.json': '{"id":1}' });
    const r = await s.crawl();
    expect(r.counts!.tablesDeprecated).toBe(1);
    const a = await s.table('a');
    expect(a.Parameters.classification).toBe('csv');
    expect(Number(a.Parameters.DEPRECATED_BY_CRAWLER)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('DeleteBehavior', () => {
  it('DEPRECATE_IN_DATABASE (the default) marks a vanished table with DEPRECATED_BY_CRAWLER, once', async () => {
    const s = await setup(TWO);
    await s.crawl();
    s.remove('b');
    const r = await s.crawl();
    expect(r.counts!.tablesDeprecated).toBe(1);
    const b = await s.table('b');
    expect(b.Parameters.DEPRECATED_BY_CRAWLER).toMatch(/^\d{13}$/);
    const v = b.VersionId;
    await s.crawl();
    expect((await s.table('b')).VersionId).toBe(v);
    s.write({ 'b/x.json': '{"k":"v","n":1}' });
    await s.crawl();
    expect((await s.table('b')).Parameters.DEPRECATED_BY_CRAWLER).toBeUndefined();
  });

  it('DELETE_FROM_DATABASE deletes vanished tables and partitions; LOG keeps both', async () => {
    const files = { ...TWO, 'ev/dt=1/x.csv': 'id,v\n1,2\n', 'ev/dt=2/x.csv': 'id,v\n1,2\n' };
    const del = await setup(files, {
      SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DELETE_FROM_DATABASE' },
    });
    await del.crawl();
    del.remove('b');
    del.remove('ev/dt=2');
    const r = await del.crawl();
    expect(r.counts).toMatchObject({ tablesDeleted: 1, partitionsDeleted: 1 });
    await expect(del.table('b')).rejects.toThrow(/not found/);
    expect(await del.parts('ev')).toEqual(['1']);

    const log = await setup(files, { SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'LOG' } });
    await log.crawl();
    log.remove('b');
    log.remove('ev/dt=2');
    await log.crawl();
    expect((await log.table('b')).Parameters.DEPRECATED_BY_CRAWLER).toBeUndefined();
    expect(await log.parts('ev')).toEqual(['1', '2']);
  });
});

describe('partitions', () => {
  it('take the table’s schema by default, and their own with AddOrUpdateBehavior None', async () => {
    const files = { 'ev/dt=1/x.json': '{"a":1,"c":1,"d":1}', 'ev/dt=2/x.json': '{"a":1,"c":1,"d":1,"b":"x"}', 'zz/x.csv': 'q,r\n1,2\n' };
    const inherit = await setup(files);
    await inherit.crawl();
    const ps = (await call('GetPartitions', { DatabaseName: inherit.db, TableName: 'ev' })).Partitions as any[];
    const all = ['a:int', 'c:int', 'd:int', 'b:string'];
    expect(ps.map((x) => cols(x))).toEqual([all, all]);
    expect(ps[0].StorageDescriptor.Location).toBe(`lake/${inherit.db}/ev/dt=1/`);
    expect(ps[0].Parameters).toMatchObject({ classification: 'json', objectCount: '1', recordCount: '1' });

    const own = await setup(files, {
      Configuration: JSON.stringify({ Version: 1.0, CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'None' } } }),
    });
    await own.crawl();
    const ps2 = (await call('GetPartitions', { DatabaseName: own.db, TableName: 'ev' })).Partitions as any[];
    expect(ps2.map((x) => cols(x)).sort()).toEqual([['a:int', 'c:int', 'd:int'], all]);
  });
});

describe('TableThreshold', () => {
  it('fails a crawl that finds more tables, and writes nothing', async () => {
    const config = JSON.stringify({ Version: 1.0, CrawlerOutput: { Tables: { TableThreshold: 1 } } });
    const s = await setup(TWO, { Configuration: config });
    const r = await s.crawl();
    expect(r.state).toBe('FAILED');
    expect(r.errorMessage).toContain('Table Threshold value = 1, Tables detected - 2');
    expect((await call('GetTables', { DatabaseName: s.db }).catch(() => ({ TableList: [] }))).TableList).toEqual([]);
    const crawler = (await call('GetCrawler', { Name: `c_${s.db}` })).Crawler;
    expect(crawler.State).toBe('READY');
    expect(crawler.LastCrawl).toMatchObject({ Status: 'FAILED', ErrorMessage: expect.stringContaining('Table Threshold') });
  });
});

function pick(t: any) {
  const { Name, StorageDescriptor, PartitionKeys, Parameters, TableType } = t;
  return { Name, StorageDescriptor, PartitionKeys, Parameters, TableType };
}
