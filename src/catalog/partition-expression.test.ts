import { describe, expect, it } from 'vitest';
import { SluiceError } from '../kernel/errors.js';
import { compilePartitionExpression } from './partition-expression.js';

const keys = [
  { Name: 'region', Type: 'string' },
  { Name: 'year', Type: 'int' },
  { Name: 'dt', Type: 'date' },
  { Name: 'ts', Type: 'timestamp' },
  { Name: 'price', Type: 'decimal(10,2)' },
];
// region, year, dt, ts, price
const rows = [
  ['eu', '9', '2024-01-31', '2024-01-31 23:59:59', '9.5'],
  ['us', '10', '2024-02-01', '2024-02-01 00:00:00.5', '10.25'],
  ["o'brien", '2023', '2023-12-31', '2023-12-31 12:00:00', '100'],
  ['us_east', '-1', '2024-1-5', '2024-01-05 00:00:00', '-0.5'],
  ['__HIVE_DEFAULT_PARTITION__', '__HIVE_DEFAULT_PARTITION__', '2024-03-01', '2024-03-01 00:00:00', '0'],
];

/** The first value (region) of each row the expression selects. */
const select = (expression: string) => {
  const f = compilePartitionExpression(expression, keys);
  return rows.filter((r) => f.matches(r)).map((r) => r[0]);
};

function errorOf(fn: () => unknown): SluiceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SluiceError);
    return e as SluiceError;
  }
  throw new Error('expected an error');
}
const compileError = (expression: string) => errorOf(() => compilePartitionExpression(expression, keys));

describe('partition expression: comparisons by key type', () => {
  it('compares int keys numerically, not as text', () => {
    expect(select('year > 9')).toEqual(['us', "o'brien"]);
    expect(select("year >= '10'")).toEqual(['us', "o'brien"]);
    expect(select('year < 0')).toEqual(['us_east']);
    expect(select('year = 10')).toEqual(['us']);
    expect(select('year = 010')).toEqual(['us']);
    expect(select('year <> 10')).toEqual(['eu', "o'brien", 'us_east']);
    expect(select('year != 10')).toEqual(['eu', "o'brien", 'us_east']);
    expect(select('year <= -1')).toEqual(['us_east']);
  });

  it('compares string keys lexically', () => {
    expect(select("region > 'o'")).toEqual(['us', "o'brien", 'us_east']);
    expect(select("region < 'us'")).toEqual(['eu', "o'brien"]);
    expect(select("region = 'o''brien'")).toEqual(["o'brien"]);
    // A number compared with a string key is compared as its text.
    expect(select("year = 9 AND region = 'eu'")).toEqual(['eu']);
  });

  it('compares dates and timestamps chronologically', () => {
    expect(select("dt >= '2024-01-05'")).toEqual(['eu', 'us', 'us_east', '__HIVE_DEFAULT_PARTITION__']);
    expect(select("dt = '2024-01-05'")).toEqual(['us_east']);
    expect(select("dt < DATE '2024-01-10'")).toEqual(["o'brien", 'us_east']);
    expect(select("ts > '2024-02-01 00:00:00'")).toEqual(['us', '__HIVE_DEFAULT_PARTITION__']);
    expect(select("ts = TIMESTAMP '2024-02-01 00:00:00.500'")).toEqual(['us']);
  });

  it('compares decimals exactly', () => {
    expect(select('price > 9.5')).toEqual(['us', "o'brien"]);
    expect(select('price = 10.250')).toEqual(['us']);
    expect(select('price BETWEEN -1 AND 0')).toEqual(['us_east', '__HIVE_DEFAULT_PARTITION__']);
  });

  it('supports IN, NOT IN, BETWEEN and NOT BETWEEN', () => {
    expect(select("region IN ('eu', 'us')")).toEqual(['eu', 'us']);
    expect(select('year IN (9, 2023)')).toEqual(['eu', "o'brien"]);
    expect(select('year NOT IN (9, 2023)')).toEqual(['us', 'us_east']);
    expect(select('year BETWEEN 9 AND 10')).toEqual(['eu', 'us']);
    expect(select('year NOT BETWEEN 9 AND 10')).toEqual(["o'brien", 'us_east']);
    expect(select("dt BETWEEN '2024-01-01' AND '2024-01-31'")).toEqual(['eu', 'us_east']);
  });

  it('matches LIKE with % and _, case-sensitively, with other characters literal', () => {
    expect(select("region LIKE 'u%'")).toEqual(['us', 'us_east']);
    expect(select("region LIKE '_s'")).toEqual(['us']);
    expect(select("region NOT LIKE 'u%'")).toEqual(['eu', "o'brien"]);
    expect(select("region LIKE 'U%'")).toEqual([]);
    expect(select("region LIKE 'o''b%'")).toEqual(["o'brien"]);
    const dot = compilePartitionExpression("region LIKE 'a.c'", keys);
    expect(dot.matches(['a.c', '1', '2024-01-01', '2024-01-01 00:00:00', '1'])).toBe(true);
    expect(dot.matches(['abc', '1', '2024-01-01', '2024-01-01 00:00:00', '1'])).toBe(false);
  });
});

