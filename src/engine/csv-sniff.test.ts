import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineProject, type EngineProject } from '../../test/helpers/engine-project.js';
import type { QueryEngine } from './query-engine.js';

let p: EngineProject;
let engine: QueryEngine;
beforeEach(async () => {
  p = engineProject();
  engine = await p.engine();
});
afterEach(() => p.cleanup());

const rows = async (sql: string) => (await engine.query(sql)).rows;
/** Whether the view reads its CSV with explicit columns (sniffed once) rather than detecting at each bind. */
const explicit = async (view: string) =>
  String((await rows(`SELECT sql FROM duckdb_views() WHERE view_name = '${view}'`))[0].sql).includes("auto_detect = CAST('f' AS BOOLEAN)");

describe('sniffing a CSV source once', () => {
  it('reads one file with the dialect, types and date format sniffed when it was registered', async () => {
    const path = p.file('raw/a.csv', 'id;day;amount\n1;03/02/2024;2.5\n2;04/02/2024;\n');
    await engine.registerFiles('a', { format: 'csv', paths: [path] });
    expect(await explicit('a')).toBe(true);
    expect((await engine.query('SELECT * FROM a ORDER BY id')).columns.map((c) => c.type)).toEqual(['BIGINT', 'DATE', 'DOUBLE']);
    expect(await rows("SELECT id, strftime(day, '%Y-%m-%d') AS day, amount FROM a ORDER BY id")).toEqual([
      { id: 1, day: '2024-02-03', amount: 2.5 },
      { id: 2, day: '2024-02-04', amount: null },
    ]);
  });

  it('keeps options the sniffer does not consume, such as the file name column', async () => {
    const path = p.file('raw/b.csv', 'k,v\nx,1\n');
    await engine.registerFiles('b', { format: 'csv', paths: [path], options: { filename: 'src', types: { v: 'VARCHAR' } } });
    expect(await explicit('b')).toBe(true);
    expect(await rows('SELECT * FROM b')).toEqual([{ k: 'x', v: '1', src: path }]);
  });

  it('reads several files with the same header line by position, sniffed once', async () => {
    const one = p.file('raw/s/1.csv', 'id,name\n1,a\n');
    const two = p.file('raw/s/2.csv', 'id,name\n2,b\n');
    await engine.registerFiles('s', { format: 'csv', paths: [one, two] });
    expect(await explicit('s')).toBe(true);
    expect(await rows('SELECT * FROM s ORDER BY id')).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
  });

  it("leaves files whose headers differ to DuckDB's detection, which matches their columns by name", async () => {
    const one = p.file('raw/d/1.csv', 'id,name\n1,a\n');
    const two = p.file('raw/d/2.csv', 'name,id\nb,2\n');
    await engine.registerFiles('d', { format: 'csv', paths: [one, two] });
    expect(await explicit('d')).toBe(false);
    expect(await rows('SELECT id::INTEGER AS id, name FROM d ORDER BY id')).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
  });

  it('leaves several compressed files, and sources with declared columns, as they were', async () => {
    const one = p.file('raw/z/1.csv.gz', gzipSync('id\n1\n'));
    const two = p.file('raw/z/2.csv.gz', gzipSync('id\n2\n'));
    await engine.registerFiles('z', { format: 'csv', paths: [one, two] });
    expect(await explicit('z')).toBe(false);
    expect(await rows('SELECT * FROM z ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
    await engine.registerFiles('c', { format: 'csv', paths: [one], options: { columns: { id: 'VARCHAR' }, header: true } });
    expect(await rows('SELECT * FROM c')).toEqual([{ id: '1' }]);
  });

  it('leaves options the sniffer refuses to read_csv, which names the problem', async () => {
    const path = p.file('raw/bad.csv', 'a,b\n1,2\n');
    await expect(engine.registerFiles('bad', { format: 'csv', paths: [path], options: { quote: 'xyz' } })).rejects.toThrow(
      /Cannot read bad: .*quote option/,
    );
  });
});
