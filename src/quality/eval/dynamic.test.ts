// Dynamic rules over history (§4.5), DetectAnomalies, and the anomaly observations of every evaluation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQualityEngine, result, type QualityEngine } from '../../../test/helpers/quality-engine.js';
import type { HistoryProvider } from './anomalies.js';
import { band } from './anomalies.js';

/** Past values per metric, most recent first. */
const history = (h: Record<string, number[]>): HistoryProvider => ({ values: async (m, k) => (h[m] ?? []).slice(0, k) });

describe('dynamic rules', () => {
  let q: QualityEngine;
  beforeAll(async () => {
    q = await openQualityEngine();
    await q.table('t', 'SELECT range AS x, CASE WHEN range % 5 = 0 THEN NULL ELSE range END AS y FROM range(25)');
  });
  afterAll(async () => q?.close());

  const past = history({
    'Dataset.*.RowCount': [10, 20, 30],
    'Dataset.*.RowCount where "x < 5"': [1, 2],
    'Column.x.Completeness': [1, 1],
  });

  it('reduces last(k) with avg, min, max, sum, median, std and index, and shows the values used', async () => {
    const rules: [string, string, string][] = [
      ['RowCount > avg(last(3))', 'PASS', 'RowCount > 20.0'],
      ['RowCount < max(last(2))', 'FAIL', 'RowCount < 20.0'],
      ['RowCount between min(last(10)) - 1 and max(last(10)) + 1', 'PASS', 'RowCount between 9.0 and 31.0'],
      ['RowCount = index(last(3),0) + 15', 'PASS', 'RowCount = 25.0'],
      ['RowCount > sum(last(3))', 'FAIL', 'RowCount > 60.0'],
      ['RowCount > median(last(3))', 'PASS', 'RowCount > 20.0'],
      ['RowCount between (0.9 * avg(last(3))) and 1.5 * avg(last(3))', 'PASS', 'RowCount between 18.0 and 30.0'],
      ['RowCount > abs(0 - max(last()))', 'PASS', 'RowCount > 10.0'],
      ['RowCount > 20', 'PASS', 'RowCount > 20'],
    ];
    const e = await q.evaluate('t', rules.map((r) => r[0]).join(', '), { history: past });
    for (const [rule, status, evaluated] of rules) {
      expect(result(e, rule).Result, rule).toBe(status);
      expect(result(e, rule).EvaluatedRule, rule).toBe(evaluated);
    }
    const std = result(
      await q.evaluate('t', 'RowCount > 8.16 * std(last(3)) / 8.17', { history: past }),
      'RowCount > 8.16 * std(last(3)) / 8.17',
    );
    expect(std.EvaluatedRule).toMatch(/^RowCount > 8\.15\d+$/);
  });

  it('errs on an index beyond the history, and reads missing history as 0.0', async () => {
    const e = await q.evaluate('t', 'RowCount > index(last(3),5), Completeness "y" > avg(last(3))', { history: past });
    expect(e.ruleResults[0]).toMatchObject({ Result: 'ERROR', EvaluationMessage: 'index(last(3), 5.0) is out of range: 3 past values' });
    expect(e.ruleResults[1]).toMatchObject({ Result: 'PASS', EvaluatedRule: 'Completeness "y" > 0.0' });
    const none = await q.evaluate('t', 'RowCount > avg(last(3))');
    expect(none.ruleResults[0]).toMatchObject({ Result: 'PASS', EvaluatedRule: 'RowCount > 0.0' });
  });

  it('keeps the history of a rule with a where clause apart', async () => {
    const e = await q.evaluate('t', 'RowCount > avg(last(2)) where "x < 5", Completeness "x" >= avg(last(2))', { history: past });
    expect(e.ruleResults.map((r) => [r.Result, r.EvaluatedRule])).toEqual([
      ['PASS', 'RowCount > 1.5 where "x < 5"'],
      ['PASS', 'Completeness "x" >= 1.0'],
    ]);
    expect(e.metrics).toMatchObject({ 'Dataset.*.RowCount where "x < 5"': 5, 'Column.x.Completeness': 1 });
  });
});

