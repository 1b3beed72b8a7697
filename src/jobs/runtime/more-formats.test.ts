// Issue 15, the formats DuckDB does not read as they are: Avro and XML sources (decoded in Node,
// engine/decode-file.ts) in each record mode with their accounting; .zst and .bz2 inputs, good and
// truncated, through the crawler and a job; a job reading five formats at once; and JSON whose key
// spelling changes past the sample DuckDB would detect from.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avroBytes, avroRows, blockOffset, damageBlock } from '../../../test/helpers/avro-files.js';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { crawlInProcess, writeTree } from '../../../test/helpers/crawls.js';
import { queryCatalog } from '../../catalog/query.js';
import type { JobRun } from '../../kernel/glue-types.js';
import { createJob, runInProcess, writeScript } from '../job-test-helpers.js';
import type { FileAccount } from './input-accounting.js';

let p: TestProject;
let seq = 0;
const call = (op: string, input: unknown) => p.sluice.call(op, input) as Promise<any>;

const SCRIPT = `export default async (glue) => {
  const opts = glue.args['--opts'] ? JSON.parse(glue.args['--opts']) : undefined;
  const src = await glue.fromPath({ paths: glue.args['--src'], format: glue.args['--format'], formatOptions: opts, sourceFileColumn: '_source_file' });
  await glue.write(src, { path: glue.args['--out'] });
};`;