describe('partition expression: logic', () => {
  it('treats the Hive default partition as NULL', () => {
    expect(select('year IS NULL')).toEqual(['__HIVE_DEFAULT_PARTITION__']);
    expect(select('region IS NOT NULL')).toEqual(['eu', 'us', "o'brien", 'us_east']);
    // NULL compares as unknown: neither = nor <> nor its negation selects it.
    expect(select('year = 9 OR year <> 9')).not.toContain('__HIVE_DEFAULT_PARTITION__');
    expect(select('NOT (year = 9)')).toEqual(['us', "o'brien", 'us_east']);
    // … but unknown OR true is true.
    expect(select("year = 9 OR dt = '2024-03-01'")).toEqual(['eu', '__HIVE_DEFAULT_PARTITION__']);
  });

  it('gives AND precedence over OR, and NOT precedence over AND', () => {
    expect(select("region = 'eu' OR region = 'us' AND year = 2023")).toEqual(['eu']);
    expect(select("(region = 'eu' OR region = 'us') AND year = 10")).toEqual(['us']);
    expect(select("NOT region = 'eu' AND year > 0")).toEqual(['us', "o'brien"]);
    expect(select("NOT (region = 'eu' AND year > 0)")).toEqual(['us', "o'brien", 'us_east']);
  });

  it('reads keywords in any case and names bare, back-quoted or double-quoted, case-insensitively', () => {
    expect(select('`Region` = \'eu\' or "YEAR" between 10 And 10')).toEqual(['eu', 'us']);
    expect(select("region in ('eu') AnD NoT year iS nUlL")).toEqual(['eu']);
  });

  it('compares a literal on the left, and two keys of compatible types', () => {
    expect(select('10 < year')).toEqual(["o'brien"]);
    expect(select('year < price')).toEqual(['eu', 'us', 'us_east']);
  });

  it('reports the values a key is pinned to, for the store to narrow its read', () => {
    expect(compilePartitionExpression("region = 'eu' AND year > 3", keys).pinnedValues(0)).toEqual(['eu']);
    expect(compilePartitionExpression("year > 3 AND region IN ('eu', 'us')", keys).pinnedValues(0)).toEqual(['eu', 'us']);
    expect(compilePartitionExpression("region = 'eu' OR year > 3", keys).pinnedValues(0)).toBeUndefined();
    expect(compilePartitionExpression("NOT region = 'eu'", keys).pinnedValues(0)).toBeUndefined();
    // An int key is not pinned by text: '010' = 10.
    expect(compilePartitionExpression('year = 10', [{ Name: 'year', Type: 'int' }]).pinnedValues(0)).toBeUndefined();
    const twoKeys = [
      { Name: 'region', Type: 'string' },
      { Name: 'kind', Type: 'string' },
    ];
    expect(compilePartitionExpression("kind = 'a' AND region > 'b'", twoKeys).pinnedValues(1)).toEqual(['a']);
    expect(compilePartitionExpression("kind = 'a' AND region > 'b'", twoKeys).pinnedValues(0)).toBeUndefined();
  });
});

