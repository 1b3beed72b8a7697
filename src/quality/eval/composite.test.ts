// Composite rules in COLUMN and ROW mode (§4.4, §6.3), row-level outcomes and where-clause labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQualityEngine, result, type QualityEngine } from '../../../test/helpers/quality-engine.js';

describe('composite rules', () => {
  let q: QualityEngine;
  beforeAll(async () => {
    q = await openQualityEngine();
    await q.table('doc', 'SELECT * FROM (VALUES (2, 1), (0, 3)) v(myCol1, myCol2)');
    await q.table('mixed', 'SELECT * FROM (VALUES (1), (NULL), (5)) v(x)');
  });
  afterAll(async () => q?.close());

  const docRule = '(ColumnValues "myCol1" > 1) OR (ColumnValues "myCol2" > 2)';

  it('judges each part on the whole dataset by default, and per row with ROW (the documented example)', async () => {
    const column = await q.evaluate('doc', docRule);
    expect(result(column, docRule).Result).toBe('FAIL');
    expect(result(column, docRule).EvaluationMessage).toBe(
      'Value: 0.0 does not meet the constraint requirement.\nValue: 1.0 does not meet the constraint requirement.',
    );
    expect(result(column, docRule).EvaluatedMetrics).toEqual({ 'Column.myCol1.Minimum': 0, 'Column.myCol2.Minimum': 1 });
    const row = await q.evaluate('doc', docRule, { compositeMethod: 'ROW' });
    expect(result(row, docRule).Result).toBe('PASS');
  });

  it('fails "> 0 or = NULL" on mixed data in COLUMN mode and passes it in ROW mode (§6.3)', async () => {
    const rule = '(ColumnValues "x" > 0) or (ColumnValues "x" = NULL)';
    expect(result(await q.evaluate('mixed', rule), rule).Result).toBe('FAIL');
    expect(result(await q.evaluate('mixed', rule, { compositeMethod: 'ROW' }), rule).Result).toBe('PASS');
    const tooStrict = '(ColumnValues "x" > 1) or (ColumnValues "x" = NULL)';
    const row = result(await q.evaluate('mixed', tooStrict, { compositeMethod: 'ROW' }), tooStrict);
    expect(row.Result).toBe('FAIL');
    expect(row.EvaluationMessage).toBe('Value: 0.6666666666666666 does not meet the constraint requirement.');
  });

  it('combines AND, OR and nesting; an ERROR part decides only when nothing else does', async () => {
    const rules = [
      '(RowCount = 2) and (IsComplete "myCol1")',
      '(RowCount = 3) and (IsComplete "myCol1")',
      '(RowCount = 3) or ((IsComplete "myCol1") and (IsUnique "myCol1"))',
      '(IsComplete "nope") or (RowCount = 2)',
      '(IsComplete "nope") and (RowCount = 2)',
      '(IsComplete "nope") and (RowCount = 3)',
      '(IsComplete "nope") or (RowCount = 3)',
    ];
    const e = await q.evaluate('doc', rules.join(', '));
    expect(e.ruleResults.map((r) => r.Result)).toEqual(['PASS', 'FAIL', 'PASS', 'PASS', 'ERROR', 'FAIL', 'ERROR']);
    expect(result(e, rules[1]).EvaluationMessage).toBe('Value: 2.0 does not meet the constraint requirement.');
    expect(result(e, rules[4]).EvaluationMessage).toBe('Input data does not include column nope!');
    // A composite counts once in the score.
    expect(e.score).toBeCloseTo(3 / 7, 12);
  });

  it('in ROW mode, dataset-level parts count as their outcome and ratio rules are refused', async () => {
    const withCount = '(RowCount > 100) or (ColumnValues "myCol1" >= 0)';
    const ratio = '(Completeness "myCol1" > 0.5) and (IsComplete "myCol2")';
    const threshold = '(ColumnValues "myCol1" > 1 with threshold > 0.4) and (IsComplete "myCol2")';
    const e = await q.evaluate('doc', [withCount, ratio, threshold].join(', '), { compositeMethod: 'ROW' });
    expect(result(e, withCount).Result).toBe('PASS');
    expect(result(e, ratio)).toMatchObject({
      Result: 'ERROR',
      EvaluationMessage: expect.stringContaining('Rule (or nested rule) not supported due to: Completeness'),
    });
    expect(result(e, threshold)).toMatchObject({
      Result: 'ERROR',
      EvaluationMessage: expect.stringContaining('ColumnValues with a threshold'),
    });
  });

  it('merges DefaultLabels with rule and group labels, the rule winning', async () => {
    const e = await q.evaluate(
      'doc',
      `DefaultLabels = ["team"="core", "sev"="low"]
      Rules = [ RowCount > 0 labels=["sev"="high"], ((RowCount > 0) and (IsComplete "myCol1")) labels=["area"="x"], IsComplete "myCol2" ]`,
    );
    expect(e.ruleResults.map((r) => r.Labels)).toEqual([
      { team: 'core', sev: 'high' },
      { team: 'core', sev: 'low', area: 'x' },
      { team: 'core', sev: 'low' },
    ]);
  });
});

