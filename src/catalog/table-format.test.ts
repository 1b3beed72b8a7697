import { describe, expect, it } from 'vitest';
import type { Table } from '../kernel/glue-types.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import { duckdbType } from './column-types.js';
import { tableFormat } from './table-format.js';

describe('duckdbType', () => {
  it.each([
    ['string', 'VARCHAR'],
    ['varchar(20)', 'VARCHAR'],
    ['INT', 'INTEGER'],
    ['bigint', 'BIGINT'],
    ['decimal(12, 2)', 'DECIMAL(12,2)'],
    ['decimal', 'DECIMAL(10,0)'],
    ['array<string>', 'VARCHAR[]'],
    ['map<string,array<int>>', 'MAP(VARCHAR, INTEGER[])'],
    ['struct<a:int,b:struct<c:map<string,double>>>', 'STRUCT("a" INTEGER, "b" STRUCT("c" MAP(VARCHAR, DOUBLE)))'],
    ['uniontype<int,string>', 'VARCHAR'],
    [undefined, 'VARCHAR'],
  ])('%s → %s', (glue, duck) => expect(duckdbType(glue)).toBe(duck));
});

const table = (t: Partial<Table>): Table => ({ Name: 't', DatabaseName: 'db', ...t });

describe('tableFormat', () => {
  it('follows the classification a crawler sets', () => {
    expect(tableFormat(table({ Parameters: { classification: 'parquet' } }))).toEqual({ format: 'parquet', options: {} });
    expect(tableFormat(table({ Parameters: { classification: 'json' } }))).toEqual({ format: 'json', options: {} });
    expect(
      tableFormat(table({ Parameters: { classification: 'csv', delimiter: ';', 'skip.header.line.count': '1' } })).options,
    ).toMatchObject({ delim: ';', header: true });
    expect(tableFormat(table({ Parameters: { classification: 'tsv' } })).options).toMatchObject({ delim: '\t', header: false });
  });

  it('falls back to the SerDe and the InputFormat', () => {
    const sd = (SerializationLibrary: string, Parameters: Record<string, string> = {}, InputFormat?: string) =>
      table({ StorageDescriptor: { SerdeInfo: { SerializationLibrary, Parameters }, InputFormat } });
    expect(tableFormat(sd('org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe')).format).toBe('parquet');
    expect(tableFormat(sd('org.openx.data.jsonserde.JsonSerDe')).format).toBe('json');
    expect(
      tableFormat(sd('org.apache.hadoop.hive.serde2.OpenCSVSerde', { separatorChar: ',', quoteChar: "'", escapeChar: '\\' })).options,
    ).toMatchObject({ delim: ',', quote: "'", escape: '\\' });
    // Hive's LazySimpleSerDe without field.delim splits on Ctrl-A.
    expect(tableFormat(sd('org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe')).options).toMatchObject({ delim: '\u0001' });
    expect(tableFormat(table({ Parameters: { 'skip.header.line.count': '3', classification: 'csv' } })).options).toMatchObject({
      header: true,
      skip: 2,
    });
  });

  it('names the table and the format it cannot read', async () => {
    await expectGlueError(
      Promise.resolve().then(() => tableFormat(table({ Parameters: { classification: 'orc' } }))),
      'InvalidInputException',
      /Table db\.t is stored as orc; sluice can read csv, tsv, json, parquet, avro or xml/,
    );
    await expectGlueError(
      Promise.resolve().then(() => tableFormat(table({}))),
      'InvalidInputException',
      /does not say how it is stored/,
    );
  });
});
