import { describe, expect, it } from 'vitest';
import { compareSortKeys, keyFamily, parseValue, sortKey } from './partition-key-types.js';

describe('partition key types', () => {
  it('maps Hive column types to how they compare', () => {
    expect(keyFamily('INT')).toBe('integer');
    expect(keyFamily('varchar(10)')).toBe('string');
    expect(keyFamily('decimal(10, 2)')).toBe('decimal');
    expect(keyFamily(undefined)).toBe('string');
    expect(keyFamily('double')).toBeUndefined();
    expect(keyFamily('array<string>')).toBeUndefined();
  });

  it('parses values of each type, and refuses what is not of it', () => {
    expect(parseValue('integer', '-42')).toBe(-42n);
    expect(parseValue('integer', '4.2')).toBeUndefined();
    expect(parseValue('decimal', '.5')).toEqual({ n: 5n, scale: 1 });
    expect(parseValue('decimal', '.')).toBeUndefined();
    expect(parseValue('date', '2024-2-9')).toBe('2024-02-09');
    expect(parseValue('date', '2023-02-29')).toBeUndefined();
    expect(parseValue('date', '2024-02-29')).toBe('2024-02-29');
    expect(parseValue('timestamp', '2024-01-01 10:00:00.1')).toBe('2024-01-01 10:00:00.100000000');
    expect(parseValue('timestamp', '2024-01-01 24:00:00')).toBeUndefined();
  });

  it('orders value lists by type, unparsable values last, raw text breaking ties', () => {
    const families = ['integer', 'string'] as const;
    const lists = [
      ['10', 'a'],
      ['9', 'b'],
      ['__HIVE_DEFAULT_PARTITION__', 'a'],
      ['09', 'a'],
      ['9', 'a'],
      ['x', 'a'],
    ];
    const sorted = lists
      .map((v) => ({ v, k: sortKey(v, [...families]) }))
      .sort((a, b) => compareSortKeys(a.k, b.k))
      .map((e) => e.v.join('/'));
    expect(sorted).toEqual(['09/a', '9/a', '9/b', '10/a', '__HIVE_DEFAULT_PARTITION__/a', 'x/a']);
  });
});