describe('partition expression: errors', () => {
  it('names the position of a syntax error', () => {
    const cases: [string, RegExp][] = [
      ["region = 'eu", /unterminated string starting at position 10/],
      ['region =', /expected a partition key or a value at position 9, found the end of the expression/],
      ["region = 'eu' year", /expected AND, OR or the end of the expression at position 15, found 'year'/],
      ["region ~ 'eu'", /unexpected character '~' at position 8/],
      ['region', /expected a comparison operator .* at position 7/],
      ["(region = 'eu'", /expected '\)' at position 15/],
      ['year IN 1', /expected '\(' at position 9/],
      ['year BETWEEN 1 OR 2', /expected AND at position 16, found 'OR'/],
      ['year IS 1', /expected NULL at position 9/],
      ['', /expected a condition at position 1/],
      ['year NOT = 1', /expected IN, BETWEEN or LIKE at position 10/],
      ['year = 12abc', /unexpected 'a' after the number 12 at position 10/],
      ['AND = 1', /expected a partition key or a value at position 1/],
    ];
    for (const [expression, message] of cases) {
      const e = compileError(expression);
      expect(e.type, expression).toBe('InvalidInputException');
      expect(e.message, expression).toMatch(/^Unsupported expression '/);
      expect(e.message, expression).toMatch(message);
    }
  });

  it("refuses names that are not partition keys in Glue's words", () => {
    const e = compileError("region = 'eu' AND colour = 'red'");
    expect(e.type).toBe('InvalidInputException');
    expect(e.message).toBe('Invalid partition expression!');
    expect(errorOf(() => compilePartitionExpression('x = 1', [])).message).toBe('Invalid partition expression!');
  });

  it('reads parenthesised operands and joins, and decimals with exponents', () => {
    const keys = [
      { Name: 'n', Type: 'int' },
      { Name: 'd', Type: 'decimal' },
    ];
    const f = compilePartitionExpression('(n) = ((2)) (OR) (((n))) = (3)', keys);
    expect([f.matches(['2', '1']), f.matches(['3', '1']), f.matches(['4', '1'])]).toEqual([true, true, false]);
    const g = compilePartitionExpression("d between 2 AND 3e10 and d <> '3e14'", keys);
    expect([g.matches(['1', '2.6']), g.matches(['1', '3e14']), g.matches(['1', '1.5'])]).toEqual([true, false, false]);
  });

  it('refuses literals that are not of the key type', () => {
    expect(compileError("year = 'abc'").message).toBe(
      "Invalid partition expression: 'abc' at position 8 is not an integer, as partition key year requires.",
    );
    expect(compileError('year = 1.5').message).toMatch(/'1.5' at position 8 is not an integer/);
    expect(compileError("dt > '2024-13-01'").message).toMatch(/'2024-13-01' at position 6 is not a date/);
    expect(compileError("ts = '2024-01-01'").message).toMatch(/is not a timestamp \(yyyy-mm-dd hh:mm:ss/);
    expect(compileError("price IN (1, 'x')").message).toMatch(/'x' at position 14 is not a decimal/);
    expect(compileError("region = DATE '2024-02-30'").message).toMatch(/'2024-02-30' at position 10 is not a date/);
  });

  it('refuses LIKE on keys that are not strings, and comparisons across types', () => {
    expect(compileError("year LIKE '1%'").message).toMatch(
      /Integral data type doesn't support operation 'LIKE' \(partition key year, position 6\)/,
    );
    expect(compileError("dt LIKE '2024%'").message).toMatch(/Date data type doesn't support operation 'LIKE'/);
    expect(compileError('region LIKE 5').message).toMatch(/needs a quoted pattern/);
    expect(compileError('region = year').message).toMatch(/cannot compare partition key region \(string\) with year \(integer\)/);
    expect(compileError("1 = 'a'").message).toMatch(/cannot compare a number with text/);
  });

  it('refuses a key of a type the Expression does not support', () => {
    const e = errorOf(() => compilePartitionExpression('f = 1', [{ Name: 'f', Type: 'double' }]));
    expect(e.message).toMatch(/Unknown type 'double' of partition key f at position 1; supported types are string, date/);
  });

  it('fails with InvalidStateException when a stored value does not parse as its key type', () => {
    const f = compilePartitionExpression('year > 1', keys);
    const e = errorOf(() => f.matches(['eu', 'nineteen', '2024-01-01', '2024-01-01 00:00:00', '1']));
    expect(e.type).toBe('InvalidStateException');
    expect(e.message).toBe("Partition value 'nineteen' of key year is not an integer.");
  });
});