/** Compresses with the Debian tool (zstd, bzip2), as a person's files would be. */
const compress = (tool: 'zstd' | 'bzip2', data: string | Buffer) => execFileSync(tool, ['-c'], { input: data });
const hasTool = (tool: string) => {
  try {
    execFileSync(tool, ['--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const tools = hasTool('zstd') && hasTool('bzip2');

const books = (n: number, bad: number[] = []) =>
  `<?xml version="1.0"?>\n<catalog>\n${Array.from({ length: n }, (_, i) =>
    bad.includes(i)
      ? `  <book id="b${i}"><Title>Broken ${i}</Titel></book>`
      : `  <book id="b${i}"><Title>Book ${i}</Title><Price>${i}.5</Price></book>`,
  ).join('\n')}\n</catalog>\n`;
const csv = (n: number) => 'Id,Full Name\n' + Array.from({ length: n }, (_, i) => `${i},P ${i}`).join('\n') + '\n';
const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

beforeAll(async () => {
  p = await openTestProject('sqlite');
  writeScript(p.dir, 'jobs/ingest.mjs', SCRIPT);
  await createJob(p.sluice, 'ingest', 'jobs/ingest.mjs');
});
afterAll(async () => {
  await p?.cleanup();
});

interface Outcome {
  run: JobRun;
  metrics: Record<string, number> & { inputFiles?: FileAccount[] };
  rows: Record<string, unknown>[];
  quarantined: { _reason: string; _source_file: string; _row: string }[];
}

async function parquetRows(location: string): Promise<Record<string, unknown>[]> {
  if (!existsSync(location) || !readdirSync(location).length) return [];
  const engine = await p.sluice.services.openEngine({ sandbox: false });
  try {
    await engine.registerFiles('t', { format: 'parquet', paths: [location] });
    return (await engine.query('SELECT * FROM t')).rows;
  } finally {
    await engine.close();
  }
}

async function ingest(files: Record<string, string | Buffer>, format: string, args: Record<string, string> = {}): Promise<Outcome> {
  const dir = join(p.dir, 'data', `case-${++seq}`);
  writeTree(dir, files);
  const out = join(p.dir, 'lake', 'out', `case-${seq}`);
  const quarantine = join(p.dir, 'lake', 'quarantine', `case-${seq}`);
  const run = await runInProcess(p.sluice, 'ingest', {
    '--src': dir,
    '--format': format,
    '--out': out,
    '--quarantine-path': quarantine,
    ...args,
  });
  const details = await call('GetJobRunDetails', { JobName: 'ingest', RunId: run.Id });
  return {
    run,
    metrics: details.Metrics ?? {},
    rows: await parquetRows(out),
    quarantined: (await parquetRows(quarantine)) as Outcome['quarantined'],
  };
}

const account = (o: Outcome, name: string) => o.metrics.inputFiles?.find((a) => a.file.endsWith(`/${name}`));
function expectAddsUp(o: Outcome): void {
  for (const f of o.metrics.inputFiles ?? [])
    if (f.rowsInInput !== null) expect(f.rowsRead! + f.rowsQuarantined + f.rowsDropped).toBe(f.rowsInInput);
  expect(o.metrics.rowsInInput).toBe(o.metrics.rowsRead + o.metrics.rowsMalformed);
}

describe('an Avro source with a damaged block beside a good file', () => {
  let bad: Buffer;
  let at: number;
  const files = () => ({ 'good.avro': good, 'bad.avro': bad });
  let good: Buffer;
  beforeAll(async () => {
    good = await avroBytes(avroRows(30));
    bad = damageBlock(await avroBytes(avroRows(40, 100)), 2);
    at = blockOffset(bad, 2);
  });

  it('PERMISSIVE: the block goes to the quarantine named by file and offset, every other record is read with its types', async () => {
    const o = await ingest(files(), 'avro');
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.quarantined).toHaveLength(1);
    expect(o.quarantined[0]._source_file).toMatch(/bad\.avro$/);
    expect(o.quarantined[0]._reason).toMatch(new RegExp(`^block 2 at byte ${at}: the block does not decode`));
    expect(JSON.parse(o.quarantined[0]._row)._offset).toBe(at);
    const b = account(o, 'bad.avro')!;
    expect(b.rowsQuarantined).toBe(1);
    expect(b.rowsRead).toBeGreaterThan(30);
    expect(account(o, 'good.avro')).toMatchObject({ rowsRead: 30, rowsInInput: 30 });
    expect(o.rows.length).toBe(30 + b.rowsRead!);
    const r7 = o.rows.find((r) => r.Id === 7)!;
    expect(r7).toMatchObject({ Id: 7, name: 'n7', at: '2023-11-14T22:13:20.007', tags: ['a', 't7'] });
    // The highest Id of the damaged file's last block is there: reading went on after the bad block.
    expect(o.rows.some((r) => r.Id === 139)).toBe(true);
    expectAddsUp(o);
  });

  it('DROPMALFORMED counts it; FAILFAST fails naming the file and the block', async () => {
    const d = await ingest(files(), 'avro', { '--record-mode': 'DROPMALFORMED' });
    expect(d.run.JobRunState).toBe('SUCCEEDED');
    expect(d.quarantined).toEqual([]);
    expect(account(d, 'bad.avro')).toMatchObject({ rowsDropped: 1, rowsQuarantined: 0 });
    expect(d.metrics.rowsDropped).toBe(1);
    expectAddsUp(d);
    const f = await ingest(files(), 'avro', { '--record-mode': 'FAILFAST' });
    expect(f.run.JobRunState).toBe('FAILED');
    expect(f.run.ErrorMessage).toMatch(new RegExp(`bad\\.avro block 2 at byte ${at}: the block does not decode`));
    expect(f.rows).toEqual([]);
  });

  it('a file that is not Avro fails the run naming it, or is set aside with --bad-records-path', async () => {
    const failed = await ingest({ 'good.avro': good, 'no.avro': 'a,b\n1,2\n' }, 'avro');
    expect(failed.run.JobRunState).toBe('FAILED');
    expect(failed.run.ErrorMessage).toMatch(/no\.avro: not an Avro file/);
    const o = await ingest({ 'good.avro': good, 'no.avro': 'a,b\n1,2\n' }, 'avro', { '--bad-records-path': join(p.dir, 'lake', 'bad') });
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows).toHaveLength(30);
    expect(account(o, 'no.avro')).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/not an Avro file/) });
  });
});

