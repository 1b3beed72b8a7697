// Job output: Parquet staged then committed with the catalog, in every write mode; quarantine
// accounting; nothing visible from a run that fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { queryCatalog } from '../../catalog/query.js';
import { createJob, runInProcess, writeScript } from '../job-test-helpers.js';

let p: TestProject;
const q = async (sql: string) => (await queryCatalog(p.sluice.services, sql)).rows;
const partitionValues = async (table: string) =>
  (await p.sluice.call('GetPartitions', { DatabaseName: 'shop', TableName: table })).Partitions.map((x: { Values: string[] }) =>
    x.Values.join('/'),
  ).sort();

/** A job writing data/<input> to shop.<table> partitioned by status, in the mode given as --mode. */
async function writerJob(name: string, table: string, extra = '') {
  writeScript(
    p.dir,
    `jobs/${name}.ts`,
    `export default async (glue: any) => {
  const src = await glue.fromPath({ paths: 'data/' + glue.args['--input'], format: 'csv', sourceFileColumn: '_source_file' });
  await glue.write(await src.withMetadataColumns(), { database: 'shop', table: '${table}', path: 'lake/processed/${table}', partitionKeys: ['status'], mode: glue.args['--mode'] });
  ${extra}
  await glue.commit();
};`,
  );
  await createJob(p.sluice, name, `jobs/${name}.ts`);
}

beforeAll(async () => {
  p = await openTestProject('sqlite');
  writeScript(p.dir, 'data/day1.csv', 'id,status,amount\n1,paid,10\n2,open,20\n3,paid,30\n');
  writeScript(p.dir, 'data/day2.csv', 'id,status,amount\n4,paid,40\n5,refunded,50\n');
  await writerJob('writer', 'orders');
});
afterAll(async () => {
  await p?.cleanup();
});