describe('row-level outcomes', () => {
  let q: QualityEngine;
  beforeAll(async () => {
    q = await openQualityEngine();
    await q.table(
      'att',
      "SELECT * FROM (VALUES (1, 'a', 'x'), (2, 'b', NULL), (3, 'a', NULL), (4, 'a', 'y'), (4, 'b', 'z')) v(id, att1, att2)",
    );
  });
  afterAll(async () => q?.close());

  const ruleset = 'IsComplete "att2" where "att1 = \'a\'", IsUnique "id", RowCount > 0, ColumnValues "id" <= 3 where "att1 = \'b\'"';

  async function rows(label?: 'PASSED' | 'SKIPPED') {
    const e = await q.evaluate('att', ruleset, { rowLevelTable: 'rl', filteredRowLabel: label });
    const r = await q.engine.query(
      'SELECT id, att1, DataQualityRulesPass AS p, DataQualityRulesFail AS f, DataQualityRulesSkip AS s, DataQualityEvaluationResult AS res FROM rl ORDER BY id, att1',
    );
    return { e, rows: r.rows as { id: number; p: string[]; f: string[]; s: string[]; res: string }[] };
  }

  it('lists passed, failed and skipped rules per row; rows outside a where clause pass by default', async () => {
    const { e, rows: r } = await rows();
    const complete = 'IsComplete "att2" where "att1 = \'a\'"';
    const unique = 'IsUnique "id"';
    const small = 'ColumnValues "id" <= 3 where "att1 = \'b\'"';
    expect(r[0]).toMatchObject({ id: 1, p: [complete, unique, small], f: [], s: ['RowCount > 0'], res: 'Passed' });
    expect(r[1]).toMatchObject({ id: 2, p: [complete, unique, small], f: [], res: 'Passed' });
    expect(r[2]).toMatchObject({ id: 3, p: [unique, small], f: [complete], res: 'Failed' });
    expect(r[3]).toMatchObject({ id: 4, p: [complete, small], f: [unique], res: 'Failed' });
    expect(r[4]).toMatchObject({ id: 4, p: [complete], f: [unique, small], res: 'Failed' });
    expect(e.rowLevel).toEqual({ table: 'rl', rows: 5, passed: 2, failed: 3 });
    expect(e.aggregatedMetrics).toMatchObject({ TotalRowsProcessed: 5, TotalRowsPassed: 2, TotalRowsFailed: 3 });
    // The row-level table keeps every column of the data, so failing rows can be quarantined as they are.
    const cols = (await q.engine.query('SELECT * FROM rl LIMIT 0')).columns.map((c) => c.name);
    expect(cols).toEqual([
      'id',
      'att1',
      'att2',
      'DataQualityRulesPass',
      'DataQualityRulesFail',
      'DataQualityRulesSkip',
      'DataQualityEvaluationResult',
    ]);
  });

  it('labels rows outside a where clause SKIPPED when asked', async () => {
    const { rows: r } = await rows('SKIPPED');
    const complete = 'IsComplete "att2" where "att1 = \'a\'"';
    expect(r[1].s).toContain(complete);
    expect(r[1].p).not.toContain(complete);
    expect(r[2].f).toContain(complete);
  });

  it('marks a composite per row only when every part has a per-row form', async () => {
    const both = '(IsComplete "att2") or (ColumnValues "id" > 3)';
    const withCount = '(IsComplete "att2") and (RowCount > 0)';
    await q.evaluate('att', `${both}, ${withCount}`, { rowLevelTable: 'rl2' });
    const r = await q.engine.query('SELECT id, DataQualityRulesFail AS f, DataQualityRulesSkip AS s FROM rl2 ORDER BY id, att1');
    expect(r.rows.map((x) => (x.f as string[]).length)).toEqual([0, 1, 1, 0, 0]);
    expect(r.rows.every((x) => (x.s as string[]).includes(withCount))).toBe(true);
  });
});
