// Bad input never disappears silently (issue 15): the corpus of test/helpers/job-bad-inputs.ts,
// each kind beside good files, through a real job in each record mode. Every file is accounted for
// (rows read + quarantined + dropped = rows in the input), the quarantine holds the bad records with
// file, line and reason, no good row is lost, and what cannot be read fails the run naming the file
// or, with --bad-records-path, is set aside with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import {
  binaryBytes,
  goodCsv,
  hugeFieldCsv,
  latin1Csv,
  ndjsonWithTruncatedLine,
  raggedCsv,
  truncatedGzip,
} from '../../../test/helpers/job-bad-inputs.js';
import type { JobRun } from '../../kernel/glue-types.js';
import { createJob, runInProcess, writeScript } from '../job-test-helpers.js';
import type { FileAccount } from './input-accounting.js';

let p: TestProject;
let seq = 0;

const SCRIPT = `export default async (glue) => {
  const opts = glue.args['--opts'] ? JSON.parse(glue.args['--opts']) : undefined;
  const src = await glue.fromPath({ paths: glue.args['--src'], format: glue.args['--format'], formatOptions: opts, sourceFileColumn: '_source_file' });
  await glue.write(src, { path: glue.args['--out'] });
};`;

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
  dir: string;
  log: string;
}

/** Writes the files into a fresh folder and runs the job over it. */
async function ingest(files: Record<string, string | Buffer>, format: string, args: Record<string, string> = {}): Promise<Outcome> {
  const dir = join(p.dir, 'data', `case-${++seq}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  const out = join(p.dir, 'lake', 'out', `case-${seq}`);
  const quarantine = join(p.dir, 'lake', 'quarantine', `case-${seq}`);
  const run = await runInProcess(p.sluice, 'ingest', {
    '--src': dir,
    '--format': format,
    '--out': out,
    '--quarantine-path': quarantine,
    ...args,
  });
  const details = await p.sluice.call('GetJobRunDetails', { JobName: 'ingest', RunId: run.Id, IncludeLog: true });
  const log = JSON.stringify(details.Log);
  return {
    run,
    metrics: details.Metrics ?? {},
    rows: await parquetRows(out),
    quarantined: (await parquetRows(quarantine)) as Outcome['quarantined'],
    dir,
    log,
  };
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

const account = (o: Outcome, name: string) => o.metrics.inputFiles?.find((a) => a.file.endsWith(`/${name}`));

/** Every file's rows add up, and the run's totals are the files' sums. */
function expectAddsUp(o: Outcome): void {
  const files = o.metrics.inputFiles ?? [];
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) if (f.rowsInInput !== null) expect(f.rowsRead! + f.rowsQuarantined + f.rowsDropped).toBe(f.rowsInInput);
  const sum = (k: 'rowsRead' | 'rowsQuarantined' | 'rowsDropped') => files.reduce((n, f) => n + Number(f[k] ?? 0), 0);
  expect(o.metrics.rowsRead).toBe(sum('rowsRead'));
  expect(o.metrics.rowsMalformed).toBe(sum('rowsQuarantined') + sum('rowsDropped'));
  expect(o.metrics.rowsInInput).toBe(o.metrics.rowsRead + o.metrics.rowsMalformed);
}

describe('a truncated .csv.gz beside a good file', () => {
  const files = () => ({ 'good.csv': goodCsv(100).text, 'cut.csv.gz': truncatedGzip() });

  it('fails the run naming the file, whatever the record mode, and reads nothing', async () => {
    for (const mode of ['PERMISSIVE', 'FAILFAST']) {
      const o = await ingest(files(), 'csv', { '--record-mode': mode });
      expect(o.run.JobRunState).toBe('FAILED');
      expect(o.run.ErrorMessage).toMatch(/cut\.csv\.gz: corrupt gzip data \(unexpected end of file\)/);
      expect(o.run.ErrorMessage).toMatch(/--bad-records-path/);
      expect(o.rows).toEqual([]);
    }
  });

  it('with --bad-records-path sets the file aside with its reason and reads the good one whole', async () => {
    const bad = join(p.dir, 'lake', 'bad-records');
    const o = await ingest(files(), 'csv', { '--bad-records-path': bad });
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows).toHaveLength(100);
    const set = join(bad, o.run.Id!);
    expect(readFileSync(join(set, 'cut.csv.gz'))).toEqual(truncatedGzip());
    expect(JSON.parse(readFileSync(join(set, 'cut.csv.gz.reason.json'), 'utf8')).reason).toMatch(/corrupt gzip/);
    expect(account(o, 'cut.csv.gz')).toMatchObject({ status: 'quarantined', rowsInInput: null, reason: expect.stringMatching(/gzip/) });
    expect(account(o, 'good.csv')).toMatchObject({ status: 'read', rowsRead: 100, rowsInInput: 100 });
    expect(o.metrics.filesQuarantined).toBe(1);
    expect(o.log).toMatch(/1 unreadable file\(s\) set aside/);
    // GetJobRun carries the totals and the summary line too (a Sluice extension member).
    expect((o.run as { SluiceInputAccounting?: { Summary: string; FilesQuarantined: number } }).SluiceInputAccounting).toMatchObject({
      Summary: 'read 100 of 100 rows in the input; 1 unreadable file(s) set aside',
      FilesQuarantined: 1,
    });
    expectAddsUp(o);
  });
});

describe('a field of many MB on one line (8 MB here: the mechanism is the same at 50) beside a good file', () => {
  it('is read whole, not dropped', async () => {
    const big = hugeFieldCsv(8 * 1024 * 1024);
    const o = await ingest({ 'good.csv': goodCsv(10).text, 'big.csv': big.text }, 'csv');
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows).toHaveLength(12);
    expect(o.rows.map((r) => String(r.name).length)).toContain(big.fieldLength);
    expect(account(o, 'big.csv')).toMatchObject({ rowsRead: 2, rowsQuarantined: 0, rowsDropped: 0 });
    expectAddsUp(o);
  });
});

describe('ragged CSV rows (2 and 5 fields, an unterminated quote)', () => {
  const r = raggedCsv();
  const files = () => ({ 'ragged.csv': r.text, 'good.csv': goodCsv(20, 1000).text });

  it('PERMISSIVE: splits the good rows into their columns and quarantines each bad line with file, line and reason', async () => {
    const o = await ingest(files(), 'csv', { '--record-mode': 'PERMISSIVE' });
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(Object.keys(o.rows[0]).sort()).toEqual(['_source_file', 'amount', 'id', 'name']);
    expect(o.rows).toHaveLength(r.good + 20);
    expect(o.quarantined.map((q) => JSON.parse(q._row)._line).sort((a, b) => a - b)).toEqual(r.badLines);
    for (const q of o.quarantined) {
      expect(q._source_file).toMatch(/ragged\.csv$/);
      expect(q._reason).toMatch(/^line \d+: (MISSING COLUMNS|TOO MANY COLUMNS|UNQUOTED VALUE)/);
    }
    expect(o.quarantined.map((q) => JSON.parse(q._row)._record)).toContain('5,only-two');
    expect(account(o, 'ragged.csv')).toMatchObject({
      rowsRead: r.good,
      rowsQuarantined: r.badLines.length,
      rowsInInput: r.good + r.badLines.length,
    });
    expect(o.metrics.rowsQuarantined).toBe(r.badLines.length);
    expectAddsUp(o);
  });

  it('DROPMALFORMED: counts the bad lines as dropped, quarantines nothing and says so', async () => {
    const o = await ingest(files(), 'csv', { '--record-mode': 'DROPMALFORMED' });
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows).toHaveLength(r.good + 20);
    expect(o.quarantined).toEqual([]);
    expect(account(o, 'ragged.csv')).toMatchObject({ rowsDropped: r.badLines.length, rowsQuarantined: 0 });
    expect(o.metrics.rowsDropped).toBe(r.badLines.length);
    expect(o.log).toMatch(new RegExp(`dropped ${r.badLines.length}`));
    expect((o.run as { SluiceInputAccounting?: { Summary: string } }).SluiceInputAccounting?.Summary).toBe(
      `read ${r.good + 20} of ${r.good + 20 + r.badLines.length} rows in the input; ${r.badLines.length} malformed; dropped ${r.badLines.length}`,
    );
    expectAddsUp(o);
  });

  it('FAILFAST: fails naming the file and the line', async () => {
    const o = await ingest(files(), 'csv', { '--record-mode': 'FAILFAST' });
    expect(o.run.JobRunState).toBe('FAILED');
    expect(o.run.ErrorMessage).toMatch(new RegExp(`ragged\\.csv line ${r.badLines[0]}: Expected Number of Columns: 3 Found: 2`));
    expect(o.run.ErrorMessage).not.toMatch(/Possible fixes/);
  });

  it('the source option mode overrides the job argument', async () => {
    const o = await ingest(files(), 'csv', { '--record-mode': 'PERMISSIVE', '--opts': JSON.stringify({ mode: 'failfast' }) });
    expect(o.run.JobRunState).toBe('FAILED');
    const bad = await ingest(files(), 'csv', { '--opts': JSON.stringify({ mode: 'LENIENT' }) });
    expect(bad.run.ErrorMessage).toMatch(/Record mode LENIENT is not one of PERMISSIVE, DROPMALFORMED, FAILFAST/);
  });
});

describe('an empty .csv beside a good one', () => {
  it('adds no rows and no error (not a schema mismatch on column0)', async () => {
    const o = await ingest({ 'empty.csv': '', 'good.csv': goodCsv(5).text }, 'csv');
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows).toHaveLength(5);
    expect(account(o, 'empty.csv')).toMatchObject({ status: 'empty', rowsRead: 0, rowsInInput: 0 });
    expectAddsUp(o);
  });
});

describe('files that are not what they say', () => {
  it.each([
    ['binary.csv', binaryBytes(), /binary data, not CSV text/],
    ['latin1.csv', latin1Csv(), /not UTF-8 text.*encoding/],
  ])('%s fails the run naming it, or is set aside', async (name, body, reason) => {
    const failed = await ingest({ [name]: body, 'good.csv': goodCsv(7).text }, 'csv');
    expect(failed.run.JobRunState).toBe('FAILED');
    expect(failed.run.ErrorMessage).toMatch(new RegExp(`${name.replace('.', '\\.')}: `));
    expect(failed.run.ErrorMessage).toMatch(reason);
    const o = await ingest({ [name]: body, 'good.csv': goodCsv(7).text }, 'csv', { '--ignore-corrupt-files': 'true' });
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows).toHaveLength(7);
    expect(account(o, name)).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(reason) });
  });

  it('a declared encoding reads the Latin-1 file', async () => {
    const o = await ingest({ 'latin1.csv': latin1Csv() }, 'csv', { '--opts': JSON.stringify({ encoding: 'latin-1' }) });
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows.map((r) => r.name)).toContain('café');
  });

  it('a broken Parquet file (cut short, or text named .parquet) fails naming it, or is set aside', async () => {
    const engine = await p.sluice.services.openEngine({ sandbox: false });
    const file = join(p.dir, 'good.parquet');
    await engine.query(`COPY (SELECT range AS id, 'n' || range AS name FROM range(50)) TO '${file}' (FORMAT parquet)`);
    await engine.close();
    const good = readFileSync(file);
    const files = { 'good.parquet': good, 'cut.parquet': good.subarray(0, good.length - 20), 'text.parquet': 'id,name\n1,a\n' };
    const failed = await ingest(files, 'parquet');
    expect(failed.run.ErrorMessage).toMatch(/(cut|text)\.parquet: (truncated or damaged Parquet|not a Parquet file)/);
    const o = await ingest(files, 'parquet', { '--ignore-corrupt-files': 'true' });
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows).toHaveLength(50);
    expect(o.metrics.filesQuarantined).toBe(2);
    expectAddsUp(o);
  });
});

describe('NDJSON with one truncated line among 13', () => {
  const j = ndjsonWithTruncatedLine();
  const files = () => ({
    'cut.json': j.text,
    'good.json.gz': gzipSync('{"id":100,"name":"x","amount":1}\n{"id":101,"name":"y","amount":2}\n'),
  });

  it('PERMISSIVE: quarantines that line with its number and reads the other 12 (no row of NULLs)', async () => {
    const o = await ingest(files(), 'json');
    expect(o.run.JobRunState).toBe('SUCCEEDED');
    expect(o.rows).toHaveLength(j.good + 2);
    expect(o.rows.every((r) => r.id !== null)).toBe(true);
    expect(o.rows.filter((r) => String(r._source_file).endsWith('cut.json'))).toHaveLength(j.good);
    expect(o.quarantined).toHaveLength(1);
    expect(o.quarantined[0]._reason).toMatch(new RegExp(`^line ${j.badLine}: not a JSON record`));
    expect(o.quarantined[0]._source_file).toMatch(/cut\.json$/);
    expect(account(o, 'cut.json')).toMatchObject({ rowsRead: j.good, rowsQuarantined: 1, rowsInInput: 13 });
    expectAddsUp(o);
  });

  it('DROPMALFORMED counts it; FAILFAST fails naming file and line', async () => {
    const dropped = await ingest(files(), 'json', { '--record-mode': 'DROPMALFORMED' });
    expect(dropped.metrics.rowsDropped).toBe(1);
    expect(dropped.rows).toHaveLength(j.good + 2);
    const failed = await ingest(files(), 'json', { '--record-mode': 'FAILFAST' });
    expect(failed.run.ErrorMessage).toMatch(new RegExp(`cut\\.json line ${j.badLine}: not a JSON record`));
  });
});

describe('a catalog source', () => {
  it('takes the record mode from its formatOptions, over the job argument, and reads the declared columns', async () => {
    const r = raggedCsv();
    const dir = join(p.dir, 'lake', 'raw', 'ragged_table');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'part-0.csv'), r.text);
    await p.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'badin' } });
    await p.sluice.call('CreateTable', {
      DatabaseName: 'badin',
      TableInput: {
        Name: 'ragged',
        Parameters: { classification: 'csv', 'skip.header.line.count': '1' },
        StorageDescriptor: {
          Location: dir,
          Columns: [
            { Name: 'id', Type: 'bigint' },
            { Name: 'name', Type: 'string' },
            { Name: 'amount', Type: 'double' },
          ],
        },
      },
    });
    writeScript(
      p.dir,
      'jobs/from-table.mjs',
      `export default async (glue) => {
  const opts = glue.args['--opts'] ? JSON.parse(glue.args['--opts']) : undefined;
  const src = await glue.fromCatalog({ database: 'badin', table: 'ragged', formatOptions: opts });
  await glue.write(src, { path: glue.args['--out'] });
};`,
    );
    await createJob(p.sluice, 'from-table', 'jobs/from-table.mjs');
    const out = join(p.dir, 'lake', 'out', 'from-table');
    const quarantine = join(p.dir, 'lake', 'quarantine', 'from-table');
    const failed = await runInProcess(p.sluice, 'from-table', { '--out': out, '--opts': JSON.stringify({ mode: 'FAILFAST' }) });
    expect(failed.JobRunState).toBe('FAILED');
    expect(failed.ErrorMessage).toMatch(/part-0\.csv line \d+: /);
    const run = await runInProcess(p.sluice, 'from-table', {
      '--out': out,
      '--quarantine-path': quarantine,
      '--record-mode': 'FAILFAST',
      '--opts': JSON.stringify({ mode: 'PERMISSIVE' }),
    });
    expect(run.JobRunState).toBe('SUCCEEDED');
    expect(await parquetRows(out)).toHaveLength(r.good);
    expect(await parquetRows(quarantine)).toHaveLength(r.badLines.length);
  });
});

describe('the bookmark', () => {
  it('counts a file set aside as processed, and one that failed the run as not', async () => {
    writeScript(
      p.dir,
      'jobs/bookmarked.mjs',
      `export default async (glue) => {
  const src = await glue.fromPath({ paths: glue.args['--src'], format: 'csv', transformationCtx: 'src', sourceFileColumn: '_source_file' });
  await glue.write(src, { path: glue.args['--out'] });
  await glue.commit();
};`,
    );
    await createJob(p.sluice, 'bookmarked', 'jobs/bookmarked.mjs', {
      DefaultArguments: { '--job-bookmark-option': 'job-bookmark-enable' },
    });
    const dir = join(p.dir, 'data', 'bookmarked');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'good.csv'), goodCsv(3).text);
    writeFileSync(join(dir, 'cut.csv.gz'), truncatedGzip());
    // Files must be older than the run's start to be selected.
    await new Promise((r) => setTimeout(r, 20));
    const args = { '--src': dir, '--out': join(p.dir, 'lake', 'out', 'bookmarked') };
    const failed = await runInProcess(p.sluice, 'bookmarked', args);
    expect(failed.JobRunState).toBe('FAILED');
    const set = await runInProcess(p.sluice, 'bookmarked', { ...args, '--ignore-corrupt-files': 'true' });
    expect(set.ErrorMessage ?? 'SUCCEEDED').toBe('SUCCEEDED');
    const d = await p.sluice.call('GetJobRunDetails', { JobName: 'bookmarked', RunId: set.Id });
    expect(d.Metrics.inputFiles.map((f: FileAccount) => [f.file.replace(/.*\//, ''), f.status]).sort()).toEqual([
      ['cut.csv.gz', 'quarantined'],
      ['good.csv', 'read'],
    ]);
    // Both were processed: the next run (without the option) has nothing new and does not fail.
    const next = await runInProcess(p.sluice, 'bookmarked', args);
    expect(next.ErrorMessage ?? 'SUCCEEDED').toBe('SUCCEEDED');
    expect((await p.sluice.call('GetJobRunDetails', { JobName: 'bookmarked', RunId: next.Id })).Metrics.filesRead).toBe(0);
  });
});
