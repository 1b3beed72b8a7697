import { gzipSync } from 'node:zlib';
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

const rows = async (sql: string) => (await engine.query(sql)).rows;

describe('reading CSV and TSV', () => {
  it('reads a header, quoted delimiters, quoted line breaks, doubled quotes and a BOM', async () => {
    const path = p.file('raw/people.csv', '\ufeffid,name,note\n1,"Smith, Ann","said ""hi""\nthen left"\n2,Bob,\n');
    await engine.registerFiles('people', { format: 'csv', paths: [path] });
    expect(await rows('SELECT * FROM people ORDER BY id')).toEqual([
      { id: 1, name: 'Smith, Ann', note: 'said "hi"\nthen left' },
      { id: 2, name: 'Bob', note: null },
    ]);
  });

  it('takes reader options such as another delimiter and no header', async () => {
    const path = p.file('raw/semi.csv', 'a;1\nb;2\n');
    await engine.registerFiles('semicolon', { format: 'csv', paths: [path], options: { delim: ';', header: false } });
    expect(await rows('SELECT column0 AS k, column1 AS v FROM semicolon ORDER BY k')).toEqual([
      { k: 'a', v: 1 },
      { k: 'b', v: 2 },
    ]);
  });

  it('reads TSV, including commas inside fields', async () => {
    const path = p.file('raw/t.tsv', 'city\tpop\nParis, FR\t2100000\n');
    await engine.registerFiles('t', { format: 'tsv', paths: [path] });
    expect(await rows('SELECT * FROM t')).toEqual([{ city: 'Paris, FR', pop: 2100000 }]);
  });

  it('reads CSV by position into given columns, skipping the header when told to', async () => {
    const path = p.file('raw/c.csv', 'x,y\n1,2024-01-02\n');
    const columns = [
      { name: 'n', type: 'INTEGER' },
      { name: 'd', type: 'DATE' },
    ];
    await engine.registerFiles('c', { format: 'csv', paths: [path], columns, options: { header: true } });
    expect(await engine.query('SELECT * FROM c')).toEqual({ columns, rows: [{ n: 1, d: '2024-01-02' }] });
  });
});

describe('reading JSON', () => {
  it('reads NDJSON, a JSON array, and gzip-compressed NDJSON alike', async () => {
    const nd = '{"id":1,"tags":["a"],"addr":{"city":"Oslo"}}\n{"id":2,"tags":[],"addr":{"city":"Rome"}}\n';
    const files = [
      p.file('raw/j/a.json', nd),
      p.file('raw/arr.json', JSON.stringify([{ id: 3, tags: ['b', 'c'], addr: { city: 'Lima' } }])),
      p.file('raw/gz/b.json.gz', gzipSync(nd.replaceAll('"id":', '"id":1'))),
    ];
    for (const [i, f] of files.entries()) await engine.registerFiles(`j${i}`, { format: 'json', paths: [f] });
    expect(await rows('SELECT * FROM j0 ORDER BY id')).toEqual([
      { id: 1, tags: ['a'], addr: { city: 'Oslo' } },
      { id: 2, tags: [], addr: { city: 'Rome' } },
    ]);
    expect(await rows('SELECT id, tags FROM j1')).toEqual([{ id: 3, tags: ['b', 'c'] }]);
    expect(await rows('SELECT id, addr.city AS city FROM j2 ORDER BY id')).toEqual([
      { id: 11, city: 'Oslo' },
      { id: 12, city: 'Rome' },
    ]);
  });
});

