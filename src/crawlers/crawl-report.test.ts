// What a crawl says about input it could not take whole: one damaged line costs that line only (and
// is reported with its file), a target that does not exist is a warning (an error in a dry run), a
// JSON document larger than the sample is still classified, and a custom JsonPath picks its records.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { crawlInProcess, writeTree } from '../../test/helpers/crawls.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import { queryCatalog } from '../catalog/query.js';

let p: TestProject;
let n = 0;
const call = (op: string, input: unknown) => p.sluice.call(op, input) as Promise<any>;

async function crawl(files: Record<string, string>, targets: string[] = [''], extra: Record<string, unknown> = {}) {
  const folder = `r${++n}`;
  writeTree(join(p.dir, 'lake', folder), files);
  await call('CreateCrawler', {
    Name: folder,
    Role: 'r',
    DatabaseName: folder,
    Targets: { S3Targets: targets.map((t) => ({ Path: `lake/${folder}${t}` })) },
    ...extra,
  });
  const record = await crawlInProcess(p.sluice, folder);
  const details = await call('GetCrawlDetails', { CrawlerName: folder });
  // A crawl that failed wrote nothing, not even its database.
  const tables = record.state === 'FAILED' ? [] : ((await call('GetTables', { DatabaseName: folder })).TableList as any[]);
  return { folder, record, details, tables };
}

beforeAll(async () => {
  p = await openTestProject('sqlite');
});
afterAll(async () => {
  await p?.cleanup();
});

