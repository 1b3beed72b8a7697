// The .sql and .yaml script kinds (module scripts are exercised by every other jobs test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { queryCatalog } from '../../catalog/query.js';
import { createJob, runInProcess, writeScript } from '../job-test-helpers.js';

let p: TestProject;
const q = async (sql: string) => (await queryCatalog(p.sluice.services, sql)).rows;
const metrics = async (job: string, runId: string) => (await p.sluice.call('GetJobRunDetails', { JobName: job, RunId: runId })).Metrics;

beforeAll(async () => {
  p = await openTestProject('sqlite');
  writeScript(p.dir, 'data/items/1.csv', 'sku,category,price\na,tools,10\nb,tools,5\nc,toys,3\n');
  await p.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'shop' } });
  await p.sluice.call('CreateTable', {
    DatabaseName: 'shop',
    TableInput: {
      Name: 'items',
      StorageDescriptor: {
        Location: `${p.dir}/data/items/`,
        Columns: [
          { Name: 'sku', Type: 'string' },
          { Name: 'category', Type: 'string' },
          { Name: 'price', Type: 'double' },
        ],
      },
      Parameters: { classification: 'csv', 'skip.header.line.count': '1', delimiter: ',' },
    },
  });
});
afterAll(async () => {
  await p?.cleanup();
});

describe('.sql jobs', () => {
  it('runs a SELECT over catalog tables into the sink its arguments name, bookmarking each table', async () => {
    writeScript(p.dir, 'jobs/totals.sql', 'SELECT category, sum(price) AS total, count(*) AS n FROM shop.items GROUP BY category;\n');
    await createJob(p.sluice, 'totals', 'jobs/totals.sql', {
      DefaultArguments: {
        '--output-database': 'shop',
        '--output-table': 'totals',
        '--output-path': 'lake/curated/totals',
        '--job-bookmark-option': 'job-bookmark-enable',
      },
    });
    const run = await runInProcess(p.sluice, 'totals');
    expect(run.JobRunState).toBe('SUCCEEDED');
    expect(await q('SELECT category, total, n FROM shop.totals ORDER BY category')).toEqual([
      { category: 'tools', total: 15, n: 2 },
      { category: 'toys', total: 3, n: 1 },
    ]);
    const again = await runInProcess(p.sluice, 'totals');
    expect((await metrics('totals', again.Id!)).rowsWritten).toBe(0);
    writeScript(p.dir, 'data/items/2.csv', 'sku,category,price\nd,toys,4\n');
    await runInProcess(p.sluice, 'totals');
    expect(await q('SELECT category, total FROM shop.totals ORDER BY category, total')).toEqual([
      { category: 'tools', total: 15 },
      { category: 'toys', total: 3 },
      { category: 'toys', total: 4 },
    ]);
    expect(JSON.parse((await p.sluice.call('GetJobBookmark', { JobName: 'totals' })).JobBookmarkEntry.JobBookmark)).toHaveProperty([
      'shop.items',
    ]);
  });

  it('fails with an actionable message without a sink or with a missing table', async () => {
    writeScript(p.dir, 'jobs/nosink.sql', 'SELECT * FROM shop.items');
    await createJob(p.sluice, 'nosink', 'jobs/nosink.sql');
    expect((await runInProcess(p.sluice, 'nosink')).ErrorMessage).toMatch(/--output-path, or --output-database and --output-table/);
    writeScript(p.dir, 'jobs/ghost.sql', 'SELECT * FROM shop.ghost');
    await createJob(p.sluice, 'ghost', 'jobs/ghost.sql', { DefaultArguments: { '--output-path': 'lake/x' } });
    expect((await runInProcess(p.sluice, 'ghost')).ErrorMessage).toMatch(/EntityNotFoundException: Table ghost not found/);
  });
});

