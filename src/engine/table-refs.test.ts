import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engineProject, type EngineProject } from '../../test/helpers/engine-project.js';
import type { QueryEngine } from './query-engine.js';

let p: EngineProject;
let engine: QueryEngine;
beforeAll(async () => {
  p = engineProject();
  engine = await p.engine();
});
afterAll(() => p.cleanup());

it.each([
  [
    'SELECT * FROM sales.customers c JOIN sales.orders AS o USING (id)',
    [
      { schema: 'sales', name: 'customers' },
      { schema: 'sales', name: 'orders' },
    ],
  ],
  ['SELECT * FROM "Sales"."My Table" x', [{ schema: 'Sales', name: 'My Table' }]],
  [
    'WITH q AS (SELECT * FROM a.b) SELECT * FROM q WHERE 1 IN (SELECT 1 FROM cat.s.t)',
    [{ schema: 'a', name: 'b' }, { name: 'q' }, { catalog: 'cat', schema: 's', name: 't' }],
  ],
  [
    'SELECT * FROM a.b; SELECT * FROM a.b, c.d',
    [
      { schema: 'a', name: 'b' },
      { schema: 'c', name: 'd' },
    ],
  ],
  ['CREATE TABLE t AS SELECT * FROM "x y".z AS zz', [{ schema: 'x y', name: 'z' }]],
  ['SELEC 1', []],
])('finds the tables of %s', async (sql, expected) => {
  const refs = (await engine.referencedTables(sql)).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
  expect(refs).toEqual(expected);
});

it('never binds a statement that writes: EXPORT DATABASE creates no folder while its tables are looked up', async () => {
  const target = `${p.dir}/exported-by-user-sql`;
  expect(await engine.referencedTables(`EXPORT DATABASE '${target}'`)).toEqual([]);
  expect(existsSync(target)).toBe(false);
  expect(await engine.referencedTables('DESCRIBE a.b')).toEqual([{ schema: 'a', name: 'b' }]);
});

it('nor when a reading statement comes first', async () => {
  const target = `${p.dir}/exported-second`;
  await engine.referencedTables(`DESCRIBE a.b; EXPORT DATABASE '${target}'`);
  expect(existsSync(target)).toBe(false);
});
