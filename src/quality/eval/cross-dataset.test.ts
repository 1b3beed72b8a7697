// CustomSql and the rules across datasets (§4.3), and rule-level failures that leave the others running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQualityEngine, result, type QualityEngine } from '../../../test/helpers/quality-engine.js';

describe('rules across datasets', () => {
  let q: QualityEngine;
  const additional = { customers: 'customers', copy: 'orders', changed: 'changed', zeros: 'zeros', pairs_ref: 'pairs_ref' };
  beforeAll(async () => {
    q = await openQualityEngine();
    await q.table(
      'orders',
      'SELECT * FROM (VALUES (1, 10, 5.0), (2, 11, 7.0), (3, 12, 8.0), (4, NULL, 1.0)) v(order_id, customer_id, amount)',
    );
    await q.table('customers', "SELECT * FROM (VALUES (10, 'a'), (11, 'b'), (13, 'c')) v(id, name)");
    await q.table('changed', 'SELECT * FROM (VALUES (1, 10, 5.0), (2, 11, 7.0), (3, 12, 9.0), (4, NULL, 1.0)) v(oid, customer_id, amt)');
    await q.table('zeros', 'SELECT * FROM (VALUES (0.0)) v(amount)');
    await q.table('pairs', "SELECT * FROM (VALUES (1, 'x'), (2, 'y'), (3, 'z')) v(a, b)");
    await q.table('pairs_ref', "SELECT * FROM (VALUES (1, 'x'), (2, 'n')) v(k1, k2)");
  });
  afterAll(async () => q?.close());

  it('computes ReferentialIntegrity, RowCountMatch, AggregateMatch, DatasetMatch and SchemaMatch', async () => {
    const rules = [
      'ReferentialIntegrity "customer_id" "customers.id" = 0.5',
      'ReferentialIntegrity "customer_id" "customers.{id}" > 0.6',
      'RowCountMatch "customers" between 1.33 and 1.34',
      'RowCountMatch "copy" = 1.0',
      'AggregateMatch "sum(amount)" "sum(copy.amount)" = 1.0',
      'AggregateMatch "SUM(amount)" "sum(zeros.amount)" = 0.0',
      'AggregateMatch "avg(customer_id)" "avg(customers.id)" > 0.9',
      'DatasetMatch "copy" "order_id" = 1.0',
      'DatasetMatch "changed" "order_id->oid" "amount->amt" = 0.75',
      'DatasetMatch "changed" "order_id->oid,customer_id" "amount->amt" = 0.75',
      'SchemaMatch "copy" = 1.0',
      'SchemaMatch "customers" > 0',
    ];
    const e = await q.evaluate('orders', rules.join(', '), { additional });
    expect(e.ruleResults.map((r) => r.Result)).toEqual([
      'PASS',
      'FAIL',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'FAIL',
      'PASS',
      'ERROR',
    ]);
    expect(result(e, rules[0]).EvaluatedMetrics).toEqual({ 'Column.customers.ReferentialIntegrity': 0.5 });
    expect(result(e, rules[2]).EvaluatedMetrics?.['Dataset.customers.RowCountMatch']).toBeCloseTo(4 / 3, 12);
    expect(result(e, rules[4]).EvaluatedMetrics).toEqual({ 'Column.amount.AggregateMatch': 1 });
    expect(result(e, rules[6]).EvaluatedMetrics?.['Column.customer_id,id.AggregateMatch']).toBeCloseTo(11 / (34 / 3), 12);
    expect(result(e, rules[8]).EvaluatedMetrics).toEqual({ 'Dataset.changed.DatasetMatch': 0.75 });
    // A NULL key never joins, so row 4 does not match even though its columns are equal.
    expect(result(e, rules[9]).EvaluatedMetrics).toEqual({ 'Dataset.changed.DatasetMatch': 0.5 });
    expect(result(e, rules[11]).EvaluationMessage).toBe('Column counts do not match: 3 in the primary dataset, 2 in customers');
  });

  it('matches column tuples, and fails a missing alias with the reference message', async () => {
    const e = await q.evaluate(
      'pairs',
      'ReferentialIntegrity "a,b" "pairs_ref.{k1,k2}" between 0.33 and 0.34, ReferentialIntegrity "a" "nope.id" > 0, RowCountMatch "nope" > 0',
      { additional },
    );
    expect(e.ruleResults.map((r) => [r.Result, r.EvaluationMessage])).toEqual([
      ['PASS', undefined],
      ['FAIL', 'nope not found in additional sources'],
      ['FAIL', 'nope not found in additional sources'],
    ]);
  });

  it('resolves column names case-insensitively, as Glue and Spark do (a crawler lower-cases them)', async () => {
    const rules = [
      'ReferentialIntegrity "Customer_ID" "customers.ID" = 0.5',
      'IsComplete "ORDER_ID"',
      'ColumnExists "Amount"',
      'DatasetMatch "changed" "ORDER_ID->OID" "Amount->AMT" = 0.75',
      'AggregateMatch "sum(AMOUNT)" "sum(copy.Amount)" = 1.0',
      'CustomSql "select ORDER_ID from primary where amount > 4"',
      'IsComplete "no_such_column"',
    ];
    const e = await q.evaluate('orders', rules.join(', '), { additional });
    expect(e.ruleResults.map((r) => [r.Result, r.EvaluationMessage])).toEqual([
      ['PASS', undefined],
      ['PASS', undefined],
      ['PASS', undefined],
      ['PASS', undefined],
      ['PASS', undefined],
      // Matched on ORDER_ID = order_id: 3 of the 4 rows, not an ERROR for an unknown column.
      ['FAIL', 'Value: 0.75 does not meet the constraint requirement.'],
      ['ERROR', 'Input data does not include column no_such_column!'],
    ]);
  });

  it('runs CustomSql over `primary`: one value against the condition, or the share of rows it returns', async () => {
    const rules = [
      'CustomSql "select count(*) from primary where amount > 4" = 3',
      'CustomSql "SELECT sum(amount) FROM Primary" between 20 and 22',
      'CustomSql $big > 3',
      'CustomSql "select order_id from primary where amount > 4"',
      'CustomSql "select order_id, amount from primary where amount > 4" with threshold >= 0.75',
      'CustomSql "select order_id from primary"',
      'CustomSql "select order_id from primary" = 1',
      'CustomSql "select count(*) from nowhere" > 0',
      'CustomSql "select 1 as zzz from primary"',
      'CustomSql "select \'text\' from primary limit 1" > 0',
    ];
    const e = await q.evaluate(
      'orders',
      `big = "select count(*) from primary where 'primary' = 'primary'"\nRules = [ ${rules.join(', ')} ]`,
    );
    expect(e.ruleResults.map((r) => r.Result)).toEqual([
      'PASS',
      'PASS',
      'PASS',
      'FAIL',
      'PASS',
      'PASS',
      'ERROR',
      'ERROR',
      'ERROR',
      'ERROR',
    ]);
    expect(result(e, rules[0]).EvaluatedMetrics).toEqual({ 'Dataset.*.CustomSQL': 3 });
    expect(result(e, rules[3]).EvaluatedMetrics).toEqual({ 'Dataset.*.CustomSQL.Compliance': 0.75 });
    expect(result(e, rules[6]).EvaluationMessage).toMatch(/must return one row with one value/);
    expect(result(e, rules[7]).EvaluationMessage).toMatch(/^Custom SQL statement failed: .*nowhere/);
    expect(result(e, rules[8]).EvaluationMessage).toBe('Custom SQL returned columns that are not in the primary dataset: zzz');
    expect(result(e, rules[9]).EvaluationMessage).toMatch(/must return a number/);
  });
});

