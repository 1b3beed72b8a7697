// `sluice query` over a catalog table vs raw DuckDB on the same Parquet file.
//   npm run bench query            (ROWS=3000000 and RUNS=5 by default; set them to change)
// Both sides start cold for every query, as `sluice query` does: the Sluice side opens an engine,
// looks the table up in the catalog, builds the view, locks the sandbox, runs the SQL, converts the
// rows to JSON values and closes; the raw side opens DuckDB, runs the same SQL over
// read_parquet('<file>') and converts the rows with the library's JS converter. Prints medians.
// eslint-disable-next-line no-restricted-imports -- the baseline of this benchmark is DuckDB itself.
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { openTestProject } from '../test/helpers/backends.js';
import { queryCatalog } from '../src/catalog/query.js';

const ROWS = Number(process.env.ROWS ?? 3_000_000);
const RUNS = Number(process.env.RUNS ?? 5);

const QUERIES: Record<string, string> = {
  aggregate: 'SELECT count(*) AS n, sum(amount) AS total, avg(qty) AS q FROM {t}',
  'group by (5 groups)': 'SELECT country, count(*) AS n, sum(amount) AS total FROM {t} GROUP BY country ORDER BY country',
  'filter (30 rows)': 'SELECT * FROM {t} WHERE id % 100000 = 7 ORDER BY id',
  'top 1000 rows': 'SELECT * FROM {t} ORDER BY amount DESC LIMIT 1000',
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up: file cache, JIT
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

async function raw(sql: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS().length;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export default async function queryBench(): Promise<void> {
  const p = await openTestProject('sqlite');
  try {
    const location = join(p.dir, 'lake/curated/sales');
    const engine = await p.sluice.services.openEngine();
    const t0 = performance.now();
    const written = await engine.writeParquet(
      `SELECT i AS id, (i * 7919 % 100000) / 100.0 AS amount, (i % 13)::INTEGER AS qty,
              ['fr', 'de', 'it', 'es', 'nl'][i % 5 + 1] AS country, DATE '2024-01-01' + (i % 365)::INTEGER AS day
       FROM range(${ROWS}) t(i)`,
      { location },
    );
    await engine.close();
    const file = written.files[0];
    console.log(
      `${ROWS.toLocaleString('en')} rows, ${(file.size / 1e6).toFixed(1)} MB of Parquet written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    await p.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'bench' } });
    await p.sluice.call('CreateTable', {
      DatabaseName: 'bench',
      TableInput: {
        Name: 'sales',
        Parameters: { classification: 'parquet' },
        StorageDescriptor: {
          Location: location,
          Columns: [
            ['id', 'bigint'],
            ['amount', 'double'],
            ['qty', 'int'],
            ['country', 'string'],
            ['day', 'date'],
          ].map(([Name, Type]) => ({ Name, Type })),
        },
      },
    });

    console.log(`median of ${RUNS} cold runs each\n`);
    console.log(`${'query'.padEnd(22)} ${'sluice query'.padStart(13)} ${'raw DuckDB'.padStart(11)} ${'ratio'.padStart(6)}`);
    for (const [name, template] of Object.entries(QUERIES)) {
      const viaSluice = await time(() => queryCatalog(p.sluice.services, template.replace('{t}', 'bench.sales')));
      const viaDuckDB = await time(() => raw(template.replace('{t}', `read_parquet('${file.path}')`)));
      console.log(
        `${name.padEnd(22)} ${`${viaSluice.toFixed(1)} ms`.padStart(13)} ${`${viaDuckDB.toFixed(1)} ms`.padStart(11)} ${`${(viaSluice / viaDuckDB).toFixed(2)}x`.padStart(6)}`,
      );
    }
  } finally {
    await p.cleanup();
  }
}
