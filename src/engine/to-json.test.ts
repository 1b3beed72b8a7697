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

it('returns rows as plain JSON values', async () => {
  const { rows, columns } = await engine.query(`SELECT
    42::BIGINT AS small, 9007199254740993::BIGINT AS big, 1.5::DOUBLE AS dbl, 'NaN'::DOUBLE AS nan,
    12.34::DECIMAL(10,2) AS dec, 12345678901234567.89::DECIMAL(38,2) AS wide,
    DATE '2024-02-29' AS d, TIMESTAMP '2024-01-02 03:04:05.123456' AS ts, TIMESTAMPTZ '2024-01-02 03:04:05+02' AS tz,
    TIME '01:02:03' AS t, INTERVAL 36 HOUR AS iv, '\\xAA\\xBB'::BLOB AS b, true AS yes, NULL AS nothing,
    {'a': 1, 'b': [1, 2]} AS s, [DATE '2024-01-01'] AS l, MAP {'k': 1} AS m, 'infinity'::TIMESTAMP AS inf`);
  expect(rows).toEqual([
    {
      small: 42,
      big: '9007199254740993',
      dbl: 1.5,
      nan: 'NaN',
      dec: 12.34,
      wide: '12345678901234567.89',
      d: '2024-02-29',
      ts: '2024-01-02T03:04:05.123456',
      tz: '2024-01-02T01:04:05Z',
      t: '01:02:03',
      iv: '36:00:00',
      b: 'qrs=',
      yes: true,
      nothing: null,
      s: { a: 1, b: [1, 2] },
      l: ['2024-01-01'],
      m: { k: 1 },
      inf: 'infinity',
    },
  ]);
  expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  expect(columns.slice(0, 2)).toEqual([
    { name: 'small', type: 'BIGINT' },
    { name: 'big', type: 'BIGINT' },
  ]);
});

it('cuts a result at maxRows and says so', async () => {
  expect(await engine.query('SELECT * FROM range(10) t(i)', { maxRows: 3 })).toMatchObject({
    rows: [{ i: 0 }, { i: 1 }, { i: 2 }],
    truncated: true,
  });
  expect((await engine.query('SELECT * FROM range(3) t(i)', { maxRows: 3 })).truncated).toBeUndefined();
});
