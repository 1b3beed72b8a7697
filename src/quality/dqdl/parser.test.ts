import { describe, expect, it } from 'vitest';
import { parseDqdl } from './parser.js';
import { ruleText } from './canonical.js';
import type { CompositeRule, SimpleRule } from './ast.js';

const one = (rule: string) => parseDqdl(`Rules = [ ${rule} ]`).rules[0];
const simple = (rule: string) => one(rule) as SimpleRule;

// Every rule here must print back exactly as written (canonical text = Description in results).
const ROUND_TRIP = [
  'RowCount = 100',
  'RowCount != 100',
  'RowCount = -100',
  'RowCount > 10 where "colA > 100"',
  'RowCount between (0.9 * average(last(10))) and 1.1 * average(last(10))',
  'RowCount not between (0.9 * avg(last(10))) and 1.1 * avg(last(10))',
  'RowCount > avg(last(10))',
  'RowCount > index(last(3),0)',
  'RowCount > abs(min(last()) - 2)',
  'RowCount in [1,2,3]',
  'RowCount not in [1,2,NULL]',
  'ColumnCount >= 100',
  'ColumnCount > -100.123456',
  'Completeness "col_1" between 0.5 and 0.8',
  'Completeness of col_1 between 0.5 and 0.8',
  'Completeness of col_1 not between 0.5 and 0.8',
  'Completeness "col_1" between -0.5 and -0.4',
  'Completeness "col_1" between (0.9 * avg(last(10))) and (1.1 * avg(last(10)))',
  'IsComplete "col_1"',
  'IsComplete "col_1" where "col-A > 100"',
  'Uniqueness "col_1" "col_2" > 0.5',
  'IsUnique "col_1" "col_2" "col_3"',
  'IsPrimaryKey colA "col B"',
  'IsPrimaryKey "colA" where "colA > 100"',
  'UniqueValueRatio "c" between 0.1 and 0.5',
  'DistinctValuesCount "c" > 1000',
  'DistinctValuesCount "colA" between min(last(10)) - 1 and max(last(10)) + 1',
  'Entropy "c" <= 10.0',
  'Mean "col_A-B.CD" between -20 and -10',
  'Sum "c" > 100.0',
  'StandardDeviation "c" <= 10.0',
  'Variance "c" between 0.1 and 0.5',
  'ColumnCorrelation "col_1" "col_2" between 0.4 and 0.8',
  'ColumnCorrelation of col_1 and "col abc" between 0.4 and 0.8',
  'ColumnLength "c" < 10',
  'ColumnLength "c" in [1,2]',
  'ColumnValues "c" in [1,2,3,4]',
  'ColumnValues "c" in ["1","2"]',
  'ColumnValues "c" not in ["a",NULL,EMPTY,WHITESPACES_ONLY]',
  'ColumnValues "c" between "2022-06-01" and "2022-06-30"',
  'ColumnValues "c" > (now() - 1 days)',
  'ColumnValues "c" between (now() - 3 hours) and now()',
  'ColumnValues "c" in [now(),(now() + 4 days)]',
  'ColumnValues "c" < (now() + 4 minutes)',
  'ColumnValues "c" > "9:30 AM"',
  'ColumnValues "c" between "9:00 AM" and "21:50"',
  'ColumnValues "c" matches "[a-zA-Z0-9]*"',
  'ColumnValues "c" not matches "[a-z]*" with threshold <= 0.4',
  'ColumnValues "c" = "A" with threshold > 0.98',
  'ColumnValues "c" <= 0.4 with threshold not between 0.4 and 0.8',
  'ColumnValues "c" = NULL',
  'ColumnValues "c" != EMPTY',
  'ColumnValues "c" in ["B","a"] with ignoreCase = "true"',
  'ColumnValues "c" > 0 where "kind = \'x\'" with threshold > 0.5',
  'ColumnDataType "c" = "Integer"',
  'ColumnDataType "c" in ["Date","String"] with threshold > 0.9',
  'ColumnDataType "d" = "Date" with format = "dd-MM-yyyy"',
  'ColumnNamesMatchPattern "aws_.*_[a-zA-Z0-9]+"',
  'ColumnExists "load_dt"',
  'DataFreshness "c" <= 3 days',
  'DataFreshness "c" between 2 days and 4 days',
  'DataFreshness "c" > 90 minutes where "x > 1"',
  'CustomSql "select count(*) from primary" > 0',
  'CustomSql "select id from primary where amount > 0" with threshold > 0.5',
  'CustomSql "select id from primary"',
  'ReferentialIntegrity "col-A,col-B" "reference.{col-A1,col-A2}" = 0.99',
  'DatasetMatch "reference" "ID1->ID11,ID2" "colA->colAA" between 0.4 and 0.8',
  'RowCountMatch "reference" >= 0.95',
  'SchemaMatch "ref-1" >= 1.0',
  'AggregateMatch "sum(col-A)" "sum(reference.colA)" > 0.9',
  'DetectAnomalies "RowCount"',
  'DetectAnomalies of Completeness of "colA"',
  'FileFreshness "s3://b/p/" > (now() - 24 hours)',
  'FileFreshness between "2023-02-07" and "2024-07-15"',
  'FileSize < 5 MB',
  'FileSize > 2',
  'FileSize not in [500 KB,150 GB]',
  'FileMatch "s3://a" "s3://b"',
  'FileMatch "s3://p" in ["abc"] with hashAlgorithm = "MD5"',
  'FileUniqueness "s3://p" > 0.9',
  'FileFreshness > "9:30 AM" with recentFiles = 1',
  'RowCount > 0 labels=["key1"="value1", "key2"="value2"]',
  '(RowCount > 0) OR (IsComplete "colA") OR (IsUnique "colA")',
  '(RowCount > 0) OR ((IsComplete "colA") AND (IsUnique "colA"))',
  '((RowCount > 0) AND (IsComplete "colB")) OR ((IsComplete "colA") AND (IsUnique "colA"))',
  '(ColumnValues "a" > 1) or (ColumnValues "b" > 2)',
  'ColumnValues "a\\"b" = "x\\\\"',
];