const declarative = `
sources:
  orders: { path: data/yorders.csv, format: csv, formatOptions: { all_varchar: true }, sourceFileColumn: _source_file }
  fx: { path: data/fx.csv, format: csv, transformationCtx: false }
nodes:
  clean:
    from: orders
    steps:
      - cleanNames: true
      - nulls: { columns: [customer_email], action: replace, value: unknown@example.com }
      - cast: { columns: { order_id: bigint, amount: double } }
      - parseDates: { columns: [order_date], formats: ['%Y-%m-%d', '%d-%m-%Y', '%m/%d/%Y'] }
      - quarantine: { where: "NOT regexp_full_match(customer_email, '[^@ ]+@[^@ ]+[.][a-z]+')", reason: invalid email }
      - dedupe: { keys: [order_id] }
      - lookup: { with: fx, on: { currency: currency }, columns: { rate: rate } }
      - derive: { amount_usd: "round(amount * rate, 2)" }
      - filter: { where: "status <> 'cancelled'" }
      - rename: { status: order_status }
      - metadata: true
  daily:
    from: clean
    steps:
      - aggregate: { groupBy: [order_date], aggs: [{ column: amount_usd, fn: sum, as: revenue }, { column: order_id, fn: count, as: orders }] }
      - sql: SELECT * FROM input ORDER BY order_date
sinks:
  - { from: clean, database: processed, table: yorders, path: lake/processed/yorders, partitionBy: { dt: "strftime(order_date, '%Y-%m-%d')" } }
  - { from: daily, database: curated, table: daily, path: lake/curated/daily, mode: overwrite }
`;

describe('.yaml jobs', () => {
  it('applies the metadata-driven rules, quarantines what breaks them, and writes every sink', async () => {
    writeScript(
      p.dir,
      'data/yorders.csv',
      [
        'OrderID,Customer Email,Amount,Currency,Order Date,Status',
        '1,a@x.com,10,EUR,2024-01-05,paid',
        '2,bad-email,20,USD,05-01-2024,paid',
        '3,c@x.com,abc,EUR,2024-01-06,open',
        '4,,8,GBP,01/07/2024,paid',
        '1,a@x.com,10,EUR,2024-01-05,paid',
        '5,e@x.com,12,EUR,not a date,paid',
        '6,f@x.com,1,USD,06-01-2024,cancelled',
      ].join('\n'),
    );
    writeScript(p.dir, 'data/fx.csv', 'currency,rate\nEUR,1.1\nUSD,1.0\nGBP,1.25\n');
    writeScript(p.dir, 'jobs/ingest.yaml', declarative);
    await createJob(p.sluice, 'ingest', 'jobs/ingest.yaml');
    const run = await runInProcess(p.sluice, 'ingest');
    expect(run.ErrorMessage).toBeUndefined();
    const rows = await q(
      'SELECT order_id, customer_email, amount_usd, order_date, order_status, dt, _run_id FROM processed.yorders ORDER BY order_id',
    );
    expect(rows).toEqual([
      {
        order_id: 1,
        customer_email: 'a@x.com',
        amount_usd: 11,
        order_date: '2024-01-05',
        order_status: 'paid',
        dt: '2024-01-05',
        _run_id: run.Id,
      },
      {
        order_id: 4,
        customer_email: 'unknown@example.com',
        amount_usd: 10,
        order_date: '2024-01-07',
        order_status: 'paid',
        dt: '2024-01-07',
        _run_id: run.Id,
      },
    ]);
    expect(await q('SELECT * FROM curated.daily')).toEqual([
      { order_date: '2024-01-05', revenue: 11, orders: 1 },
      { order_date: '2024-01-07', revenue: 10, orders: 1 },
    ]);
    const reasons = (await q('SELECT _reason FROM processed.ingest_quarantine ORDER BY _reason')).map((r) => r._reason);
    expect(reasons).toEqual([
      'amount is not a valid double: abc',
      'duplicate of (1)',
      'invalid email',
      'order_date is not a date in %Y-%m-%d | %d-%m-%Y | %m/%d/%Y: not a date',
    ]);
    const m = await metrics('ingest', run.Id!);
    // 7 order rows and 3 fx rows read; 2 written to yorders (+2 daily), 4 quarantined, 1 filtered out.
    expect(m).toMatchObject({ rowsRead: 10, rowsQuarantined: 4, rowsDropped: 1, rowsWritten: 4 });
  });

  it('reports every problem of an invalid definition, and cycles', async () => {
    writeScript(p.dir, 'jobs/bad.yaml', 'sources:\n  a: { path: x }\nsinks: []\n');
    await createJob(p.sluice, 'bad', 'jobs/bad.yaml');
    const msg = (await runInProcess(p.sluice, 'bad')).ErrorMessage!;
    expect(msg).toMatch(/sources\.a: a source has either catalog, or path with format/);
    expect(msg).toMatch(/sinks: Too small/i);
    writeScript(
      p.dir,
      'jobs/cycle.yaml',
      'sources:\n  s: { path: data/fx.csv, format: csv }\nnodes:\n  a: { from: b }\n  b: { from: a }\nsinks:\n  - { from: a, path: lake/x }\n',
    );
    await createJob(p.sluice, 'cycle', 'jobs/cycle.yaml');
    expect((await runInProcess(p.sluice, 'cycle')).ErrorMessage).toMatch(/cycle: a → b → a/);
  });
});

