// JDBC connectors end to end, against the machine's real PostgreSQL and MariaDB (a database of their
// own each, dropped after): TestConnection, a JdbcTargets crawl, an ingest into the lake with key
// bookmarks and hash partitions (SLUICE_JDBC_ROWS rows, default 20 000; the long run uses 1 000 000),
// a rerun reading only new rows, upserts back into the database, a run killed after its load that
// leaves the target unchanged, and bad input (unreachable host, refused credentials, a missing
// table, a type that does not convert) each a FAILED run naming the connection and the cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../helpers/backends.js';
import { createMariaDatabase, createPgDatabase, type TestDatabase } from '../helpers/jdbc-databases.js';
import { createJob, runInProcess, runJob, writeScript } from '../../src/jobs/job-test-helpers.js';
import { registerTableView } from '../../src/catalog/table-view.js';
import { runCli } from '../helpers/cli.js';

const ROWS = Number(process.env.SLUICE_JDBC_ROWS ?? 20_000);

const INGEST = `export default async (glue) => {
  const src = await glue.fromCatalog({ database: 'remote', table: glue.args['--table'], transformationCtx: 'orders',
    bookmarkKeys: ['id'], additionalOptions: { hashexpression: 'id', hashpartitions: 3 } });
  await glue.write(src, { database: 'lake', table: glue.args['--out'] });
  await glue.commit();
};`;

const UPSERT = `export default async (glue) => {
  const rows = JSON.parse(glue.args['--rows']);
  const frame = await glue.sql('SELECT id::BIGINT AS id, customer, total::DECIMAL(12,2) AS total FROM r', { r: await glue.fromRows(rows) });
  await glue.write(frame, { database: 'remote', table: glue.args['--table'], mode: glue.args['--mode'], upsertKeys: ['id'] });
};`;

const READ_ANY = `export default async (glue) => {
  const src = await glue.fromCatalog({ database: 'remote', table: glue.args['--table'] });
  await glue.write(src, { path: 'lake/out-' + glue.runId });
};`;