describe('reading folders and Parquet', () => {
  it('reads every file of a folder recursively, skipping names that start with _ or .', async () => {
    p.file('lake/t/a.csv', 'v\n1\n');
    p.file('lake/t/sub/b.csv', 'v\n2\n');
    p.file('lake/t/_SUCCESS', '');
    p.file('lake/t/.a.csv.crc', 'garbage');
    p.file('lake/t/_temporary/c.csv', 'v\n99\n');
    await engine.registerFiles('t', { format: 'csv', paths: ['lake/t'] });
    expect(await rows('SELECT sum(v) AS s FROM t')).toEqual([{ s: 3 }]);
  });

  it('reads Parquet with Hive partition columns from key=value folders', async () => {
    await engine.writeParquet('SELECT i AS id, i % 2 AS half FROM range(4) t(i)', { location: 'lake/pq', partitionBy: ['half'] });
    await engine.registerFiles('pq', { format: 'parquet', paths: ['lake/pq'], hivePartitioning: true });
    expect(await rows('SELECT half, count(*) AS n FROM pq GROUP BY half ORDER BY half')).toEqual([
      { half: 0, n: 2 },
      { half: 1, n: 2 },
    ]);
  });

  it('gives an empty view with the given columns when the folder has no files', async () => {
    const columns = [{ name: 'id', type: 'BIGINT' }];
    await engine.registerFiles('none', { format: 'parquet', paths: ['lake/empty/'], columns });
    expect(await engine.query('SELECT * FROM none')).toEqual({ columns, rows: [] });
  });

  it('matches Parquet columns by name across files that differ only when asked to', async () => {
    await engine.writeParquet('SELECT 1 AS id', { location: 'lake/evolved/a' });
    await engine.writeParquet(`SELECT 'x' AS extra, 'new' AS added, 2 AS id`, { location: 'lake/evolved/b' });
    const columns = [
      { name: 'id', type: 'BIGINT' },
      { name: 'added', type: 'VARCHAR' },
    ];
    await engine.registerFiles('strict', { format: 'parquet', paths: ['lake/evolved'], columns });
    await expectGlueError(engine.query('SELECT * FROM strict'), 'InvalidInputException', /schema mismatch.*"added"/);
    await engine.registerFiles('loose', { format: 'parquet', paths: ['lake/evolved'], columns, unionByName: true });
    expect(await engine.query('SELECT * FROM loose ORDER BY id')).toEqual({
      columns,
      rows: [
        { id: 1, added: null },
        { id: 2, added: 'new' },
      ],
    });
  });

  it('names the location when there are no files and no columns', async () => {
    await expectGlueError(
      engine.registerFiles('none', { format: 'parquet', paths: ['lake/nothing'] }),
      'EntityNotFoundException',
      /No files found at lake\/nothing/,
    );
  });

  it('rejects sources it cannot make a view of, naming the problem', async () => {
    const a = p.file('a.csv', 'v\n1\n');
    await expectGlueError(
      engine.registerFiles('x', { format: 'orc' as 'csv', paths: [a] }),
      'InvalidInputException',
      /Cannot read format 'orc'/,
    );
    // Avro is decoded first (decoded-inputs.ts): a CSV file named as Avro is named as not Avro.
    await expectGlueError(engine.registerFiles('x', { format: 'avro', paths: [a] }), 'InvalidInputException', /a\.csv: not an Avro file/);
    await expectGlueError(
      engine.registerFiles('a.b.c', { format: 'csv', paths: [a] }),
      'InvalidInputException',
      /'view' or 'schema.view', not 'a.b.c'/,
    );
    const partitions = { keys: [{ name: 'k', type: 'INTEGER' }], list: [{ values: ['1', '2'], paths: [a] }] };
    await expectGlueError(
      engine.registerFiles('x', { format: 'csv', paths: [], partitions }),
      'InvalidInputException',
      /2 values for 1 partition keys/,
    );
    await expectGlueError(
      engine.registerFiles('x', { format: 'csv', paths: [a], partitions: { ...partitions, list: [] } }),
      'InvalidInputException',
      /either as paths or as partitions/,
    );
  });

  it('registers views in a schema and replaces a view registered again', async () => {
    const a = p.file('a.csv', 'v\n1\n');
    const b = p.file('b.csv', 'v\n2\n');
    await engine.registerFiles('raw.t', { format: 'csv', paths: [a] });
    await engine.registerFiles('raw.t', { format: 'csv', paths: [b] });
    expect(await rows('SELECT v FROM raw.t')).toEqual([{ v: 2 }]);
  });

  it('rejects a corrupt file with a one-line message naming the view and the file', async () => {
    const bad = p.file('bad.parquet', 'not parquet at all');
    const err = await expectGlueError(
      engine.registerFiles('bad', { format: 'parquet', paths: [bad] }),
      'InvalidInputException',
      /^Cannot read bad: .*bad\.parquet/,
    );
    expect(err.message).not.toContain('\n');
  });
});
