// `sluice query` over a crawled JSON table whose keys have capitals vs raw DuckDB on the same file.
//   npm run bench json-query       (ROWS=1000000 and RUNS=3 by default; set them to change)
// The catalog's columns are lower-case (as a crawler writes them) and the file's keys are not, so the
// view matches keys case-insensitively (src/engine/json-columns.ts); the raw side reads the file with
// read_json and the file's own spelling, which nothing but the author of the query can know.
// eslint-disable-next-line no-restricted-imports -- the baseline of this benchmark is DuckDB itself.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject } from '../test/helpers/backends.js';
import { queryCatalog } from '../src/catalog/query.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 3);
const COLUMNS: [string, string, string][] = [
  ['Id', 'bigint', 'BIGINT'],
  ['Full Name', 'string', 'VARCHAR'],
  ['Score', 'double', 'DOUBLE'],
  ['Country', 'string', 'VARCHAR'],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

async function raw(sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.runAndReadAll(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export default async function jsonQueryBench(): Promise<void> {
  const p = await openTestProject('sqlite');
  try {
    const folder = join(p.dir, 'lake/raw/people');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'people.json');
    await raw(
      `COPY (SELECT i AS "Id", 'name ' || i AS "Full Name", i * 0.5 AS "Score", ['fr', 'de', 'it'][i % 3 + 1] AS "Country" FROM range(${ROWS}) t(i)) TO '${file}' (FORMAT json)`,
    );
    await p.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'bench' } });
    await p.sluice.call('CreateTable', {
      DatabaseName: 'bench',
      TableInput: {
        Name: 'people',
        Parameters: { classification: 'json' },
        StorageDescriptor: { Location: folder, Columns: COLUMNS.map(([n, t]) => ({ Name: n.toLowerCase(), Type: t })) },
      },
    });
    const direct = `read_json('${file}', columns = {${COLUMNS.map(([n, , t]) => `'${n}': '${t}'`).join(', ')}})`;
    const queries: [string, string, string][] = [
      ['aggregate', 'SELECT count(*) AS n, sum(score) AS s FROM bench.people', `SELECT count(*), sum("Score") FROM ${direct}`],
      ['group by', 'SELECT country, count(*) AS n FROM bench.people GROUP BY 1', `SELECT "Country", count(*) FROM ${direct} GROUP BY 1`],
    ];
    console.log(`${ROWS.toLocaleString('en')} JSON records, median of ${RUNS} cold runs each\n`);
    console.log(`${'query'.padEnd(12)} ${'sluice query'.padStart(13)} ${'raw read_json'.padStart(14)} ${'ratio'.padStart(6)}`);
    for (const [name, viaCatalog, viaRaw] of queries) {
      const a = await time(() => queryCatalog(p.sluice.services, viaCatalog));
      const b = await time(() => raw(viaRaw));
      console.log(
        `${name.padEnd(12)} ${`${a.toFixed(0)} ms`.padStart(13)} ${`${b.toFixed(0)} ms`.padStart(14)} ${`${(a / b).toFixed(2)}x`.padStart(6)}`,
      );
    }
  } finally {
    await p.cleanup();
  }
}
