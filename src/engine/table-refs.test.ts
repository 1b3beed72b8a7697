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