describe('damaged lines', () => {
  it('a CSV with one unterminated quote in 402 lines is a table, the line reported', async () => {
    const lines = ['id,name,score', ...Array.from({ length: 401 }, (_, i) => `${i},name ${i},${i * 0.5}`)];
    lines[57] = '56,"Ann,3.5';
    const r = await crawl({ 'scores/s.csv': lines.join('\n') + '\n' });
    expect(r.record.state).toBe('COMPLETED');
    expect(r.tables.map((t) => t.Name)).toEqual([r.folder]);
    expect(r.tables[0].StorageDescriptor.Columns.map((c: any) => `${c.Name}:${c.Type}`)).toEqual([
      'id:bigint',
      'name:string',
      'score:double',
    ]);
    expect(r.details.Warnings).toEqual([
      `lake/${r.folder}/scores/s.csv: read as csv, but a quoted field never ends on line 58; that record was left out`,
    ]);
    expect(r.details.UnreadableCount).toBe(0);
    const summary = JSON.parse((await call('ListCrawls', { CrawlerName: r.folder })).Crawls[0].Summary);
    expect(summary.WARNING.Count).toBe(1);
  });

  it('NDJSON with one truncated line among 13 is a table, the line reported', async () => {
    const lines = Array.from({ length: 13 }, (_, i) => JSON.stringify({ id: i, city: `c${i}`, temp: i + 0.5 }));
    lines[6] = lines[6].slice(0, 15);
    const r = await crawl({ 'weather/w.json': lines.join('\n') + '\n' });
    expect(r.tables.map((t) => t.Name)).toEqual([r.folder]);
    expect(r.tables[0].StorageDescriptor.Columns.map((c: any) => c.Name)).toEqual(['id', 'city', 'temp']);
    expect(r.details.Warnings).toHaveLength(1);
    expect(r.details.Warnings[0]).toMatch(
      new RegExp(`^lake/${r.folder}/weather/w\\.json: read as json, but 1 of 13 records do not parse and were left out \\(line 7: `),
    );
  });

  it('a file most of whose lines do not parse is unreadable, with the first bad line', async () => {
    const r = await crawl({ 'bad/b.json': '{"a":1}\n{"a":\n{"a":3,}\n', 'good/g.json': '{"a":1}\n' });
    expect(r.details.UnreadableFiles).toEqual([
      { Path: `lake/${r.folder}/bad/b.json`, Reason: expect.stringMatching(/records do not parse \(line 2: /) },
    ]);
  });
});

describe('targets that do not exist', () => {
  it('are a warning in the crawl and an error in a dry run', async () => {
    const r = await crawl({ 'a/a.csv': 'id,v\n1,x\n2,y\n' }, ['/a', '/typo']);
    expect(r.record.state).toBe('COMPLETED');
    expect(r.details.Warnings).toEqual([
      `Target lake/${r.folder}/typo does not exist: nothing is stored there, so the crawl found no files in it`,
    ]);
    await expectGlueError(
      call('DryRunCrawler', { Name: r.folder }),
      'EntityNotFoundException',
      `Target lake/${r.folder}/typo of crawler ${r.folder} does not exist: nothing is stored there`,
    );
  });

  it('are reported by a crawl that fails for another reason', async () => {
    const configuration = JSON.stringify({ Version: 1.0, CrawlerOutput: { Tables: { TableThreshold: 1 } } });
    const r = await crawl({ 'a/a.csv': 'id,v\n1,x\n2,y\n', 'b/b.csv': 'k,w\n1,x\n2,y\n' }, ['/a', '/b', '/typo'], {
      Configuration: configuration,
    });
    expect(r.record.state).toBe('FAILED');
    expect(r.details.Warnings).toEqual([
      `Target lake/${r.folder}/typo does not exist: nothing is stored there, so the crawl found no files in it`,
    ]);
  });
});

describe('JSON documents', () => {
  // A GeoJSON FeatureCollection larger than the crawler's 1 MB sample.
  const feature = (i: number) => ({
    type: 'Feature',
    properties: { Name: `place ${i}`, Population: i * 10 },
    geometry: { type: 'Point', coordinates: [i / 100, i / 50] },
  });
  const geojson = JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 12000 }, (_, i) => feature(i)) });

  it('a document larger than the sample is one record with its top-level keys as columns', async () => {
    expect(geojson.length).toBeGreaterThan(1 << 20);
    const r = await crawl({ 'geo/places.geojson': geojson });
    expect(r.details.UnreadableFiles).toEqual([]);
    const columns = r.tables[0].StorageDescriptor.Columns.map((c: any) => `${c.Name}:${c.Type}`);
    expect(columns).toEqual([
      'type:string',
      'features:array<struct<type:string,properties:struct<Name:string,Population:int>,geometry:struct<type:string,coordinates:array<double>>>>',
    ]);
    expect(r.details.Warnings[0]).toMatch(/places\.geojson: read as json, but the JSON document is larger than the sample/);
    const q = await queryCatalog(p.sluice.services, `SELECT type, len(features) AS n FROM ${r.folder}.${r.folder}`);
    expect(q.rows).toEqual([{ type: 'FeatureCollection', n: 12000 }]);
  });

  it('a custom classifier’s JsonPath $.features[*] makes the features the records', async () => {
    await call('CreateClassifier', { JsonClassifier: { Name: 'features', JsonPath: '$.features[*]' } });
    const r = await crawl({ 'geo/places.geojson': geojson }, [''], { Classifiers: ['features'] });
    const columns = r.tables[0].StorageDescriptor.Columns.map((c: any) => `${c.Name}:${c.Type}`);
    expect(columns).toEqual([
      'type:string',
      'properties:struct<Name:string,Population:int>',
      'geometry:struct<type:string,coordinates:array<double>>',
    ]);
    expect(Number(r.tables[0].Parameters.recordCount)).toBeGreaterThan(5000);
    expect(r.tables[0].Parameters.jsonPath).toBe('$."features"[*]');
    // A query reads the same records: one per feature, not the one document.
    const q = await queryCatalog(
      p.sluice.services,
      `SELECT count(*) AS n, max(properties.Population) AS top, min(geometry.coordinates[2]) AS low FROM ${r.folder}.${r.folder}`,
    );
    expect(q.rows).toEqual([{ n: 12000, top: 119990, low: 0 }]);
  });
});