describe('an XML source', () => {
  it('reads the rowTag elements; a malformed one is quarantined with its line, FAILFAST names it', async () => {
    const opts = JSON.stringify({ rowTag: 'book' });
    const o = await ingest({ 'a.xml': books(20, [5]), 'b.xml': books(3) }, 'xml', { '--opts': opts });
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows).toHaveLength(22);
    expect(o.rows.find((r) => r._id === 'b7')).toMatchObject({ Title: 'Book 7', Price: '7.5' });
    expect(o.quarantined).toHaveLength(1);
    // The XML declaration and <catalog> take lines 1-2: row 5 is on line 8.
    expect(o.quarantined[0]._reason).toMatch(/^line 8: malformed <book> element/);
    expect(JSON.parse(o.quarantined[0]._row)._record).toContain('Broken 5');
    expect(account(o, 'a.xml')).toMatchObject({ rowsRead: 19, rowsQuarantined: 1, rowsInInput: 20 });
    expectAddsUp(o);
    const f = await ingest({ 'a.xml': books(20, [5]) }, 'xml', { '--opts': JSON.stringify({ rowTag: 'book', mode: 'FAILFAST' }) });
    expect(f.run.JobRunState).toBe('FAILED');
    expect(f.run.ErrorMessage).toMatch(/a\.xml line 8: malformed <book> element/);
  });
});

describe.skipIf(!tools)('.zst and .bz2 inputs (compressed by the zstd and bzip2 tools)', () => {
  it('are read whole by a job; a truncated one fails the run naming the file, or is set aside', async () => {
    const o = await ingest({ 'a.csv.zst': compress('zstd', csv(50)), 'b.csv.bz2': compress('bzip2', csv(40)), 'c.csv': csv(5) }, 'csv');
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows).toHaveLength(95);
    expect(account(o, 'a.csv.zst')).toMatchObject({ rowsRead: 50 });
    expect(account(o, 'b.csv.bz2')).toMatchObject({ rowsRead: 40 });
    const big = csv(5000);
    const zst = compress('zstd', big);
    const bz = compress('bzip2', big);
    for (const [name, data] of [
      ['cut.csv.zst', zst.subarray(0, zst.length - 200)],
      ['cut.csv.bz2', bz.subarray(0, bz.length - 200)],
    ] as const) {
      const failed = await ingest({ [name]: data, 'c.csv': csv(5) }, 'csv');
      expect(failed.run.JobRunState).toBe('FAILED');
      expect(failed.run.ErrorMessage).toMatch(new RegExp(`${name.replace('.', '\\.')}: corrupt (zstd|bzip2) data`));
      const aside = await ingest({ [name]: data, 'c.csv': csv(5) }, 'csv', { '--bad-records-path': join(p.dir, 'lake', 'bad') });
      expect(aside.run.JobRunState).toBe('SUCCEEDED');
      expect(aside.rows).toHaveLength(5);
      expect(account(aside, name)).toMatchObject({ status: 'quarantined' });
    }
    const json = await ingest({ 'r.json.zst': compress('zstd', ndjson([{ a: 1 }, { a: 2 }, 'x' as never].slice(0, 2))) }, 'json');
    expect(json.run.JobRunState).toBe('SUCCEEDED');
    expect(json.rows).toEqual([
      { a: 1, _source_file: expect.stringMatching(/r\.json\.zst$/) },
      { a: 2, _source_file: expect.any(String) },
    ]);
  });
});