describe('data quality in jobs', () => {
  const rules = (critical: boolean) => `Rules = [
    ColumnValues "price" > 0${critical ? ' labels=["severity"="critical"]' : ''},
    IsComplete "sku"
  ]`;

  it('quarantines rows failing row-level rules with the rules they failed, and records the result', async () => {
    writeScript(p.dir, 'data/priced.csv', 'sku,price\na,10\nb,-1\nc,3\n');
    writeScript(
      p.dir,
      'jobs/dq.yaml',
      `
sources:
  items: { path: data/priced.csv, format: csv }
nodes:
  checked:
    from: items
    steps:
      - quality: { name: prices, ruleset: '${rules(false).replace(/\n\s*/g, ' ')}' }
sinks:
  - { from: checked, database: shop, table: priced, path: lake/processed/priced, mode: overwrite }
`,
    );
    await createJob(p.sluice, 'dq', 'jobs/dq.yaml');
    const run = await runInProcess(p.sluice, 'dq');
    expect(run.ErrorMessage).toBeUndefined();
    expect((await q('SELECT sku FROM shop.priced ORDER BY sku')).map((r) => r.sku)).toEqual(['a', 'c']);
    expect((await q('SELECT _reason FROM shop.dq_quarantine'))[0]._reason).toBe('data quality: ColumnValues "price" > 0');
    const { Results } = await p.sluice.call('ListDataQualityResults', { Filter: { JobName: 'dq' } });
    expect(Results).toHaveLength(1);
  });

  it('fails the run, committing nothing, when a critical rule fails', async () => {
    writeScript(
      p.dir,
      'jobs/dqcrit.ts',
      `export default async (glue: any) => {
  const items = await glue.fromPath({ paths: 'data/priced.csv', format: 'csv' });
  const { frame } = await items.evaluateDataQuality({ ruleset: ${JSON.stringify(rules(true))} });
  await glue.write(frame, { path: 'lake/processed/crit' });
};`,
    );
    await createJob(p.sluice, 'dqcrit', 'jobs/dqcrit.ts');
    const run = await runInProcess(p.sluice, 'dqcrit');
    expect(run.JobRunState).toBe('FAILED');
    expect(run.ErrorMessage).toMatch(/Data quality check failed on critical rules \(score 0\.5.*ColumnValues "price" > 0/);
    expect(existsSync(`${p.dir}/lake/processed/crit`)).toBe(false);
  });
});
