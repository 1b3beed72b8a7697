import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineProject, type EngineProject } from '../../test/helpers/engine-project.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import type { QueryEngine } from './query-engine.js';

let p: EngineProject;
let engine: QueryEngine;
beforeEach(async () => {
  p = engineProject();
  engine = await p.engine();
});
afterEach(() => p.cleanup());

const filesUnder = (rel: string) =>
  existsSync(join(p.dir, rel))
    ? readdirSync(join(p.dir, rel), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => relative(join(p.dir, rel), join(e.parentPath, e.name)))
        .sort()
    : [];
const count = async (location: string) => {
  await engine.registerFiles('readback', { format: 'parquet', paths: [location], hivePartitioning: true });
  return (await engine.query('SELECT count(*) AS n FROM readback')).rows[0].n;
};
const ORDERS = `SELECT i AS id, DATE '2024-01-01' + (i % 3)::INTEGER AS day, 'c' || (i % 2) AS country FROM range(30) t(i)`;

describe('writing Parquet', () => {
  it('partitions by columns into key=value folders, leaving the keys out of the files', async () => {
    const result = await engine.writeParquet(ORDERS, { location: 'lake/orders', partitionBy: ['day', 'country'] });
    expect(result.rows).toBe(30);
    const dirs = [...new Set(filesUnder('lake/orders').map((f) => f.slice(0, f.lastIndexOf('/'))))].sort();
    expect(dirs).toEqual([
      'day=2024-01-01/country=c0',
      'day=2024-01-01/country=c1',
      'day=2024-01-02/country=c0',
      'day=2024-01-02/country=c1',
      'day=2024-01-03/country=c0',
      'day=2024-01-03/country=c1',
    ]);
    expect(result.files.map((f) => relative(join(p.dir, 'lake/orders'), f.path)).sort()).toEqual(filesUnder('lake/orders'));
    expect(result.files.every((f) => f.size > 0)).toBe(true);
    const first = result.files[0].path;
    const cols = await engine.query(`SELECT name FROM parquet_schema('${first}') WHERE name <> 'duckdb_schema'`);
    expect(cols.rows).toEqual([{ name: 'id' }]);
    await engine.registerFiles('o', { format: 'parquet', paths: ['lake/orders'], hivePartitioning: true });
    expect((await engine.query(`SELECT count(*) AS n FROM o WHERE day = DATE '2024-01-02' AND country = 'c1'`)).rows).toEqual([{ n: 5 }]);
  });

  it('compresses with snappy by default and with zstd on request', async () => {
    const a = await engine.writeParquet(ORDERS, { location: 'lake/snappy' });
    const b = await engine.writeParquet(ORDERS, { location: 'lake/zstd', compression: 'zstd' });
    const codec = async (path: string) => (await engine.query(`SELECT DISTINCT compression FROM parquet_metadata('${path}')`)).rows;
    expect(await codec(a.files[0].path)).toEqual([{ compression: 'SNAPPY' }]);
    expect(await codec(b.files[0].path)).toEqual([{ compression: 'ZSTD' }]);
  });

  it('overwrite replaces what was there; append adds beside it', async () => {
    await engine.writeParquet('SELECT 1 AS v FROM range(10)', { location: 'lake/t' });
    await engine.writeParquet('SELECT 2 AS v FROM range(5)', { location: 'lake/t', mode: 'append' });
    expect(await count('lake/t')).toBe(15);
    expect(filesUnder('lake/t')).toHaveLength(2);
    await engine.writeParquet('SELECT 3 AS v FROM range(4)', { location: 'lake/t', mode: 'overwrite' });
    expect(await count('lake/t')).toBe(4);
    expect(filesUnder('lake/t')).toHaveLength(1);
  });

  it('appends partitioned output without clobbering files of earlier writes', async () => {
    await engine.writeParquet(ORDERS, { location: 'lake/o', partitionBy: ['country'] });
    await engine.writeParquet(ORDERS, { location: 'lake/o', partitionBy: ['country'], mode: 'append' });
    expect(await count('lake/o')).toBe(60);
  });

  it('a write that fails half-way leaves the old data, and nothing else, visible', async () => {
    await engine.writeParquet('SELECT 1 AS id, 7 AS v', { location: 'lake/t' });
    const before = filesUnder('lake/t');
    // Fails on the last row, after DuckDB has written part of the output.
    const failing = `SELECT i % 50 AS k, (CASE WHEN i = 299999 THEN 'oops' ELSE i::VARCHAR END)::INTEGER AS v FROM range(300000) t(i)`;
    const err = await expectGlueError(
      engine.writeParquet(failing, { location: 'lake/t', partitionBy: ['k'] }),
      'InvalidInputException',
      /oops/,
    );
    expect(err.message).not.toContain('\n');
    expect(filesUnder('lake/t')).toEqual(before);
    expect(filesUnder('.sluice/.sluice-staging')).toEqual([]);
    expect(readdirSync(join(p.dir, '.sluice/tmp'), { recursive: true }).filter((f) => String(f).includes('out-'))).toEqual([]);
    expect(await count('lake/t')).toBe(1);
  });

  it('rejects bad options with a message naming them, before writing anything', async () => {
    await expectGlueError(
      engine.writeParquet('SELECT 1 AS a', { location: 'lake/x', compression: 'lz4' as 'zstd' }),
      'InvalidInputException',
      /compression must be 'snappy' or 'zstd', not 'lz4'/,
    );
    await expectGlueError(
      engine.writeParquet('SELECT 1 AS a', { location: 'lake/x', mode: 'merge' as 'append' }),
      'InvalidInputException',
      /mode must be/,
    );
    await expectGlueError(
      engine.writeParquet('SELECT 1 AS a', { location: 'lake/x', partitionBy: ['nope'] }),
      'InvalidInputException',
      /nope/,
    );
    expect(filesUnder('lake/x')).toEqual([]);
  });
});
