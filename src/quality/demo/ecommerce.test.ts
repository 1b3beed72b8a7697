// The demo ruleset on generated sample data: it runs without errors and catches the documented defects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { generateSampleData } from '../../sample-data/index.js';
import { registerRawTables } from '../../demo/raw-tables.js';
import { parseDqdl } from '../dqdl/parser.js';
import { runDemoQualityStep, ECOMMERCE_ORDERS_RULESET } from './ecommerce.js';

describe('e-commerce demo quality step', () => {
  let p: TestProject;
  beforeAll(async () => {
    p = await openTestProject('sqlite');
    await generateSampleData(p.sluice.services, { scale: 0.3, days: 2, datasets: ['customers', 'orders', 'products'] });
    await registerRawTables(p.sluice);
  });
  afterAll(async () => p?.cleanup());

  it('scores the raw orders and names the failing rules', async () => {
    expect(parseDqdl(ECOMMERCE_ORDERS_RULESET).rules).toHaveLength(15);
    const { lines, score } = await runDemoQualityStep(p.sluice);
    expect(lines[0]).toMatch(/^Data quality of raw\.orders: score 0\.\d\d \(\d+ of 15 rules passed\)$/);
    expect(score).toBeGreaterThan(0.5);
    expect(score).toBeLessThan(1);
    const [id] = (await p.sluice.call('ListDataQualityResults', {})).Results.map((r: { ResultId: string }) => r.ResultId);
    const result = await p.sluice.call('GetDataQualityResult', { ResultId: id });
    const byRule = Object.fromEntries(result.RuleResults.map((r: { Description: string; Result: string }) => [r.Description, r.Result]));
    expect(Object.values(byRule)).not.toContain('ERROR');
    // Duplicated lines and missing emails are there at the documented rates; the thresholds let them through.
    expect(byRule['IsUnique "order_id"']).toBe('FAIL');
    expect(byRule['Uniqueness "order_id" > 0.95']).toBe('PASS');
    expect(byRule['ReferentialIntegrity "customer_id" "customers.ID" = 1.0']).toBe('PASS');
    expect(byRule['ColumnValues "currency" in ["EUR","USD","GBP"]']).toBe('PASS');
    expect(byRule['ColumnValues "order_ts" matches "\\d{4}-\\d{2}-\\d{2}T.*" with threshold > 0.9']).toBe('PASS');
    expect(
      result.RuleResults.find((r: { Description: string }) => r.Description === 'Completeness "customer_email" > 0.98').EvaluatedMetrics[
        'Column.customer_email.Completeness'
      ],
    ).toBeLessThan(1);
  });
});
