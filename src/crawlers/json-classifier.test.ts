// JSON classification: NDJSON, concatenated and array files, nested structs and arrays in Glue's
// type names, number widths, and custom JsonPath classifiers.
import { describe, expect, it } from 'vitest';
import { classifyJson, classifyJsonPath } from './json-classifier.js';
import { parseJsonPath } from './json-path.js';
import { renderType } from './glue-type.js';
import type { TextSample } from './text-sample.js';
import { SluiceError } from '../kernel/errors.js';

const sample = (text: string, complete = true): TextSample => ({ text, complete, compression: 'none' });
const cols = (v: ReturnType<typeof classifyJson>) => v.schema?.columns.map((c) => `${c.name}:${renderType(c.type)}`);

describe('built-in JSON classifier', () => {
  it('reads NDJSON with nested objects and arrays as struct<…> and array<…>, lower-casing column names', () => {
    const text = [
      '{"Id":1,"Name":"ann","Address":{"City":"Paris","Geo":{"lat":48.8,"lon":2}},"Tags":["a","b"],"Items":[{"sku":"x","qty":2}]}',
      '{"Id":2,"Name":"bob","Address":{"City":"Rome","Geo":{"lat":41.9,"lon":12.5}},"Tags":[],"Items":[{"sku":"y","qty":1,"gift":true}]}',
    ].join('\n');
    const v = classifyJson(sample(text));
    expect(v.certainty).toBe(1);
    expect(cols(v)).toEqual([
      'id:int',
      'name:string',
      'address:struct<City:string,Geo:struct<lat:double,lon:double>>',
      'tags:array<string>',
      'items:array<struct<sku:string,qty:int,gift:boolean>>',
    ]);
    expect(v.schema!.format.serdeLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
    expect(v.schema!.format.serdeParameters.paths).toBe('Address,Id,Items,Name,Tags');
    expect(v.schema!.records).toBe(2);
  });

  it('types 32-bit integers int, larger ones bigint, fractions double, and widens conflicts', () => {
    const v = classifyJson(sample('{"a":1,"b":1,"c":1,"d":null,"e":"x"}\n{"a":2,"b":3000000000,"c":1.5,"d":null,"e":5}\n'));
    expect(cols(v)).toEqual(['a:int', 'b:bigint', 'c:double', 'd:string', 'e:string']);
  });

  it('reads pretty-printed objects one after another, and a top-level array as one record per element', () => {
    expect(cols(classifyJson(sample('{\n  "a": 1\n}\n{\n  "a": 2,\n  "b": "x"\n}\n')))).toEqual(['a:int', 'b:string']);
    const array = classifyJson(sample('[\n{"ts":"2024-01-01T00:00:00Z","rate":1.08},\n{"ts":"2024-01-01T01:00:00Z","rate":1.09}\n]\n'));
    expect(cols(array)).toEqual(['ts:string', 'rate:double']);
    expect(array.schema!.records).toBe(2);
  });

  it('drops the record a cut sample ends inside, and estimates the file’s records', () => {
    const line = '{"id":12345,"v":"abcdefghij"}\n';
    const v = classifyJson(sample(line.repeat(10) + '{"id":1,"v":"cut', false));
    expect(v.schema!.complete).toBe(false);
    expect(v.schema!.records).toBeGreaterThanOrEqual(10);
  });

  it('is not JSON when records do not parse or are not objects', () => {
    expect(classifyJson(sample('{"a":1}\n{"a":\n{"a":3,}\n')).reason).toMatch(/do not parse/);
    expect(classifyJson(sample('[1,2,3]')).certainty).toBe(0);
    expect(classifyJson(sample('id,name\n1,a\n')).certainty).toBe(0);
  });
});

describe('custom JSON classifier (JsonPath)', () => {
  it('takes $[*] elements, $.records[*] elements and scalars as a `record` column', () => {
    expect(cols(classifyJsonPath(sample('[{"a":1},{"a":2,"b":true}]'), parseJsonPath('$[*]')))).toEqual(['a:int', 'b:boolean']);
    expect(cols(classifyJsonPath(sample('{"meta":{},"records":[{"x":"1"},{"x":"2"}]}'), parseJsonPath('$.records[*]')))).toEqual([
      'x:string',
    ]);
    expect(cols(classifyJsonPath(sample('{"id":7}\n{"id":8}'), parseJsonPath("$['id']")))).toEqual(['record:int']);
    expect(cols(classifyJsonPath(sample('[{"a":1}]'), parseJsonPath('$')))).toEqual(['record:array<struct<a:int>>']);
  });

  it('says nothing matched when the path selects nothing', () => {
    expect(classifyJsonPath(sample('{"a":1}'), parseJsonPath('$.b')).certainty).toBe(0);
  });

  it('refuses paths outside the supported subset', () => {
    for (const p of ['$..a', 'a.b', '$.a[?(@.x)]']) expect(() => parseJsonPath(p)).toThrow(SluiceError);
    expect(parseJsonPath("$.a[0]['b c'].*")).toEqual([
      { kind: 'child', name: 'a' },
      { kind: 'index', index: 0 },
      { kind: 'child', name: 'b c' },
      { kind: 'wildcard' },
    ]);
  });
});