describe('job output', () => {
  it('appends partitioned Parquet, registers the table and its partitions, and adds metadata columns', async () => {
    const run = await runInProcess(p.sluice, 'writer', { '--input': 'day1.csv', '--mode': 'append' });
    expect(run.JobRunState).toBe('SUCCEEDED');
    const { Table } = await p.sluice.call('GetTable', { DatabaseName: 'shop', Name: 'orders' });
    expect(Table.PartitionKeys).toEqual([{ Name: 'status', Type: 'string' }]);
    expect(Table.StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual([
      'id',
      'amount',
      '_source_file',
      '_ingest_ts',
      '_run_id',
    ]);
    expect(Table.Parameters.classification).toBe('parquet');
    expect(await partitionValues('orders')).toEqual(['open', 'paid']);
    const rows = await q('SELECT id, status, _run_id, _source_file FROM shop.orders ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(rows[0]._run_id).toBe(run.Id);
    expect(String(rows[0]._source_file)).toMatch(/data\/day1\.csv$/);
    expect(readdirSync(join(p.dir, 'lake/processed/orders/status=paid'))[0]).toMatch(/\.parquet$/);

    await runInProcess(p.sluice, 'writer', { '--input': 'day2.csv', '--mode': 'append' });
    expect((await q('SELECT count(*) AS n FROM shop.orders'))[0].n).toBe(5);
    expect(await partitionValues('orders')).toEqual(['open', 'paid', 'refunded']);
    const details = await p.sluice.call('GetJobRunDetails', { JobName: 'writer', RunId: run.Id });
    expect(details.Metrics).toMatchObject({ rowsRead: 3, rowsWritten: 3, rowsQuarantined: 0, filesRead: 1, filesWritten: 2 });
    expect(details.Lineage).toEqual({
      inputs: [{ kind: 'path', name: 'data/day1.csv', files: 1 }],
      outputs: [{ kind: 'table', name: 'shop.orders', location: join(p.dir, 'lake/processed/orders') }],
    });
  });

  it('overwrite-partitions replaces only the partitions it writes', async () => {
    await runInProcess(p.sluice, 'writer', { '--input': 'day2.csv', '--mode': 'overwrite-partitions' });
    const rows = await q('SELECT status, count(*) AS n FROM shop.orders GROUP BY status ORDER BY status');
    expect(rows).toEqual([
      { status: 'open', n: 1 },
      { status: 'paid', n: 1 },
      { status: 'refunded', n: 1 },
    ]);
    expect(await partitionValues('orders')).toEqual(['open', 'paid', 'refunded']);
  });

  it('overwrite replaces everything and drops partitions it did not write from the catalog', async () => {
    await runInProcess(p.sluice, 'writer', { '--input': 'day1.csv', '--mode': 'overwrite' });
    expect((await q('SELECT id FROM shop.orders ORDER BY id')).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(await partitionValues('orders')).toEqual(['open', 'paid']);
    expect(existsSync(join(p.dir, 'lake/processed/orders/status=refunded'))).toBe(false);
  });

  it('leaves no output, table or partition behind when the script fails after writing', async () => {
    await writerJob('broken', 'broken', `throw new Error('late failure');`);
    const run = await runInProcess(p.sluice, 'broken', { '--input': 'day1.csv', '--mode': 'append' });
    expect(run.JobRunState).toBe('FAILED');
    expect(run.ErrorMessage).toMatch(/late failure/);
    expect(existsSync(join(p.dir, 'lake/processed/broken'))).toBe(false);
    expect((await p.sluice.call('GetTables', { DatabaseName: 'shop' })).TableList.map((t: { Name: string }) => t.Name)).toEqual(['orders']);
    expect(existsSync(join(p.dir, '.sluice/tmp/jobs', run.Id!))).toBe(false);
  });

  it('rejects an unknown write mode and a partition key the frame lacks', async () => {
    expect((await runInProcess(p.sluice, 'writer', { '--input': 'day1.csv', '--mode': 'upsert' })).ErrorMessage).toMatch(
      /Write mode upsert is not one of append, overwrite, overwrite-partitions/,
    );
    writeScript(
      p.dir,
      'jobs/badkey.ts',
      `export default async (glue: any) => {
      await glue.write(await glue.fromPath({ paths: 'data/day1.csv', format: 'csv' }), { path: 'lake/processed/x', partitionKeys: ['dt'] });
    };`,
    );
    await createJob(p.sluice, 'badkey', 'jobs/badkey.ts');
    expect((await runInProcess(p.sluice, 'badkey')).ErrorMessage).toMatch(/Partition key dt is not a field/);
  });

  it('quarantines bad rows with their reason and source file: rows in = rows out + rows quarantined', async () => {
    writeScript(p.dir, 'data/mixed.csv', 'id,status,amount\n1,paid,10\n2,paid,-5\n3,open,abc\n4,open,40\n');
    writeScript(
      p.dir,
      'jobs/quarantine.ts',
      `export default async (glue: any) => {
      const src = await glue.fromPath({ paths: 'data/mixed.csv', format: 'csv', formatOptions: { all_varchar: true }, sourceFileColumn: '_source_file' });
      const typed = await src.quarantine('TRY_CAST(amount AS DOUBLE) IS NULL', { sql: "'amount is not a number: ' || amount" });
      const valid = await typed.quarantine('CAST(amount AS DOUBLE) < 0', 'amount out of range');
      await glue.write(valid, { database: 'shop', table: 'clean', path: 'lake/processed/clean', mode: 'overwrite' });
    };`,
    );
    await createJob(p.sluice, 'quarantine', 'jobs/quarantine.ts');
    const run = await runInProcess(p.sluice, 'quarantine');
    expect(run.JobRunState).toBe('SUCCEEDED');
    const { Metrics } = await p.sluice.call('GetJobRunDetails', { JobName: 'quarantine', RunId: run.Id });
    expect(Metrics).toMatchObject({ rowsRead: 4, rowsWritten: 2, rowsQuarantined: 2 });
    expect(Metrics.rowsRead).toBe(Metrics.rowsWritten + Metrics.rowsQuarantined + Metrics.rowsDropped);
    const bad = await q('SELECT _run_id, _reason, _source_file, _row FROM shop.quarantine_quarantine ORDER BY _reason');
    expect(bad.map((r) => r._reason)).toEqual(['amount is not a number: abc', 'amount out of range']);
    expect(bad[0]._run_id).toBe(run.Id);
    expect(String(bad[0]._source_file)).toMatch(/mixed\.csv$/);
    expect(JSON.parse(String(bad[1]._row))).toMatchObject({ id: '2', amount: '-5' });
  });
});
