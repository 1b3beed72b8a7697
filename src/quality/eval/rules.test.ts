// Every rule type and operator on a small dataset, with the metric values §4.3 defines worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQualityEngine, result, type QualityEngine } from '../../../test/helpers/quality-engine.js';
import type { Evaluation } from './evaluate.js';

const DATA = `SELECT * FROM (VALUES
  (1, 'a', 10.0, 'alpha', DATE '2024-01-01', TIMESTAMP '2024-05-31 12:00:00'),
  (2, 'a', 20.0, 'beta',  DATE '2024-03-01', TIMESTAMP '2024-05-30 00:00:00'),
  (3, 'b', NULL, '',      NULL,              NULL),
  (4, 'b', 30.0, NULL,    DATE '2024-02-01', TIMESTAMP '2024-05-31 00:00:00'),
  (4, 'c', 40.0, '  ',    DATE '2024-01-15', TIMESTAMP '2024-05-31 23:00:00')
) v(id, grp, amount, name, d, ts)`;
const NOW = new Date('2024-06-01T00:00:00Z');

// [rule, expected result, expected metrics (subset, ≈ 9 digits), message fragment]
type Case = [string, 'PASS' | 'FAIL' | 'ERROR', Record<string, number>, string?];
const CASES: Case[] = [
  ['RowCount = 5', 'PASS', { 'Dataset.*.RowCount': 5 }],
  ['RowCount between 4 and 6', 'PASS', {}],
  ['RowCount between 5 and 6', 'FAIL', {}, 'Value: 5.0 does not meet the constraint requirement.'],
  ['RowCount between 4 and 5', 'FAIL', {}],
  ['RowCount not between 5 and 6', 'PASS', {}],
  ['RowCount not between 4 and 6', 'FAIL', {}],
  ['RowCount in [4,5]', 'PASS', {}],
  ['RowCount not in [4,5]', 'FAIL', {}],
  ['RowCount != 5', 'FAIL', {}],
  ['RowCount >= 5', 'PASS', {}],
  ['RowCount > 5', 'FAIL', {}],
  ['RowCount < 5', 'FAIL', {}],
  ['RowCount <= 5', 'PASS', {}],
  ['RowCount = 2 where "grp = \'a\'"', 'PASS', { 'Dataset.*.RowCount': 2 }],
  ['RowCount = 0 where "id > 100"', 'PASS', { 'Dataset.*.RowCount': 0 }],
  ['ColumnCount = 6', 'PASS', { 'Dataset.*.ColumnCount': 6 }],
  ['Completeness "amount" >= 0.8', 'PASS', { 'Column.amount.Completeness': 0.8 }],
  ['Completeness "amount" between 0.8 and 0.9', 'FAIL', {}, 'Value: 0.8 does not meet'],
  ['Completeness "name" = 0.8', 'PASS', { 'Column.name.Completeness': 0.8 }],
  ['Completeness "amount" = 0.5 where "grp = \'b\'"', 'PASS', { 'Column.amount.Completeness': 0.5 }],
  ['IsComplete "id"', 'PASS', { 'Column.id.Completeness': 1 }],
  ['IsComplete "amount"', 'FAIL', { 'Column.amount.Completeness': 0.8 }, 'Value: 0.8 does not meet the constraint requirement.'],
  ['Uniqueness "id" = 0.6', 'PASS', { 'Column.id.Uniqueness': 0.6 }],
  ['Uniqueness "amount" = 1.0', 'PASS', { 'Column.amount.Uniqueness': 1 }],
  ['Uniqueness "grp" "id" = 1.0', 'PASS', { 'Multicolumn.grp,id.Uniqueness': 1 }],
  ['IsUnique "id"', 'FAIL', { 'Column.id.Uniqueness': 0.6 }],
  ['IsUnique "amount"', 'PASS', {}],
  ['IsUnique "grp" "id"', 'PASS', {}],
  ['IsPrimaryKey "amount"', 'FAIL', { 'Column.amount.Uniqueness': 1, 'Column.amount.Completeness': 0.8 }, 'Column amount has NULL values'],
  ['IsPrimaryKey "grp" "id"', 'PASS', { 'Multicolumn.grp,id.Uniqueness': 1, 'Column.grp.Completeness': 1, 'Column.id.Completeness': 1 }],
  ['UniqueValueRatio "id" = 0.75', 'PASS', { 'Column.id.UniqueValueRatio': 0.75 }],
  ['DistinctValuesCount "id" = 4', 'PASS', { 'Column.id.DistinctValuesCount': 4 }],
  ['DistinctValuesCount "amount" = 5', 'PASS', { 'Column.amount.DistinctValuesCount': 5 }],
  ['Entropy "grp" > 1.05', 'PASS', { 'Column.grp.Entropy': 1.0549201679861442 }],
  ['Mean "amount" = 25', 'PASS', { 'Column.amount.Mean': 25 }],
  ['Sum "amount" = 100', 'PASS', { 'Column.amount.Sum': 100 }],
  ['StandardDeviation "amount" between 11.18 and 11.19', 'PASS', { 'Column.amount.StandardDeviation': Math.sqrt(125) }],
  ['Variance "amount" = 125', 'PASS', { 'Column.amount.Variance': 125 }],
  ['Mean "amount" = 15 where "grp = \'a\'"', 'PASS', {}],
  ['ColumnCorrelation "id" "amount" > 0.9', 'PASS', { 'Multicolumn.id,amount.ColumnCorrelation': 55 / Math.sqrt(3375) }],
  ['ColumnLength "name" >= 0', 'PASS', { 'Column.name.MinimumLength': 0 }],
  ['ColumnLength "name" > 0', 'FAIL', {}, 'Value: 0.0 does not meet'],
  ['ColumnLength "name" <= 5', 'PASS', { 'Column.name.MaximumLength': 5 }],
  ['ColumnLength "name" < 5', 'FAIL', {}, 'Value: 5.0'],
  ['ColumnLength "name" between 0 and 6', 'FAIL', {}],
  ['ColumnLength "name" between -1 and 6', 'PASS', { 'Column.name.MinimumLength': 0, 'Column.name.MaximumLength': 5 }],
  ['ColumnLength "name" in [0,2,4,5]', 'PASS', { 'Column.name.LengthCompliance': 1 }],
  ['ColumnLength "name" in [2,4,5]', 'FAIL', { 'Column.name.LengthCompliance': 0.6 }],
  ['ColumnLength "name" not between 1 and 5', 'FAIL', { 'Column.name.LengthCompliance': 0.6 }],
  ['ColumnValues "id" > 0', 'PASS', { 'Column.id.Minimum': 1 }],
  ['ColumnValues "id" > 1', 'FAIL', { 'Column.id.Minimum': 1 }, 'Value: 1.0 does not meet'],
  ['ColumnValues "id" <= 4', 'PASS', { 'Column.id.Maximum': 4 }],
  ['ColumnValues "amount" > 5', 'FAIL', { 'Column.amount.Minimum': 10 }, 'Value: NULL does not meet the constraint requirement!'],
  ['ColumnValues "id" = 4', 'FAIL', { 'Column.id.Minimum': 1, 'Column.id.Maximum': 4 }],
  ['ColumnValues "id" between 1 and 4', 'FAIL', { 'Column.id.ColumnValues.Compliance': 0.4 }],
  ['ColumnValues "id" not between 1 and 4', 'FAIL', { 'Column.id.ColumnValues.Compliance': 0.6 }],
  ['ColumnValues "id" in [1,2,3,4]', 'PASS', { 'Column.id.ColumnValues.Compliance': 1 }],
  ['ColumnValues "amount" in [10,20,30,40]', 'FAIL', { 'Column.amount.ColumnValues.Compliance': 0.8 }],
  ['ColumnValues "amount" in [10,20,30,40,NULL]', 'PASS', {}],
  ['ColumnValues "amount" != 10', 'FAIL', { 'Column.amount.ColumnValues.Compliance': 0.8 }],
  ['ColumnValues "amount" not in [10]', 'FAIL', { 'Column.amount.ColumnValues.Compliance': 0.8 }],
  ['ColumnValues "amount" not in [10,NULL]', 'FAIL', { 'Column.amount.ColumnValues.Compliance': 0.6 }],
  ['ColumnValues "id" > 1 with threshold >= 0.8', 'PASS', { 'Column.id.ColumnValues.Compliance': 0.8 }],
  ['ColumnValues "id" > 1 with threshold > 0.8', 'FAIL', {}],
  ['ColumnValues "grp" in ["a","b"]', 'FAIL', { 'Column.grp.ColumnValues.Compliance': 0.8 }],
  ['ColumnValues "grp" in ["a","b"] with threshold > 0.7', 'PASS', {}],
  ['ColumnValues "grp" = "a"', 'FAIL', { 'Column.grp.ColumnValues.Compliance': 0.4 }],
  ['ColumnValues "grp" in ["A","B","C"] with ignoreCase = "true"', 'PASS', {}],
  ['ColumnValues "grp" in ["A","B","C"]', 'FAIL', { 'Column.grp.ColumnValues.Compliance': 0 }],
  ['ColumnValues "name" = EMPTY', 'FAIL', { 'Column.name.ColumnValues.Compliance': 0.2 }],
  ['ColumnValues "name" = WHITESPACES_ONLY', 'FAIL', { 'Column.name.ColumnValues.Compliance': 0.2 }],
  ['ColumnValues "name" != NULL', 'FAIL', { 'Column.name.ColumnValues.Compliance': 0.8 }],
  ['ColumnValues "name" = NULL', 'FAIL', { 'Column.name.ColumnValues.Compliance': 0.2 }],
  ['ColumnValues "name" not in ["alpha",EMPTY]', 'FAIL', { 'Column.name.ColumnValues.Compliance': 0.6 }],
  ['ColumnValues "name" matches "[a-z]+"', 'FAIL', { 'Column.name.PatternMatch': 0.4 }],
  ['ColumnValues "name" matches "alp"', 'FAIL', { 'Column.name.PatternMatch': 0 }],
  ['ColumnValues "name" not matches "[a-z]+"', 'FAIL', { 'Column.name.PatternMatch': 0.4 }],
  ['ColumnValues "name" matches "[a-z]+" with threshold >= 0.4', 'PASS', {}],
  ['ColumnValues "d" > "2024-02-01"', 'FAIL', { 'Column.d.ColumnValues.Compliance': 0.2 }],
  ['ColumnValues "d" between "2024-01-01" and "2024-03-01"', 'FAIL', { 'Column.d.ColumnValues.Compliance': 0.4 }],
  ['ColumnValues "d" not between "2024-01-01" and "2024-03-01"', 'FAIL', { 'Column.d.ColumnValues.Compliance': 0.4 }],
  ['ColumnValues "d" = "2024-01-01"', 'FAIL', { 'Column.d.ColumnValues.Compliance': 0.2 }],
  ['ColumnValues "ts" > (now() - 25 hours)', 'FAIL', { 'Column.ts.ColumnValues.Compliance': 0.6 }],
  ['ColumnValues "ts" <= now()', 'FAIL', { 'Column.ts.ColumnValues.Compliance': 0.8 }],
  ['ColumnDataType "name" = "Integer"', 'FAIL', { 'Column.name.ColumnDataType.Compliance': 0 }],
  ['ColumnDataType "amount" = "Double" with threshold >= 0.8', 'PASS', { 'Column.amount.ColumnDataType.Compliance': 0.8 }],
  ['ColumnDataType "grp" != "Integer"', 'PASS', { 'Column.grp.ColumnDataType.Compliance': 1 }],
  ['ColumnExists "grp"', 'PASS', { 'Dataset.grp.ColumnExists': 1 }],
  ['ColumnExists "nope"', 'FAIL', { 'Dataset.nope.ColumnExists': 0 }, 'Input data does not include column nope!'],
  ['ColumnNamesMatchPattern "^[a-z]+$"', 'PASS', { 'Dataset.*.ColumnNamesPatternMatchRatio': 1 }],
  ['ColumnNamesMatchPattern "^[a-m]+$"', 'FAIL', {}, 'Columns that do not match the pattern: grp, amount, name, ts'],
  ['DataFreshness "ts" <= 24 hours', 'FAIL', { 'Column.ts.DataFreshness.Compliance': 0.6 }, '60.00 % of rows passed the threshold'],
  ['DataFreshness "ts" between 1 hours and 24 hours', 'FAIL', { 'Column.ts.DataFreshness.Compliance': 0.2 }],
  ['DataFreshness "ts" < 3 days', 'FAIL', { 'Column.ts.DataFreshness.Compliance': 0.8 }],
  ['DataFreshness "ts" < 3 days where "ts IS NOT NULL"', 'PASS', { 'Column.ts.DataFreshness.Compliance': 1 }],
  ['DataFreshness "ts" <= 1440 minutes', 'FAIL', { 'Column.ts.DataFreshness.Compliance': 0.6 }],
];