describe('a rule that cannot be evaluated does not stop the others', () => {
  let q: QualityEngine;
  beforeAll(async () => {
    q = await openQualityEngine();
    await q.table('t', "SELECT * FROM (VALUES (1, '5'), (2, 'x')) v(id, code)");
  });
  afterAll(async () => q?.close());

  it('gives ERROR for a missing column or a bad where clause, and evaluates the rest in the same scan', async () => {
    const e = await q.evaluate(
      't',
      'RowCount = 2, IsComplete "colA", Mean "code" > 0, Completeness "id" > 0.5 where "nope > 1", IsComplete "id", ColumnValues "missing" > 0',
    );
    expect(e.ruleResults.map((r) => [r.Result, r.EvaluationMessage])).toEqual([
      ['PASS', undefined],
      ['ERROR', 'Input data does not include column colA!'],
      ['ERROR', 'Mean needs a numeric column, but code is VARCHAR'],
      [
        'ERROR',
        expect.stringMatching(/^Rule Completeness "id" > 0.5 where "nope > 1" has provided an invalid where clause : Binder Error: .*nope/),
      ],
      ['PASS', undefined],
      ['ERROR', 'Input data does not include column missing!'],
    ]);
  });

  it('isolates a rule whose SQL fails only on the data (the shared scan falls back to one query per rule)', async () => {
    const e = await q.evaluate('t', 'RowCount = 2, Completeness "id" > 0.5 where "CAST(code AS INTEGER) > 0", IsComplete "code"', {
      rowLevelTable: 'rl',
    });
    expect(e.ruleResults.map((r) => r.Result)).toEqual(['PASS', 'ERROR', 'PASS']);
    expect(e.ruleResults[1].EvaluationMessage).toMatch(/Conversion Error/);
    // The ERROR rule is skipped on every row rather than failing them.
    const rows = await q.engine.query('SELECT DataQualityEvaluationResult AS r FROM rl');
    expect(rows.rows.map((x) => x.r)).toEqual(['Passed', 'Passed']);
  });

  it('reports analyzers that cannot run without stopping the others', async () => {
    const e = await q.evaluate('t', 'Analyzers = [ RowCount, Mean "nope", Completeness "code", ColumnValues "code", ColumnValues "id" ]');
    expect(e.ruleResults).toEqual([]);
    expect(e.score).toBeUndefined();
    expect(e.analyzerResults).toEqual([
      { Name: 'Analyzer_0', Description: 'RowCount', EvaluatedMetrics: { 'Dataset.*.RowCount': 2 } },
      {
        Name: 'Analyzer_1',
        Description: 'Mean "nope"',
        EvaluationMessage: 'Input data does not include column nope!',
        EvaluatedMetrics: {},
      },
      { Name: 'Analyzer_2', Description: 'Completeness "code"', EvaluatedMetrics: { 'Column.code.Completeness': 1 } },
      {
        Name: 'Analyzer_3',
        Description: 'ColumnValues "code"',
        EvaluatedMetrics: { 'Column.code.MinimumLength': 1, 'Column.code.MaximumLength': 1 },
      },
      { Name: 'Analyzer_4', Description: 'ColumnValues "id"', EvaluatedMetrics: { 'Column.id.Minimum': 1, 'Column.id.Maximum': 2 } },
    ]);
  });
});