describe('DQDL rule text round-trips', () => {
  it.each(ROUND_TRIP)('%s', (rule) => {
    expect(ruleText(one(rule))).toBe(rule);
    // Parsing the canonical text again gives the same rule.
    expect(one(ruleText(one(rule)))).toEqual(one(rule));
  });
});

describe('DQDL document', () => {
  it('reads every section, constants and comments', () => {
    const rs = parseDqdl(`# a comment line
      Metadata = { "Version": "1.0" }   # trailing comment
      DataSources = { "Primary": "orders", "AdditionalDataSources": ["customers", "ref"] }
      sql = "select count(*) from primary"
      allowed = ["a", "b"]
      DefaultLabels = ["team"="core"]
      Rules = [ CustomSql $sql > 0, ColumnValues "kind" in $allowed ]
      Analyzers = [ RowCount, AllStatistics "price", Completeness "c" where "x > 0" ]`);
    expect(rs.metadata).toEqual({ Version: '1.0' });
    expect(rs.dataSources).toEqual({ primary: 'orders', additional: ['customers', 'ref'] });
    expect(rs.variables).toEqual({ sql: 'select count(*) from primary', allowed: ['a', 'b'] });
    expect(rs.defaultLabels).toEqual({ team: 'core' });
    const [sql, values] = rs.rules as SimpleRule[];
    expect(sql.params[0]).toMatchObject({ value: 'select count(*) from primary', variable: 'sql' });
    expect(ruleText(sql)).toBe('CustomSql $sql > 0');
    expect(values.condition).toEqual({
      type: 'string',
      op: 'in',
      variable: 'allowed',
      operands: [
        { kind: 'string', value: 'a' },
        { kind: 'string', value: 'b' },
      ],
    });
    expect(rs.analyzers.map((a) => [a.analyzerType, a.params.map((p) => p.value), a.where])).toEqual([
      ['RowCount', [], undefined],
      ['AllStatistics', ['price'], undefined],
      ['Completeness', ['c'], 'x > 0'],
    ]);
  });

  it('accepts analyzers alone, an empty Rules list beside analyzers, and whitespace anywhere', () => {
    expect(parseDqdl('Analyzers = [ RowCount ]').rules).toEqual([]);
    expect(parseDqdl('Rules = [ ]\nAnalyzers = [ Mean "x" ]').analyzers).toHaveLength(1);
    expect(parseDqdl('Rules=[RowCount>0,IsComplete"a"]').rules).toHaveLength(2);
    expect(parseDqdl('Rules = [\r\n\tRowCount > 0\r\n]').rules).toHaveLength(1);
  });

  it('records the line and column of each rule', () => {
    const rs = parseDqdl('Rules = [\n  RowCount > 0,\n    IsComplete "a"\n]');
    expect(rs.rules.map((r) => [r.position.line, r.position.column])).toEqual([
      [2, 3],
      [3, 5],
    ]);
  });
});