describe('a crawl, then a job reading five formats at once', () => {
  const lake = () => join(p.dir, 'lake', 'five');
  beforeAll(async () => {
    writeTree(lake(), {
      'people/people.csv': csv(30),
      'events/events.json': ndjson(Array.from({ length: 25 }, (_, i) => ({ Id: i, Kind: `k${i % 4}` }))),
      'recs/recs.avro': await avroBytes(avroRows(35)),
      'books/books.xml': books(15),
    });
    if (tools)
      writeTree(lake(), { 'zpeople/people.csv.zst': compress('zstd', csv(12)), 'bpeople/people.csv.bz2': compress('bzip2', csv(8)) });
    const engine = await p.sluice.services.openEngine();
    mkdirSync(join(lake(), 'sales'));
    await engine.query(`COPY (SELECT i AS "Id", i * 2.5 AS "Amount" FROM range(20) t(i)) TO '${lake()}/sales/a.parquet' (FORMAT parquet)`);
    await engine.close();
    await call('CreateCrawler', { Name: 'five', Role: 'r', DatabaseName: 'five', Targets: { S3Targets: [{ Path: 'lake/five' }] } });
    const crawl = await crawlInProcess(p.sluice, 'five');
    expect(crawl.state).toBe('COMPLETED');
  });

  it('the crawler classifies each; catalog queries read Avro and XML tables with every value', async () => {
    const tables = (await call('GetTables', { DatabaseName: 'five' })).TableList as { Name: string; Parameters: Record<string, string> }[];
    const cls = Object.fromEntries(tables.map((t) => [t.Name, t.Parameters.classification]));
    expect(cls).toMatchObject({ people: 'csv', events: 'json', recs: 'avro', books: 'xml', sales: 'parquet' });
    if (tools) expect(cls).toMatchObject({ zpeople: 'csv', bpeople: 'csv' });
    const rows = (await queryCatalog(p.sluice.services, 'SELECT id, name, "at", tags FROM five.recs ORDER BY id')).rows;
    expect(rows).toHaveLength(35);
    expect(rows[4]).toEqual({ id: 4, name: 'n4', at: '2023-11-14T22:13:20.004', tags: ['a', 't4'] });
    const xml = (await queryCatalog(p.sluice.services, 'SELECT _id, title, price FROM five.books ORDER BY price')).rows;
    expect(xml).toHaveLength(15);
    expect(xml[0]).toEqual({ _id: 'b0', title: 'Book 0', price: 0.5 });
    if (tools) {
      const z = await queryCatalog(p.sluice.services, 'SELECT count(*) AS n FROM five.zpeople UNION ALL SELECT count(*) FROM five.bpeople');
      expect(z.rows.map((r) => r.n)).toEqual([12, 8]);
    }
  });

  it('one job reads CSV, JSON, Parquet, Avro and XML catalog sources, accounting for each file', async () => {
    const names = ['people', 'events', 'sales', 'recs', 'books', ...(tools ? ['zpeople', 'bpeople'] : [])];
    writeScript(
      p.dir,
      'jobs/five.mjs',
      `export default async (glue) => {
  const names = ${JSON.stringify(names)};
  let all;
  for (const table of names) {
    const f = await glue.fromCatalog({ database: 'five', table, transformationCtx: table });
    const id = table === 'books' ? '_id' : 'id';
    const ids = await glue.sql('SELECT CAST(' + id + " AS VARCHAR) AS id, '" + table + "' AS source FROM t", { t: f });
    all = all ? await all.union(ids) : ids;
  }
  await glue.write(all, { path: glue.args['--out'] });
};`,
    );
    await createJob(p.sluice, 'five', 'jobs/five.mjs');
    const out = join(p.dir, 'lake', 'out', 'five');
    const run = await runInProcess(p.sluice, 'five', { '--out': out });
    expect(run.ErrorMessage).toBeUndefined();
    expect(run.JobRunState).toBe('SUCCEEDED');
    const rows = await parquetRows(out);
    const count = (s: string) => rows.filter((r) => r.source === s).length;
    expect(names.map(count)).toEqual([30, 25, 20, 35, 15, ...(tools ? [12, 8] : [])]);
    const details = await call('GetJobRunDetails', { JobName: 'five', RunId: run.Id });
    const files = details.Metrics.inputFiles as FileAccount[];
    expect(files).toHaveLength(names.length);
    for (const f of files) expect(f.rowsRead).toBe(f.rowsInInput);
  });
});

