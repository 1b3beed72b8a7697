// Files whose keys and headers have capitals crawl into lower-case columns (as Glue's crawler does),
// and a query over the crawled table still returns every value the files hold: names resolve
// case-insensitively between catalog and files, as in Glue and the Hive SerDes. Each value is
// compared with DuckDB reading the file directly; a column a file lacks is NULL for that file only.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { crawlInProcess, writeTree } from '../../test/helpers/crawls.js';
import { queryCatalog } from '../catalog/query.js';

let p: TestProject;
const call = (op: string, input: unknown) => p.sluice.call(op, input) as Promise<any>;
const lake = () => join(p.dir, 'lake/mixed');

const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const movies = Array.from({ length: 40 }, (_, i) => ({
  Title: `Movie ${i}`,
  'US Gross': 1000 * i + 7,
  'IMDB Rating': i % 5 === 0 ? null : 5 + (i % 10) / 2,
  Info: { Studio: `S${i % 3}`, Year: 1990 + i },
}));
// The same data set from another source: other capitals, one key missing, which reads as NULL here only.
const moreMovies = Array.from({ length: 10 }, (_, i) => ({ TITLE: `Other ${i}`, 'us GROSS': 50 + i, Info: { Studio: 'X', Year: 2000 } }));

beforeAll(async () => {
  p = await openTestProject('sqlite');
  writeTree(lake(), {
    'movies/movies.json': ndjson(movies),
    'movies/more.json': ndjson(moreMovies),
    'arrays/list.json': JSON.stringify(Array.from({ length: 12 }, (_, i) => ({ Id: i, 'Full Name': `N ${i}`, IsActive: i % 2 === 0 }))),
    'people/people.csv': 'Id,Full Name,Score\n' + Array.from({ length: 30 }, (_, i) => `${i},Person ${i},${i * 1.5}`).join('\n') + '\n',
  });
  mkdirSync(join(lake(), 'sales'));
  const engine = await p.sluice.services.openEngine();
  await engine.query(
    `COPY (SELECT i AS "Id", 'c' || i AS "CustomerName", i * 2.5 AS "Amount" FROM range(20) t(i)) TO '${lake()}/sales/a.parquet' (FORMAT parquet)`,
  );
  // Another writer's file: other capitals and no Amount.
  await engine.query(
    `COPY (SELECT i AS "ID", 'd' || i AS customername FROM range(100, 105) t(i)) TO '${lake()}/sales/b.parquet' (FORMAT parquet)`,
  );
  await engine.close();

  await call('CreateCrawler', { Name: 'mixed', Role: 'r', DatabaseName: 'mixed', Targets: { S3Targets: [{ Path: 'lake/mixed' }] } });
  const crawl = await crawlInProcess(p.sluice, 'mixed');
  expect(crawl.state).toBe('COMPLETED');
});
afterAll(async () => {
  await p?.cleanup();
});

/** The files read by DuckDB itself, each row with its file's own key spelling. */
async function direct(reader: string, files: string[]): Promise<Record<string, unknown>[]> {
  const engine = await p.sluice.services.openEngine();
  try {
    const rows: Record<string, unknown>[] = [];
    for (const f of files) rows.push(...(await engine.query(`SELECT * FROM ${reader}('${join(lake(), f)}')`)).rows);
    return rows;
  } finally {
    await engine.close();
  }
}

/** Every catalog row equals the file's row with the same id, column by column, keys matched ignoring case. */
async function expectSameValues(table: string, reader: string, files: string[], id: string, expectedColumns: string[]) {
  const t = (await call('GetTable', { DatabaseName: 'mixed', Name: table })).Table;
  expect(t.StorageDescriptor.Columns.map((c: any) => c.Name).sort()).toEqual([...expectedColumns].sort());
  const got = (await queryCatalog(p.sluice.services, `SELECT * FROM mixed.${table}`)).rows;
  const want = await direct(reader, files);
  expect(got.length).toBe(want.length);
  const byId = new Map(got.map((r) => [String(r[id]), r]));
  let compared = 0;
  for (const w of want) {
    const key = Object.keys(w).find((k) => k.toLowerCase() === id)!;
    const row = byId.get(String(w[key]));
    expect(row, `row ${id}=${w[key]}`).toBeDefined();
    for (const c of expectedColumns) {
      const fileKey = Object.keys(w).find((k) => k.toLowerCase() === c);
      const expected = fileKey === undefined ? null : w[fileKey];
      expect(row![c], `${table}.${c} where ${id}=${w[key]}`).toEqual(expected);
      if (expected !== null) compared++;
    }
  }
  return compared;
}

describe('mixed-case names', () => {
  it('NDJSON: every value of every capitalised key is read, nested field names kept', async () => {
    const n = await expectSameValues('movies', 'read_json_auto', ['movies/movies.json', 'movies/more.json'], 'title', [
      'title',
      'us gross',
      'imdb rating',
      'info',
    ]);
    expect(n).toBeGreaterThan(150);
    const r = await queryCatalog(
      p.sluice.services,
      'SELECT title, "us gross", "US Gross" AS g FROM mixed.movies ORDER BY "us gross" LIMIT 2',
    );
    expect(r.rows).toEqual([
      { title: 'Movie 0', 'us gross': 7, g: 7 },
      { title: 'Other 0', 'us gross': 50, g: 50 },
    ]);
  });

  it('a JSON array of records', async () => {
    expect(await expectSameValues('arrays', 'read_json_auto', ['arrays/list.json'], 'id', ['id', 'full name', 'isactive'])).toBe(36);
  });

  it('CSV with a capitalised header', async () => {
    expect(await expectSameValues('people', 'read_csv_auto', ['people/people.csv'], 'id', ['id', 'full name', 'score'])).toBe(90);
  });

  it('Parquet, a file lacking a column reading NULL for that file only', async () => {
    const n = await expectSameValues('sales', 'read_parquet', ['sales/a.parquet', 'sales/b.parquet'], 'id', [
      'id',
      'customername',
      'amount',
    ]);
    expect(n).toBe(70);
  });
});
