// Glue's exclude-pattern examples (include path s3://mybucket/myfolder/), and the glob syntax edges.
import { describe, expect, it } from 'vitest';
import { exclusionMatcher, globToRegExp } from './glob.js';
import { SluiceError } from '../kernel/errors.js';

const tree = [
  'departments/finance.json',
  'departments/market-us.json',
  'departments/market-emea.json',
  'departments/market-ap.json',
  'employees/hr.json',
  'employees/john.csv',
  'employees/jane.csv',
  'employees/juan.txt',
];
const excluded = (...patterns: string[]) => tree.filter(exclusionMatcher(patterns));

describe('exclusion globs', () => {
  it('follows the examples of the Glue documentation', () => {
    expect(excluded('departments/**')).toEqual(tree.slice(0, 4));
    expect(excluded('departments/market*')).toEqual(tree.slice(1, 4));
    expect(excluded('**.csv')).toEqual(['employees/john.csv', 'employees/jane.csv']);
    expect(excluded('employees/*.csv')).toEqual(['employees/john.csv', 'employees/jane.csv']);
  });

  it('keeps * and ? inside one folder level, while ** crosses levels', () => {
    expect(globToRegExp('a/*').test('a/b')).toBe(true);
    expect(globToRegExp('a/*').test('a/b/c')).toBe(false);
    expect(globToRegExp('a/**').test('a/b/c')).toBe(true);
    expect(globToRegExp('a/?').test('a/b')).toBe(true);
    expect(globToRegExp('a?b').test('a/b')).toBe(false);
    expect(globToRegExp('*').test('.hidden')).toBe(true);
  });

  it('excludes every 2015 day folder except the first week of January', () => {
    const match = exclusionMatcher(['2015/01/{[!0],0[8-9]}**', '2015/0[2-9]/**', '2015/1[0-2]/**']);
    const days = [
      '2015/01/01/a.json',
      '2015/01/07/a.json',
      '2015/01/08/a.json',
      '2015/01/15/a.json',
      '2015/01/31/a.json',
      '2015/02/01/a.json',
      '2015/12/31/a.json',
    ];
    expect(days.filter((d) => !match(d))).toEqual(['2015/01/01/a.json', '2015/01/07/a.json']);
  });

  it('treats *, ? and \\ literally inside brackets, and - as literal when first', () => {
    expect(globToRegExp('[*]x').test('*x')).toBe(true);
    expect(globToRegExp('[*]x').test('ax')).toBe(false);
    expect(globToRegExp('[-a]').test('-')).toBe(true);
    expect(globToRegExp('[!-a]').test('b')).toBe(true);
    expect(globToRegExp('[!-a]').test('-')).toBe(false);
    expect(globToRegExp('\\{a\\}').test('{a}')).toBe(true);
  });

  it('refuses nested groups and unclosed brackets with InvalidInputException', () => {
    for (const bad of ['{a,{b,c}}', '[abc', '{a,b', 'x\\']) {
      expect(() => globToRegExp(bad)).toThrow(SluiceError);
    }
    expect(() => globToRegExp('{a,{b}}')).toThrow(/nests/);
  });
});