describe('rule catalogue on a five-row dataset', () => {
  let q: QualityEngine;
  let e: Evaluation;
  beforeAll(async () => {
    q = await openQualityEngine();
    await q.table('t', DATA);
    e = await q.evaluate('t', CASES.map((c) => c[0]).join(',\n'), { now: NOW });
  });
  afterAll(async () => q?.close());

  it.each(CASES)('%s → %s', (rule, status, metrics, message) => {
    const r = result(e, rule);
    expect(r.Result, r.EvaluationMessage).toBe(status);
    for (const [k, v] of Object.entries(metrics)) expect(r.EvaluatedMetrics?.[k], k).toBeCloseTo(v, 9);
    if (message) expect(r.EvaluationMessage).toContain(message);
    if (status === 'PASS') expect(r.EvaluationMessage ?? '').toBe('');
  });

  it('scores passed rules over all rules and names them Rule_0 …', () => {
    const passed = CASES.filter((c) => c[1] === 'PASS').length;
    expect(e.score).toBeCloseTo(passed / CASES.length, 12);
    expect(e.ruleResults.map((r) => r.Name).slice(0, 3)).toEqual(['Rule_0', 'Rule_1', 'Rule_2']);
    expect(e.aggregatedMetrics).toMatchObject({
      TotalRulesProcessed: CASES.length,
      TotalRulesPassed: passed,
      TotalRulesFailed: CASES.length - passed,
    });
  });
});

