// Glue type strings: rendering, parsing back, widening, MergeNewColumns' additions, and DuckDB's
// Parquet type names in Glue's spelling.
import { describe, expect, it } from 'vitest';
import { addNewFields, mergeTypes, parseGlueType, prim, renderType } from './glue-type.js';
import { duckdbToGlue } from './duckdb-type.js';

const t = (s: string) => parseGlueType(s);

describe('Glue types', () => {
  it('parses and renders nested types unchanged', () => {
    for (const s of ['bigint', 'decimal(10,2)', 'array<struct<a:int,b:map<string,array<double>>>>', 'struct<x:struct<y:string>>']) {
      expect(renderType(t(s))).toBe(s);
    }
  });

  it('widens integers, then to double, and anything else to string', () => {
    expect(renderType(mergeTypes(prim('int'), prim('bigint')))).toBe('bigint');
    expect(renderType(mergeTypes(prim('bigint'), prim('double')))).toBe('double');
    expect(renderType(mergeTypes(prim('boolean'), prim('int')))).toBe('string');
    expect(renderType(mergeTypes(t('struct<a:int>'), t('struct<b:string,a:bigint>')))).toBe('struct<a:bigint,b:string>');
    expect(renderType(mergeTypes(t('struct<a:int>'), prim('int')))).toBe('string');
  });

  it('adds new (nested) fields without changing existing types', () => {
    expect(renderType(addNewFields(t('struct<a:int,s:struct<x:int>>'), t('struct<a:string,s:struct<x:string,y:int>,b:double>')))).toBe(
      'struct<a:int,s:struct<x:int,y:int>,b:double>',
    );
  });

  it('maps DuckDB types from Parquet files to Glue types', () => {
    const cases: [string, string][] = [
      ['BIGINT', 'bigint'],
      ['INTEGER', 'int'],
      ['VARCHAR', 'string'],
      ['DECIMAL(10,2)', 'decimal(10,2)'],
      ['TIMESTAMP WITH TIME ZONE', 'timestamp'],
      ['DATE', 'date'],
      ['BLOB', 'binary'],
      ['VARCHAR[]', 'array<string>'],
      ['STRUCT(a INTEGER, "b c" VARCHAR[])', 'struct<a:int,b c:array<string>>'],
      ['MAP(VARCHAR, DOUBLE)', 'map<string,double>'],
      ['STRUCT(x STRUCT(y BIGINT))[]', 'array<struct<x:struct<y:bigint>>>'],
    ];
    for (const [duck, glue] of cases) expect(renderType(duckdbToGlue(duck))).toBe(glue);
  });
});