for (const kind of ['postgresql', 'mariadb'] as const) {
  describe(`JDBC connector: ${kind}`, () => {
    let p: TestProject;
    let db: TestDatabase;
    const pg = kind === 'postgresql';
    const schema = pg ? 'public' : undefined;
    const remote = (t: string) => [db.name, schema, t].filter(Boolean).join('_');
    const call = (op: string, input: unknown) => p.sluice.call(op, input);

    beforeAll(async () => {
      p = await openTestProject('sqlite');
      db = pg ? await createPgDatabase() : await createMariaDatabase();
      if (pg) {
        await db.sql(
          `CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL, amount numeric(10,2), paid boolean, created timestamp, note varchar(40))`,
        );
        await db.sql(
          `INSERT INTO orders SELECT g, 'c' || (g % 97), (g % 1000) / 10.0, g % 2 = 0, timestamp '2024-01-01' + g * interval '1 minute', CASE WHEN g % 10 = 0 THEN NULL ELSE 'n,"' || g END FROM generate_series(1, ${ROWS}) g`,
        );
        await db.sql(`CREATE TABLE curated (id bigint PRIMARY KEY, customer text, total numeric(12,2))`);
        await db.sql(`CREATE TABLE tmp_scratch (x int)`);
      } else {
        await db.sql(
          `CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL, amount decimal(10,2), paid tinyint(1), created datetime, note varchar(40))`,
        );
        await db.sql(
          `INSERT INTO orders SELECT seq, CONCAT('c', seq % 97), (seq % 1000) / 10.0, seq % 2 = 0, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq MINUTE, IF(seq % 10 = 0, NULL, CONCAT('n,"', seq)) FROM seq_1_to_${ROWS}`,
        );
        await db.sql(`CREATE TABLE curated (id bigint PRIMARY KEY, customer text, total decimal(12,2))`);
        await db.sql(`CREATE TABLE tmp_scratch (x int)`);
      }
      process.env.SLUICE_TEST_JDBC_SECRET = JSON.stringify({ username: db.user, password: '' });
      await call('CreateConnection', {
        ConnectionInput: {
          Name: 'src',
          ConnectionType: 'JDBC',
          ConnectionProperties: { JDBC_CONNECTION_URL: db.jdbcUrl, SECRET_ID: 'env:SLUICE_TEST_JDBC_SECRET' },
        },
      });
      await call('CreateDatabase', { DatabaseInput: { Name: 'remote' } });
      await call('CreateDatabase', { DatabaseInput: { Name: 'lake' } });
      writeScript(p.dir, 'jobs/ingest.mjs', INGEST);
      writeScript(p.dir, 'jobs/upsert.mjs', UPSERT);
      writeScript(p.dir, 'jobs/read-any.mjs', READ_ANY);
      await createJob(p.sluice, 'ingest', 'jobs/ingest.mjs', { DefaultArguments: { '--job-bookmark-option': 'job-bookmark-enable' } });
      await createJob(p.sluice, 'upsert', 'jobs/upsert.mjs');
      await createJob(p.sluice, 'read-any', 'jobs/read-any.mjs');
    }, 120_000);
    afterAll(async () => {
      await db?.drop();
      await p?.cleanup();
    });

    const lakeCount = async (table: string) => {
      const engine = await p.sluice.services.openEngine();
      try {
        const { Table } = await call('GetTable', { DatabaseName: 'lake', Name: table });
        await registerTableView(engine, p.sluice.services.store.db, p.sluice.services.config.account.id, Table, { viewName: 't' });
        return (await engine.query('SELECT count(*)::INTEGER n, count(DISTINCT id)::INTEGER d, max(id)::BIGINT m FROM t')).rows[0];
      } finally {
        await engine.close();
      }
    };

    it('tests the connection, and names the connection and cause when it cannot', async () => {
      await expect(call('TestConnection', { ConnectionName: 'src' })).resolves.toEqual({});
      const bad = {
        ConnectionType: 'JDBC',
        ConnectionProperties: { JDBC_CONNECTION_URL: db.jdbcUrl.replace(/:\d+\//, ':1/'), USERNAME: db.user, PASSWORD: 'x' },
      };
      await expect(call('TestConnection', { TestConnectionInput: bad })).rejects.toThrow(
        /Connection TestConnectionInput \(jdbc:.*:1\/.*\), connecting: cannot reach 127\.0\.0\.1:1: connection refused/,
      );
      const wrong = {
        ConnectionType: 'JDBC',
        ConnectionProperties: { JDBC_CONNECTION_URL: db.jdbcUrl, USERNAME: 'no_such_user', PASSWORD: 'wrong-pass-123' },
      };
      const err = await call('TestConnection', { TestConnectionInput: wrong }).catch((e) => e as Error);
      expect(String(err)).toMatch(/refused the credentials of user no_such_user/);
      expect(String(err)).not.toContain('wrong-pass-123');
      const cli = runCli(p.dir, ['connection', 'test', 'src'], { SLUICE_TEST_JDBC_SECRET: process.env.SLUICE_TEST_JDBC_SECRET! });
      expect(cli.stdout).toContain('Connection src');
      expect(cli.stdout).toContain('reachable');
    });

    it('crawls the database into the catalog with Glue types, classification and connectionName', async () => {
      await call('CreateCrawler', {
        Name: 'jdbc',
        Role: 'r',
        DatabaseName: 'remote',
        Targets: { JdbcTargets: [{ ConnectionName: 'src', Path: pg ? `${db.name}/public/%` : `${db.name}/%`, Exclusions: ['tmp_*'] }] },
      });
      await call('StartCrawler', { Name: 'jdbc' });
      for (let i = 0; i < 300; i++) {
        const { Crawler } = await call('GetCrawler', { Name: 'jdbc' });
        if (Crawler.State === 'READY' && Crawler.LastCrawl) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const { Crawler } = await call('GetCrawler', { Name: 'jdbc' });
      expect(Crawler.LastCrawl.Status, Crawler.LastCrawl.ErrorMessage).toBe('SUCCEEDED');
      const { TableList } = await call('GetTables', { DatabaseName: 'remote' });
      expect(TableList.map((t: any) => t.Name).sort()).toEqual([remote('curated'), remote('orders')]);
      const orders = TableList.find((t: any) => t.Name === remote('orders'));
      expect(orders.StorageDescriptor.Location).toBe([db.name, schema, 'orders'].filter(Boolean).join('.'));
      expect(orders.Parameters).toMatchObject({ classification: pg ? 'postgresql' : 'mysql', connectionName: 'src', typeOfData: 'table' });
      expect(orders.StorageDescriptor.Columns.map((c: any) => `${c.Name}:${c.Type}`)).toEqual([
        'id:bigint',
        'customer:string',
        'amount:decimal(10,2)',
        'paid:boolean',
        'created:timestamp',
        'note:string',
      ]);
    }, 60_000);

    it('ingests into the lake in hash partitions, and a rerun reads only the new rows', async () => {
      const first = await runInProcess(p.sluice, 'ingest', { '--table': remote('orders'), '--out': 'orders' });
      expect(first.JobRunState, first.ErrorMessage).toBe('SUCCEEDED');
      expect(await lakeCount('orders')).toEqual({ n: ROWS, d: ROWS, m: ROWS });
      if (pg)
        await db.sql(`INSERT INTO orders SELECT g, 'new', 1.5, true, now(), 'late' FROM generate_series(${ROWS + 1}, ${ROWS + 250}) g`);
      else await db.sql(`INSERT INTO orders SELECT seq, 'new', 1.5, 1, now(), 'late' FROM seq_${ROWS + 1}_to_${ROWS + 250}`);
      const second = await runInProcess(p.sluice, 'ingest', { '--table': remote('orders'), '--out': 'orders' });
      expect(second.JobRunState, second.ErrorMessage).toBe('SUCCEEDED');
      const details = await call('GetJobRunDetails', { JobName: 'ingest', RunId: second.Id }).catch(() => undefined);
      if (details) expect(JSON.stringify(details)).toContain('"rowsWritten":250');
      expect(await lakeCount('orders')).toEqual({ n: ROWS + 250, d: ROWS + 250, m: ROWS + 250 });
      // The values survive the trip: text with commas and quotes, NULLs, decimals, booleans, timestamps.
      const engine = await p.sluice.services.openEngine();
      const { Table } = await call('GetTable', { DatabaseName: 'lake', Name: 'orders' });
      await registerTableView(engine, p.sluice.services.store.db, p.sluice.services.config.account.id, Table, { viewName: 't' });
      const rows = (
        await engine.query('SELECT id, customer, amount::VARCHAR a, paid, created::VARCHAR c, note FROM t WHERE id IN (9, 10) ORDER BY id')
      ).rows;
      await engine.close();
      expect(rows).toEqual([
        { id: 9, customer: 'c9', a: '0.90', paid: false, c: '2024-01-01 00:09:00', note: 'n,"9' },
        { id: 10, customer: 'c10', a: '1.00', paid: true, c: '2024-01-01 00:10:00', note: null },
      ]);
    }, 600_000);

    it('reads a crawled table from a YAML job, split by hashfield', async () => {
      const yaml = `sources:\n  orders: { catalog: { database: remote, table: ${remote('orders')} }, additionalOptions: { hashfield: customer, hashpartitions: 2 } }\nsinks:\n  - { from: orders, database: lake, table: orders_yaml, mode: overwrite }\n`;
      writeScript(p.dir, 'jobs/yaml-read.yaml', yaml);
      await createJob(p.sluice, 'yaml-read', 'jobs/yaml-read.yaml');
      const run = await runInProcess(p.sluice, 'yaml-read');
      expect(run.JobRunState, run.ErrorMessage).toBe('SUCCEEDED');
      expect(await lakeCount('orders_yaml')).toEqual({ n: ROWS + 250, d: ROWS + 250, m: ROWS + 250 });
    }, 300_000);

    it('writes back with append, upsert and overwrite, each in one transaction', async () => {
      const run = (mode: string, rows: unknown[]) =>
        runInProcess(p.sluice, 'upsert', { '--table': remote('curated'), '--mode': mode, '--rows': JSON.stringify(rows) });
      expect(
        (
          await run('append', [
            { id: 1, customer: 'a', total: 1.5 },
            { id: 2, customer: 'b', total: 2.5 },
          ])
        ).JobRunState,
      ).toBe('SUCCEEDED');
      const up = await run('upsert', [
        { id: 2, customer: 'b2', total: 20 },
        { id: 3, customer: 'c', total: 3 },
      ]);
      expect(up.JobRunState, up.ErrorMessage).toBe('SUCCEEDED');
      const all = async () =>
        (await db.sql('SELECT id, customer, total FROM curated ORDER BY id')).map((r: any) => `${r.id}:${r.customer}:${Number(r.total)}`);
      expect(await all()).toEqual(['1:a:1.5', '2:b2:20', '3:c:3']);
      // A duplicate key in an append fails the run, and the rows before it are not left behind.
      const dup = await run('append', [
        { id: 4, customer: 'd', total: 4 },
        { id: 1, customer: 'again', total: 0 },
      ]);
      expect(dup.JobRunState).toBe('FAILED');
      expect(dup.ErrorMessage).toMatch(/Connection src .*loading/);
      expect(await all()).toEqual(['1:a:1.5', '2:b2:20', '3:c:3']);
      expect((await run('overwrite', [{ id: 7, customer: 'z', total: 7 }])).JobRunState).toBe('SUCCEEDED');
      expect(await all()).toEqual(['7:z:7']);
    }, 120_000);

    it('a run killed after its load, before its commit, leaves the target unchanged', async () => {
      const before = await db.sql('SELECT count(*) AS n FROM curated');
      process.env.SLUICE_CRASH_AT = 'jdbc-loaded';
      try {
        const killed = await runJob(p.sluice, 'upsert', {
          '--table': remote('curated'),
          '--mode': 'overwrite',
          '--rows': JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ id: 100 + i, customer: 'k', total: i }))),
        });
        expect(killed.JobRunState).toBe('FAILED');
      } finally {
        delete process.env.SLUICE_CRASH_AT;
      }
      expect(await db.sql('SELECT count(*) AS n FROM curated')).toEqual(before);
      expect((await db.sql('SELECT id FROM curated')).map((r: any) => Number(r.id))).toEqual([7]);
    }, 120_000);

    it('fails runs on bad input with a message naming the connection and the cause', async () => {
      const failing = async (table: string) => {
        const r = await runInProcess(p.sluice, 'read-any', { '--table': table });
        expect(r.JobRunState).toBe('FAILED');
        return r.ErrorMessage as string;
      };
      const orders = (await call('GetTable', { DatabaseName: 'remote', Name: remote('orders') })).Table;
      const input = {
        Name: orders.Name,
        TableType: orders.TableType,
        Parameters: orders.Parameters,
        StorageDescriptor: orders.StorageDescriptor,
      };
      // A type that does not convert: the catalog says customer is an int.
      const cols = input.StorageDescriptor.Columns.map((c: any) => (c.Name === 'customer' ? { ...c, Type: 'int' } : c));
      await call('CreateTable', {
        DatabaseName: 'remote',
        TableInput: { ...input, Name: 'typed_wrong', StorageDescriptor: { ...input.StorageDescriptor, Columns: cols } },
      });
      expect(await failing('typed_wrong')).toMatch(
        /Connection src .*column customer .* is string in the database, which does not convert to the catalog's int/,
      );
      // A missing table.
      const loc = input.StorageDescriptor.Location.replace(/orders$/, 'gone');
      await call('CreateTable', {
        DatabaseName: 'remote',
        TableInput: { ...input, Name: 'gone', StorageDescriptor: { ...input.StorageDescriptor, Location: loc } },
      });
      expect(await failing('gone')).toMatch(/Connection src .*(table not found|does not exist|doesn't exist)/);
      // An unreachable host and refused credentials.
      const props = { JDBC_CONNECTION_URL: db.jdbcUrl.replace(/:\d+\//, ':1/'), USERNAME: db.user, PASSWORD: 'x' };
      await call('UpdateConnection', {
        Name: 'src',
        ConnectionInput: { Name: 'src', ConnectionType: 'JDBC', ConnectionProperties: props },
      });
      expect(await failing(remote('orders'))).toMatch(
        /Connection src \(jdbc:.*\), connecting: cannot reach 127\.0\.0\.1:1: connection refused/,
      );
      const creds = { JDBC_CONNECTION_URL: db.jdbcUrl, USERNAME: 'no_such_user', PASSWORD: 'bad-secret-987' };
      await call('UpdateConnection', {
        Name: 'src',
        ConnectionInput: { Name: 'src', ConnectionType: 'JDBC', ConnectionProperties: creds },
      });
      const msg = await failing(remote('orders'));
      expect(msg).toMatch(/Connection src .*refused the credentials of user no_such_user/);
      expect(msg).not.toContain('bad-secret-987');
    }, 120_000);
  });
}
