// JDBC connectors against the machine's PostgreSQL, on the same rows in the same run:
//   PostgreSQL → lake: a Sluice job (fromCatalog on a crawled table, real StartJobRun, bookmark off)
//     writing Parquet, against `psql \copy (SELECT …) TO file CSV` followed by DuckDB COPY to Parquet;
//   lake → PostgreSQL: a Sluice job appending the lake table to a PostgreSQL table (one transaction,
//     COPY FROM STDIN), against `psql \copy table FROM file CSV` of the same rows.
//   npm run bench connectors            ROWS=1000000 by default (issue 18 asks 10 M: ROWS=10000000)
//   PARTS=n reads with hashexpression id and hashpartitions n (default 1: one stream).
// Ratios are throughput ratios (baseline time / Sluice time): above 1 Sluice is faster.
// eslint-disable-next-line no-restricted-imports -- the baseline of this benchmark is DuckDB itself.
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject } from '../test/helpers/backends.js';
import { createPgDatabase } from '../test/helpers/jdbc-databases.js';
import { createJob, runJob, writeScript } from '../src/jobs/job-test-helpers.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const PARTS = Number(process.env.PARTS ?? 1);

const READ = `export default async (glue) => {
  const opts = ${PARTS > 1 ? `{ hashexpression: 'id', hashpartitions: ${PARTS} }` : '{}'};
  const src = await glue.fromCatalog({ database: 'remote', table: glue.args['--table'], additionalOptions: opts });
  await glue.write(src, { database: 'lake', table: 'orders', mode: 'overwrite' });
};`;
const WRITE = `export default async (glue) => {
  const src = await glue.fromCatalog({ database: 'lake', table: 'orders' });
  await glue.write(src, { database: 'remote', table: glue.args['--table'], mode: 'append' });
};`;

const seconds = (t0: number) => (Date.now() - t0) / 1000;

export default async function main(): Promise<void> {
  const db = await createPgDatabase();
  const p = await openTestProject('sqlite');
  try {
    console.log(`PostgreSQL database ${db.name}: ${ROWS.toLocaleString('en-US')} rows, ${PARTS} read partition(s)`);
    await db.sql(
      `CREATE TABLE orders (id bigint PRIMARY KEY, customer text, amount numeric(10,2), paid boolean, created timestamp, note text)`,
    );
    await db.sql(
      `INSERT INTO orders SELECT g, 'customer-' || (g % 997), (g % 100000) / 100.0, g % 3 = 0, timestamp '2024-01-01' + g * interval '1 second', 'note ' || md5(g::text) FROM generate_series(1, ${ROWS}) g`,
    );
    await db.sql(`CREATE TABLE back (LIKE orders)`);
    await db.sql(`CREATE TABLE plain (LIKE orders)`);
    await db.sql('VACUUM ANALYZE orders');
    const call = (op: string, input: unknown) => p.sluice.call(op, input);
    await call('CreateConnection', {
      ConnectionInput: {
        Name: 'pg',
        ConnectionType: 'JDBC',
        ConnectionProperties: { JDBC_CONNECTION_URL: db.jdbcUrl, USERNAME: 'postgres' },
      },
    });
    await call('CreateDatabase', { DatabaseInput: { Name: 'remote' } });
    await call('CreateDatabase', { DatabaseInput: { Name: 'lake' } });
    await call('CreateCrawler', {
      Name: 'c',
      Role: 'r',
      DatabaseName: 'remote',
      Targets: { JdbcTargets: [{ ConnectionName: 'pg', Path: `${db.name}/public/%` }] },
    });
    await call('StartCrawler', { Name: 'c' });
    for (;;) {
      const { Crawler } = await call('GetCrawler', { Name: 'c' });
      if (Crawler.State === 'READY' && Crawler.LastCrawl) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    writeScript(p.dir, 'jobs/read.mjs', READ);
    writeScript(p.dir, 'jobs/write.mjs', WRITE);
    await createJob(p.sluice, 'read', 'jobs/read.mjs', { DefaultArguments: { '--count-input-rows': 'false' } });
    await createJob(p.sluice, 'write', 'jobs/write.mjs', { DefaultArguments: { '--count-input-rows': 'false' } });

    // Baseline in: psql \copy to CSV, then DuckDB COPY to Parquet.
    const csv = join(p.dir, 'baseline.csv');
    const psql = (cmd: string) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', db.name, '-q', '-c', cmd]);
    let t0 = Date.now();
    psql(`\\copy (SELECT * FROM orders) TO '${csv}' CSV`);
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(`SET memory_limit = '1GB'`);
    await duck.run(
      `COPY (SELECT * FROM read_csv('${csv}', header = false, columns = {'id': 'BIGINT', 'customer': 'VARCHAR', 'amount': 'DECIMAL(10,2)', 'paid': 'BOOLEAN', 'created': 'TIMESTAMP', 'note': 'VARCHAR'})) TO '${join(p.dir, 'baseline.parquet')}' (FORMAT parquet, COMPRESSION snappy)`,
    );
    const baseIn = seconds(t0);

    t0 = Date.now();
    const read = await runJob(p.sluice, 'read', { '--table': `${db.name}_public_orders` });
    const sluiceIn = seconds(t0);
    if (read.JobRunState !== 'SUCCEEDED') throw new Error(`read run ${read.JobRunState}: ${read.ErrorMessage}`);

    // Baseline out: psql \copy FROM the same CSV.
    t0 = Date.now();
    psql(`\\copy plain FROM '${csv}' CSV`);
    const baseOut = seconds(t0);
    t0 = Date.now();
    const write = await runJob(p.sluice, 'write', { '--table': `${db.name}_public_back` });
    const sluiceOut = seconds(t0);
    if (write.JobRunState !== 'SUCCEEDED') throw new Error(`write run ${write.JobRunState}: ${write.ErrorMessage}`);
    const [{ n }] = await db.sql('SELECT count(*)::int AS n FROM back');
    if (n !== ROWS) throw new Error(`the load wrote ${n} rows, not ${ROWS}`);
    const peak = (id: string) =>
      p.sluice.services.store.db.selectFrom('job_run_details').select('metrics').where('run_id', '=', id).executeTakeFirst();
    const rss = async (id: string) => Math.round(JSON.parse((await peak(id))?.metrics ?? '{}').peakRssBytes / 2 ** 20);
    const rate = (s: number) => `${Math.round(ROWS / s).toLocaleString('en-US')} rows/s`;
    console.log(`PostgreSQL → lake   sluice ${sluiceIn.toFixed(2)} s (${rate(sluiceIn)}, peak RSS ${await rss(read.Id!)} MiB)`);
    console.log(
      `                    psql \\copy + DuckDB COPY ${baseIn.toFixed(2)} s (${rate(baseIn)})   ratio ${(baseIn / sluiceIn).toFixed(2)}× (target ≥ 0.7×)`,
    );
    console.log(`lake → PostgreSQL   sluice ${sluiceOut.toFixed(2)} s (${rate(sluiceOut)}, peak RSS ${await rss(write.Id!)} MiB)`);
    console.log(
      `                    psql \\copy FROM ${baseOut.toFixed(2)} s (${rate(baseOut)})   ratio ${(baseOut / sluiceOut).toFixed(2)}× (target ≥ 0.8×)`,
    );
    rmSync(csv, { force: true });
  } finally {
    await db.drop();
    await p.cleanup();
  }
}
