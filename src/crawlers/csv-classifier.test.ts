// The built-in CSV classifier's rules (delimiters, the header rule, types) and a custom CSV
// classifier's options, on real text.
import { describe, expect, it } from 'vitest';
import { BUILTIN_CSV, classifyCsv, type CsvOptions } from './csv-classifier.js';
import { renderType } from './glue-type.js';
import { textOf, type TextSample } from './text-sample.js';

const sample = (text: string, complete = true): TextSample => ({ text, complete, compression: 'none' });
const columns = (text: string, opts: CsvOptions = BUILTIN_CSV, complete = true) => {
  const v = classifyCsv(sample(text, complete), opts);
  return v.schema?.columns.map((c) => `${c.name}:${renderType(c.type)}`);
};

describe('built-in CSV classifier', () => {
  it('takes the first row as the header when a data column is not a string', () => {
    const v = classifyCsv(sample('id,name,amount,active\n1,ann,2.5,true\n2,bob,3,false\n'), BUILTIN_CSV);
    expect(v.certainty).toBe(1);
    expect(v.schema!.columns.map((c) => `${c.name}:${renderType(c.type)}`)).toEqual([
      'id:bigint',
      'name:string',
      'amount:double',
      'active:boolean',
    ]);
    expect(v.schema!.format.parameters).toEqual({
      delimiter: ',',
      areColumnsQuoted: 'false',
      columnsOrdered: 'true',
      'skip.header.line.count': '1',
    });
    expect(v.schema!.format.serdeLibrary).toBe('org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe');
    expect(v.schema!.records).toBe(2);
  });

  it('names columns col0, col1 … when every column is a string (the header is not "sufficiently different")', () => {
    const v = classifyCsv(sample('name,city\nann,paris\nbob,rome\n'), BUILTIN_CSV);
    expect(v.schema!.columns.map((c) => c.name)).toEqual(['col0', 'col1']);
    expect(v.schema!.format.parameters['skip.header.line.count']).toBeUndefined();
    expect(v.schema!.records).toBe(3);
  });

  it('does not take a row with a number in it as the header', () => {
    expect(columns('2019,2020\n1,2\n3,4\n')).toEqual(['col0:bigint', 'col1:bigint']);
  });

  it('does not take a header cell of 150 characters or more', () => {
    expect(columns(`${'x'.repeat(150)},b\n1,2\n`)).toEqual(['col0:string', 'col1:string']);
    expect(columns(`${'x'.repeat(149)},b\n1,2\n`)).toEqual([`${'x'.repeat(149)}:bigint`, 'b:bigint']);
  });

  it('tries comma, pipe, tab, semicolon and Ctrl-A', () => {
    for (const d of ['|', '\t', ';', '\u0001']) {
      const v = classifyCsv(sample(`a${d}b\n1${d}x\n2${d}y\n`), BUILTIN_CSV);
      expect(v.schema!.format.parameters.delimiter).toBe(d);
      expect(v.schema!.columns.map((c) => c.name)).toEqual(['a', 'b']);
    }
  });

  it('prefers the delimiter that splits consistently into more columns (a TSV with commas in text)', () => {
    expect(columns('id\tnote\tn\n1\tred, blue\t2\n2\tgreen, red\t3\n')).toEqual(['id:bigint', 'note:string', 'n:bigint']);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const v = classifyCsv(sample('id,text\n1,"a, ""quoted""\nsecond line"\n2,plain\n'), BUILTIN_CSV);
    expect(v.schema!.columns.map((c) => c.name)).toEqual(['id', 'text']);
    expect(v.schema!.records).toBe(2);
    expect(v.schema!.format.parameters.areColumnsQuoted).toBe('true');
    expect(v.schema!.values.get('text')).toEqual(['a, "quoted"\nsecond line', 'plain']);
  });

  it('drops a UTF-8 byte-order mark and a trailing delimiter', () => {
    const text = textOf({ key: 'k', size: 0, compression: 'none', complete: true, data: Buffer.from('\ufeffid,name,\n1,a,\n2,b,\n') })!;
    expect(columns(text.text)).toEqual(['id:bigint', 'name:string']);
  });

  it('widens mixed columns to string, reads ints beyond 64 bits as double and ignores empty cells', () => {
    expect(columns('a,b,c,d\n1,x,99999999999999999999,\n2,3,1,5\n,4,2,\n')).toEqual(['a:bigint', 'b:string', 'c:double', 'd:bigint']);
  });

  it('is not CSV with one column, one row, ragged rows or an unterminated quote', () => {
    for (const text of ['a\nb\nc\n', 'a,b\n', 'a,b\n1,2\n1,2,3\n4\n', 'a,b\n1,"open\n']) {
      expect(classifyCsv(sample(text), BUILTIN_CSV).certainty).toBe(0);
    }
    expect(classifyCsv(sample('a,b\n1,2\n1,2,3\n4\n'), BUILTIN_CSV).reason).toMatch(/differing numbers of columns/);
  });

  it('drops the cut-off last record of a sample that is not the whole file', () => {
    const v = classifyCsv(sample('id,v\n1,2\n2,3\n3,"cut', false), BUILTIN_CSV);
    expect(v.schema!.columns.map((c) => c.name)).toEqual(['id', 'v']);
    expect(v.schema!.complete).toBe(false);
  });
});