describe('JSON whose key spelling changes past the first 20,480 records', () => {
  it('reads every value (every line was parsed, so both spellings are known)', async () => {
    const n = 20_480 + 100;
    const rows = Array.from({ length: n }, (_, i) => (i < 20_480 ? { Title: `t${i}`, Score: i } : { TITLE: `t${i}`, score: i }));
    const dir = join(p.dir, 'lake', 'raw', 'late_spelling');
    writeTree(dir, { 'a.json': ndjson(rows) });
    await call('CreateDatabase', { DatabaseInput: { Name: 'late' } });
    await call('CreateTable', {
      DatabaseName: 'late',
      TableInput: {
        Name: 'titles',
        Parameters: { classification: 'json' },
        StorageDescriptor: {
          Location: dir,
          Columns: [
            { Name: 'title', Type: 'string' },
            { Name: 'score', Type: 'bigint' },
          ],
        },
      },
    });
    writeScript(
      p.dir,
      'jobs/late.mjs',
      `export default async (glue) => {
  const f = await glue.fromCatalog({ database: 'late', table: 'titles' });
  await glue.write(f, { path: glue.args['--out'] });
};`,
    );
    await createJob(p.sluice, 'late', 'jobs/late.mjs');
    const out = join(p.dir, 'lake', 'out', 'late');
    const run = await runInProcess(p.sluice, 'late', { '--out': out });
    expect(run.JobRunState).toBe('SUCCEEDED');
    const got = await parquetRows(out);
    expect(got).toHaveLength(n);
    expect(got.filter((r) => r.title === null || r.score === null)).toEqual([]);
    expect(got.find((r) => r.score === n - 1)).toEqual({ title: `t${n - 1}`, score: n - 1 });
  });
});

describe('a source with bookmarkKeys', () => {
  it('has the record modes too: a ragged row is quarantined, the rows past the last key are read', async () => {
    const dir = join(p.dir, 'lake', 'raw', 'keyed');
    const lines = (from: number, to: number, bad?: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => (from + i === bad ? `${from + i},x,extra,fields` : `${from + i},n${from + i}`)).join(
        '\n',
      ) + '\n';
    writeTree(dir, { 'a.csv': `seq,name\n${lines(1, 10, 4)}` });
    await call('CreateDatabase', { DatabaseInput: { Name: 'keyed' } });
    await call('CreateTable', {
      DatabaseName: 'keyed',
      TableInput: {
        Name: 'events',
        Parameters: { classification: 'csv', 'skip.header.line.count': '1' },
        StorageDescriptor: {
          Location: dir,
          Columns: [
            { Name: 'seq', Type: 'bigint' },
            { Name: 'name', Type: 'string' },
          ],
        },
      },
    });
    writeScript(
      p.dir,
      'jobs/keyed.mjs',
      `export default async (glue) => {
  const f = await glue.fromCatalog({ database: 'keyed', table: 'events', transformationCtx: 'events', bookmarkKeys: ['seq'] });
  await glue.write(f, { path: glue.args['--out'] });
  await glue.commit();
};`,
    );
    await createJob(p.sluice, 'keyed', 'jobs/keyed.mjs', { DefaultArguments: { '--job-bookmark-option': 'job-bookmark-enable' } });
    const out = join(p.dir, 'lake', 'out', 'keyed');
    const quarantine = join(p.dir, 'lake', 'quarantine', 'keyed');
    const failed = await runInProcess(p.sluice, 'keyed', { '--out': out, '--record-mode': 'FAILFAST' });
    expect(failed.JobRunState).toBe('FAILED');
    expect(failed.ErrorMessage).toMatch(/a\.csv line 5: /);
    const first = await runInProcess(p.sluice, 'keyed', { '--out': out, '--quarantine-path': quarantine });
    expect(first.JobRunState).toBe('SUCCEEDED');
    expect((await parquetRows(out)).map((r) => r.seq).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10]);
    const q = await parquetRows(quarantine);
    expect(q).toHaveLength(1);
    expect(String(q[0]._reason)).toMatch(/^line 5: /);
    const details = await call('GetJobRunDetails', { JobName: 'keyed', RunId: first.Id });
    expect(details.Metrics.inputFiles).toEqual([expect.objectContaining({ rowsRead: 9, rowsQuarantined: 1, rowsInInput: 10 })]);
    // New rows in a new file: the next run reads only those past seq 10.
    writeTree(dir, { 'b.csv': `seq,name\n${lines(11, 15)}` });
    const second = await runInProcess(p.sluice, 'keyed', {
      '--out': out,
      '--quarantine-path': quarantine,
      '--record-mode': 'DROPMALFORMED',
    });
    expect(second.JobRunState).toBe('SUCCEEDED');
    expect((await parquetRows(out)).length).toBe(14);
    expect(await parquetRows(quarantine)).toHaveLength(1);
  });
});
