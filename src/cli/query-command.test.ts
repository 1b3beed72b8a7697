// `sluice query` end to end: a catalog table registered by hand over Parquet the engine wrote, then
// the real command (bin/sluice.js) and its function, in each output format.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { BIN, runCli } from '../../test/helpers/cli.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import { runQuery } from './query-command.js';

let p: TestProject;
const SQL = `SELECT country, year, count(*) AS n, sum(amount) AS total, min(note) AS note FROM sales.orders GROUP BY ALL ORDER BY ALL`;

beforeAll(async () => {
  p = await openTestProject('sqlite');
  const location = join(p.dir, 'lake/curated/orders');
  const engine = await p.sluice.services.openEngine();
  await engine.writeParquet(
    `SELECT i AS id, i * 2.5 AS amount, CASE WHEN i = 0 THEN 'said "hi", left' END AS note, 2023 + i % 2 AS year, 'fr' AS country FROM range(5) t(i)`,
    { location, partitionBy: ['year', 'country'] },
  );
  await engine.close();
  await p.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'sales' } });
  await p.sluice.call('CreateTable', {
    DatabaseName: 'sales',
    TableInput: {
      Name: 'orders',
      Parameters: { classification: 'parquet' },
      StorageDescriptor: {
        Location: location,
        Columns: [
          { Name: 'id', Type: 'bigint' },
          { Name: 'amount', Type: 'double' },
          { Name: 'note', Type: 'string' },
        ],
      },
      PartitionKeys: [
        { Name: 'year', Type: 'int' },
        { Name: 'country', Type: 'string' },
      ],
    },
  });
  const partitions = ['2023', '2024'].map((y) => ({
    Values: [y, 'fr'],
    StorageDescriptor: { Location: `${location}/year=${y}/country=fr` },
  }));
  await p.sluice.call('BatchCreatePartition', { DatabaseName: 'sales', TableName: 'orders', PartitionInputList: partitions });
});
afterAll(() => p?.cleanup());

describe('sluice query', () => {
  it('prints an aligned table by default, numbers to the right', () => {
    const r = runCli(p.dir, ['query', SQL]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'country | year | n | total | note',
        '--------+------+---+-------+----------------',
        'fr      | 2023 | 3 |    15 | said "hi", left',
        'fr      | 2024 | 2 |    10 | NULL',
        '(2 rows)',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with --json', () => {
    const r = runCli(p.dir, ['query', SQL, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { country: 'fr', year: 2023, n: 3, total: 15, note: 'said "hi", left' },
      { country: 'fr', year: 2024, n: 2, total: 10, note: null },
    ]);
  });

  it('prints CSV with --csv, quoting where needed', async () => {
    expect(await runQuery(SQL, { csv: true }, p.dir)).toBe(
      'country,year,n,total,note\r\nfr,2023,3,15,"said ""hi"", left"\r\nfr,2024,2,10,\r\n',
    );
  });

  it('stops at --limit and says so under the table', async () => {
    const out = await runQuery('SELECT id FROM sales.orders WHERE year = 2023 ORDER BY id', { limit: '2' }, p.dir);
    expect(out).toBe('id\n--\n 0\n 2\n(2 rows; more rows were left out, see --limit)\n');
    expect(JSON.parse(await runQuery('SELECT id FROM sales.orders ORDER BY id', { json: true, limit: '1' }, p.dir))).toEqual([{ id: 0 }]);
  });

  it('reports an unknown table on one line with a non-zero exit', () => {
    const r = runCli(p.dir, ['query', 'SELECT * FROM sales.nope']);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('An error occurred (EntityNotFoundException): Table sales.nope not found in the Data Catalog');
  });

  it('reports a syntax error as InvalidInputException with its position', () => {
    const r = runCli(p.dir, ['query', 'SELECT year\nFRM sales.orders']);
    expect(r.status).toBe(252);
    expect(r.stderr).toBe(
      '\nAn error occurred (InvalidInputException): Parser Error: syntax error at or near "sales" at line 2, column 5\n',
    );
  });

  it('ends quietly when the reader of its output stops early', () => {
    // A few thousand rows as CSV are more than the pipe holds, so writes go on after head has gone.
    const sql = "SELECT i, repeat('x', 100) AS pad FROM range(20000) t(i)";
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" query "${sql}" --csv | head -2; exit \${PIPESTATUS[0]}`], {
      cwd: p.dir,
      encoding: 'utf8',
      env: { ...process.env, SLUICE_FROM_SOURCE: '1' },
    });
    expect(r.stdout).toBe('i,pad\r\n0,' + 'x'.repeat(100) + '\r\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('rejects a bad --limit and bad SQL with messages naming the problem', async () => {
    await expectGlueError(
      runQuery('SELECT 1', { limit: 'ten' }, p.dir),
      'InvalidInputException',
      /--limit must be a whole number, not 'ten'/,
    );
    await expectGlueError(
      runQuery('SELECT year FROM sales.orders WHERE nosuch = 1', {}, p.dir),
      'InvalidInputException',
      /"nosuch" not found/,
    );
  });
});
