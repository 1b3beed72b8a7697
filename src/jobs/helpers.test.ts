// Pure helpers of the jobs concept, with explicit inputs.
import { describe, expect, it } from 'vitest';
import { glueType } from './output/glue-column-type.js';
import { partitionOf } from './output/partition-folders.js';
import { snake } from './scripts/yaml/yaml-steps.js';
import { substitute } from './scripts/yaml-script.js';
import { bookmarkOptionOf } from './bookmarks/bookmark-option.js';
import { keyPredicate } from './bookmarks/key-bookmark.js';
import { scriptKindOf } from './definitions/job-doc.js';
import { parseRunArguments } from '../cli/job-command.js';

describe('jobs helpers', () => {
  it('maps DuckDB types to Glue types', () => {
    expect(glueType('BIGINT')).toBe('bigint');
    expect(glueType('DECIMAL(10,2)')).toBe('decimal(10,2)');
    expect(glueType('STRUCT(product_id VARCHAR, "unit price" DOUBLE)[]')).toBe('array<struct<product_id:string,unit price:double>>');
    expect(glueType('MAP(VARCHAR, INTEGER)')).toBe('map<string,int>');
    expect(glueType('TIMESTAMP WITH TIME ZONE')).toBe('timestamp');
  });

  it('reads Hive partition folders, decoding values', () => {
    expect(partitionOf('dt=2024-01-01/country=C%C3%B4te/part-1.parquet', ['dt', 'country'])).toEqual({
      folder: 'dt=2024-01-01/country=C%C3%B4te',
      values: ['2024-01-01', 'Côte'],
    });
    expect(partitionOf('x=1/part.parquet', ['dt'])).toBeUndefined();
  });

  it('cleans column names to snake_case, keeping a leading underscore', () => {
    expect(['OrderID', 'Customer Name', 'Dt_Customer', 'MntWines', 'Z_CostContact', '_source_file', 'HTTPStatus'].map(snake)).toEqual([
      'order_id',
      'customer_name',
      'dt_customer',
      'mnt_wines',
      'z_cost_contact',
      '_source_file',
      'http_status',
    ]);
  });

  it('substitutes zones and run arguments, refusing unknown names', () => {
    const vars = { zones: { raw: 'lake/raw' }, args: { '--day': '2024-01-01' } };
    expect(substitute('path: ${zones.raw}/x/${args.day}', vars, 'f')).toBe('path: lake/raw/x/2024-01-01');
    expect(() => substitute('${zones.gold}', vars, 'f.yaml')).toThrow(/f\.yaml uses \$\{zones\.gold\}, which is not a zone/);
  });

  it('parses the bookmark option and its pause range', () => {
    expect(bookmarkOptionOf({})).toEqual({ mode: 'disable', from: undefined, to: undefined });
    expect(
      bookmarkOptionOf({ '--job-bookmark-option': 'job-bookmark-pause', '--job-bookmark-from': 'a', '--job-bookmark-to': 'b' }),
    ).toEqual({ mode: 'pause', from: 'a', to: 'b' });
    expect(() => bookmarkOptionOf({ '--job-bookmark-option': 'on' })).toThrow(/not one of/);
    expect(() => bookmarkOptionOf({ '--job-bookmark-option': 'job-bookmark-pause', '--job-bookmark-from': 'a' })).toThrow(/together/);
  });

  it('builds key predicates for ascending and descending keys', () => {
    expect(keyPredicate(['a', 'b'], 'asc', [1, "x'y"])).toBe(`("a", "b") > (1, 'x''y')`);
    expect(keyPredicate(['a'], 'desc', [5], [2])).toBe('("a") < (5) AND ("a") >= (2)');
    expect(keyPredicate(['a'], 'asc', null)).toBeUndefined();
  });

  it('knows script kinds by extension, and parses CLI run arguments', () => {
    expect(['a.ts', 'b.JS', 'c.mjs', 'd.sql', 'e.yml', 's3://b/f.yaml', 'g.py'].map(scriptKindOf)).toEqual([
      'module',
      'module',
      'module',
      'sql',
      'yaml',
      'yaml',
      undefined,
    ]);
    expect(parseRunArguments({ arg: ['day=1', '--x=a=b'], arguments: '{"--y": 2}' })).toEqual({ '--y': '2', '--day': '1', '--x': 'a=b' });
    expect(() => parseRunArguments({ arg: ['novalue'] })).toThrow(/name=value/);
  });
});