describe('anomalies', () => {
  let q: QualityEngine;
  beforeAll(async () => {
    q = await openQualityEngine();
    await q.table('t', 'SELECT range AS x, CASE WHEN range % 5 = 0 THEN NULL ELSE range END AS y FROM range(25)');
  });
  afterAll(async () => q?.close());

  it('DetectAnomalies passes until three past values exist, then fails values outside the band', async () => {
    const rules = 'DetectAnomalies "RowCount", DetectAnomalies of Completeness of "y"';
    const few = await q.evaluate('t', rules, { history: history({ 'Dataset.*.RowCount': [25, 25] }) });
    expect(few.ruleResults[0]).toMatchObject({
      Result: 'PASS',
      EvaluationMessage: 'Not enough history to detect anomalies: 2 of 3 past values of Dataset.*.RowCount.',
    });
    const steady = await q.evaluate('t', rules, {
      history: history({ 'Dataset.*.RowCount': [24, 25, 26], 'Column.y.Completeness': [0.8, 0.8, 0.8] }),
    });
    expect(steady.ruleResults.map((r) => r.Result)).toEqual(['PASS', 'PASS']);
    expect(steady.ruleResults[1].EvaluatedMetrics).toEqual({ 'Column.y.Completeness': 0.8 });
    const jump = await q.evaluate('t', rules, {
      history: history({ 'Dataset.*.RowCount': [100, 101, 99], 'Column.y.Completeness': [1, 1, 1] }),
    });
    expect(jump.ruleResults[0]).toMatchObject({
      Result: 'FAIL',
      EvaluationMessage: 'Anomaly: Dataset.*.RowCount is 25.0, outside the expected band [95.0, 105.0] from its last 3 values.',
    });
    expect(jump.ruleResults[1].Result).toBe('FAIL');
  });

  it('bands are mean ± max(3σ, 5 % of the mean)', () => {
    expect(band([100, 100, 100])).toEqual({ expected: 100, lower: 95, upper: 105 });
    const b = band([10, 20, 30]);
    expect(b.expected).toBe(20);
    expect(b.upper - b.expected).toBeCloseTo(3 * Math.sqrt(200 / 3), 12);
  });

  it('observes a row count change over 20 %, a completeness drop over 5 points and values outside their range', async () => {
    const e = await q.evaluate('t', 'RowCount > 0, Completeness "y" > 0.5, ColumnValues "x" <= 100, IsComplete "x"', {
      history: history({
        'Dataset.*.RowCount': [20],
        'Column.y.Completeness': [0.9],
        'Column.x.Maximum': [10, 12],
        'Column.x.Completeness': [1],
      }),
    });
    expect(e.observations.map((o) => o.MetricBasedObservation)).toEqual([
      { MetricName: 'Dataset.*.RowCount', MetricValues: { ActualValue: 25, ExpectedValue: 20, LowerLimit: 16, UpperLimit: 24 } },
      { MetricName: 'Column.y.Completeness', MetricValues: { ActualValue: 0.8, ExpectedValue: 0.9, LowerLimit: 0.85, UpperLimit: 1 } },
      { MetricName: 'Column.x.Maximum', MetricValues: { ActualValue: 24, ExpectedValue: 11, LowerLimit: 10, UpperLimit: 12 } },
    ]);
    expect(e.observations[0].Description).toBe(
      'Row count changed by 25.0 % since the previous evaluation (from 20 to 25); expected between 16 and 24.',
    );
    const calm = await q.evaluate('t', 'RowCount > 0', { history: history({ 'Dataset.*.RowCount': [24] }) });
    expect(calm.observations).toEqual([]);
  });
});