describe('DQDL rule structure', () => {
  it('types conditions by rule type and operand', () => {
    expect(simple('ColumnValues "c" > 5').condition?.type).toBe('number');
    expect(simple('ColumnValues "c" = "5"').condition?.type).toBe('string');
    expect(simple('ColumnValues "c" = "2024-01-01"').condition?.type).toBe('string');
    expect(simple('ColumnValues "c" > "2024-01-01"').condition?.type).toBe('date');
    expect(simple('ColumnValues "c" = (now() - 1 days)').condition?.type).toBe('date');
    expect(simple('ColumnValues "c" = NULL').condition).toEqual({
      type: 'string',
      op: '=',
      operands: [{ kind: 'keyword', keyword: 'NULL' }],
    });
    expect(simple('ColumnValues "c" in [1,null]').condition).toMatchObject({
      type: 'number',
      operands: [{ kind: 'number' }, { kind: 'null' }],
    });
    expect(simple('DataFreshness "c" <= 24 hours').condition).toEqual({
      type: 'duration',
      op: '<=',
      operands: [{ amount: 24, unit: 'hours' }],
    });
    expect(simple('FileSize in [3,4 KB]').condition).toEqual({
      type: 'size',
      op: 'in',
      operands: [
        { amount: 3, unit: 'B', implicit: true },
        { amount: 4, unit: 'KB' },
      ],
    });
    expect(simple('ColumnDataType "c" = "Integer"').condition?.type).toBe('string');
  });

  it('keeps where, threshold, tags and labels apart, in any order after the condition', () => {
    const r = simple('ColumnValues "c" > 0 labels=["a"="b"] with threshold > 0.5 where "x = 1" with ignoreCase = "true"');
    expect(r.where).toBe('x = 1');
    expect(r.threshold).toEqual({ type: 'number', op: '>', operands: [{ kind: 'number', value: 0.5, text: '0.5' }] });
    expect(r.tags).toEqual([{ key: 'ignoreCase', value: 'true', quoted: true }]);
    expect(r.labels).toEqual({ a: 'b' });
  });

  it('builds composite trees: AND binds tighter than OR, chains flatten, groups carry labels', () => {
    const r = one('(RowCount > 0) and (IsComplete "a") or (IsUnique "b")') as CompositeRule;
    expect(r.op).toBe('or');
    expect((r.rules[0] as CompositeRule).op).toBe('and');
    expect((r.rules[0] as CompositeRule).rules).toHaveLength(2);
    const flat = one('(RowCount > 0) AND (IsComplete "a") AND (IsUnique "b")') as CompositeRule;
    expect(flat.rules).toHaveLength(3);
    expect(ruleText(flat)).toBe('(RowCount > 0) AND (IsComplete "a") AND (IsUnique "b")');
    const labelled = one('((RowCount > 0) and (IsComplete "a")) labels=["sev"="high"]') as CompositeRule;
    expect(labelled.labels).toEqual({ sev: 'high' });
    expect(ruleText(labelled)).toBe('((RowCount > 0) and (IsComplete "a")) labels=["sev"="high"]');
    expect(one('(RowCount > 0)')).toMatchObject({ kind: 'rule', ruleType: 'RowCount' });
  });

  it('parses number expressions with precedence and negation', () => {
    const r = simple('RowCount > 1 + 2 * 3 - -4');
    expect(r.condition).toMatchObject({
      operands: [{ kind: 'binary', op: '-', left: { op: '+', right: { op: '*' } }, right: { kind: 'number', value: -4 } }],
    });
    expect(simple('RowCount > -(1 + 2)').condition?.operands[0]).toMatchObject({ kind: 'neg', expr: { kind: 'paren' } });
  });

  it('resolves parameters from quotes, bare identifiers, numbers and constants', () => {
    expect(simple('Completeness of my.col_1 > 0.5').params).toEqual([{ value: 'my.col_1', quoted: false, connector: 'of' }]);
    expect(simple('IsPrimaryKey "a" and b').params.map((p) => [p.value, p.connector])).toEqual([
      ['a', undefined],
      ['b', 'and'],
    ]);
    expect(simple('ColumnValues "c\\"q" = "x"').params[0].value).toBe('c"q');
    expect(simple('ColumnValues "c" matches "\\d+"').condition?.operands[0]).toEqual({ kind: 'string', value: '\\d+' });
  });
});

describe('DQDL string escapes', () => {
  it('keeps backslashes that are not escapes, and round-trips every value', () => {
    expect(ruleText(one('ColumnValues "e" matches "[^\\s@]+@\\d"'))).toBe('ColumnValues "e" matches "[^\\s@]+@\\d"');
    for (const value of ['a\\"b', '\\\\d', 'end\\', 'q"q', '\\s\\\\']) {
      const rule = simple(`ColumnValues "c" = "x"`);
      rule.condition = { type: 'string', op: '=', operands: [{ kind: 'string', value }] };
      expect(simple(ruleText(rule)).condition).toEqual(rule.condition);
    }
  });
});
