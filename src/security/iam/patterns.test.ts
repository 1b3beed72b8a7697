import { describe, expect, it } from 'vitest';
import { compilePattern } from './patterns.js';

describe("IAM's wildcards", () => {
  it.each([
    ['*', 'anything', true],
    ['glue:Get*', 'glue:GetTable', true],
    ['glue:Get*', 'glue:get', false],
    ['arn:aws:glue:*:*:table/sales/*', 'arn:aws:glue:us-east-1:123456789012:table/sales/orders', true],
    ['arn:aws:glue:*:*:table/sales/*', 'arn:aws:glue:us-east-1:123456789012:table/hr/orders', false],
    ['arn:aws:glue:*:*:table/sales/*', 'arn:aws:glue:us-east-1:123456789012:table/sales/', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['a*ab', 'ab', false],
    ['a*ab', 'aab', true],
    ['*orders', 'table/orders', true],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['glue:GetTabl?', 'glue:GetTable', true],
    ['glue:GetTabl?', 'glue:GetTables', false],
  ])('%s against %s → %s', (pattern, s, want) => {
    expect(compilePattern(pattern, false)(s)).toBe(want);
  });

  it('ignores case for actions when asked', () => {
    expect(compilePattern('GLUE:get*', true)('glue:GetTable')).toBe(true);
    expect(compilePattern('GLUE:get*', false)('glue:GetTable')).toBe(false);
  });
});