describe('empty datasets', () => {
  let q: QualityEngine;
  beforeAll(async () => {
    q = await openQualityEngine();
    await q.table('empty', "SELECT 1 AS x, 'a' AS s WHERE false");
  });
  afterAll(async () => q?.close());

  it('count rules pass on zero, ratio and statistic rules fail with a reason', async () => {
    const e = await q.evaluate(
      'empty',
      `RowCount = 0, ColumnCount = 2, DistinctValuesCount "x" = 0, Completeness "x" > 0.5, IsComplete "x",
      Mean "x" > 0, Uniqueness "x" > 0, ColumnValues "x" > 0, ColumnValues "s" in ["a"], CustomSql "select x from primary", IsUnique "x"`,
    );
    expect(e.ruleResults.map((r) => r.Result)).toEqual([
      'PASS',
      'PASS',
      'PASS',
      'FAIL',
      'FAIL',
      'FAIL',
      'FAIL',
      'FAIL',
      'FAIL',
      'FAIL',
      'FAIL',
    ]);
    expect(result(e, 'Completeness "x" > 0.5').EvaluationMessage).toMatch(/Empty dataset/);
    expect(result(e, 'Mean "x" > 0').EvaluationMessage).toMatch(/all input values were NULL/);
    expect(result(e, 'CustomSql "select x from primary"').EvaluationMessage).toBe(
      'Custom SQL rule could not be evaluated due to data frame being empty',
    );
  });
});