describe('custom CSV classifier options', () => {
  const custom = (o: Partial<CsvOptions>): CsvOptions => ({ ...BUILTIN_CSV, ...o });

  it('honours ContainsHeader PRESENT and ABSENT, and explicit Header names', () => {
    expect(columns('name,city\nann,paris\n', custom({ header: 'PRESENT' }))).toEqual(['name:string', 'city:string']);
    expect(columns('id,n\n1,2\n', custom({ header: 'ABSENT' }))).toEqual(['col0:string', 'col1:string']);
    expect(columns('1,2\n3,4\n', custom({ header: 'ABSENT', names: ['x', 'y'] }))).toEqual(['x:bigint', 'y:bigint']);
  });

  it('uses its own delimiter and quote, and may allow a single column', () => {
    expect(columns("a#b\n'x#y'#1\n'z'#2\n", custom({ delimiters: ['#'], quote: "'" }))).toEqual(['a:string', 'b:bigint']);
    expect(columns('v\n1\n2\n', custom({ allowSingleColumn: true }))).toEqual(['v:bigint']);
  });

  it('infers CustomDatatypes such as DATE, TIMESTAMP, INT and DECIMAL when configured', () => {
    const text = 'd,t,i,m\n2024-01-02,2024-01-02 10:11:12,5,12.50\n2024-02-03,2024-02-03T01:02:03Z,7,3.125\n';
    expect(columns(text, custom({ types: ['DATE', 'TIMESTAMP', 'INT', 'DECIMAL'] }))).toEqual([
      'd:date',
      't:timestamp',
      'i:int',
      'm:decimal(5,3)',
    ]);
    expect(columns(text)).toEqual(['d:string', 't:string', 'i:bigint', 'm:double']);
  });

  it('keeps every column a string with OpenCSVSerDe, and says so in the SerDe', () => {
    const v = classifyCsv(sample('id,n\n1,2\n'), custom({ serde: 'OpenCSVSerDe', header: 'PRESENT' }));
    expect(v.schema!.columns.map((c) => renderType(c.type))).toEqual(['string', 'string']);
    expect(v.schema!.format.serdeLibrary).toBe('org.apache.hadoop.hive.serde2.OpenCSVSerde');
    expect(v.schema!.format.serdeParameters).toEqual({ separatorChar: ',', quoteChar: '"', escapeChar: '\\' });
  });

  it('trims values before typing unless DisableValueTrimming', () => {
    expect(columns('a,b\n 1 ,x\n 2,y\n')).toEqual(['a:bigint', 'b:string']);
    expect(columns('a,b\n 1 ,x\n 2,y\n', custom({ trim: false }))).toEqual(['col0:string', 'col1:string']);
  });
});
