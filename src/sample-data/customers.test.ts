import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleProject, tolerance, type SampleProject } from '../../test/helpers/sample-data.js';
import { CUSTOMER_COLUMNS } from './customers.js';
import { CUSTOMER_DEFECT_RATES } from './defects.js';

let p: SampleProject;
let header: string[];
let rows: Record<string, string>[];

beforeAll(async () => {
  p = await openSampleProject({ seed: 11, scale: 2, datasets: ['customers'] });
  const [head, ...body] = (await p.text('customers/marketing_campaign.tsv')).split('\n');
  header = head.split('\t');
  expect(body.pop()).toBe(''); // the file ends with a newline
  rows = body.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [header[i], v])));
});
afterAll(() => p?.cleanup());

describe('customers (Kaggle marketing_campaign shape)', () => {
  it('has the 29 original columns, tab-separated, and 2,240 rows per unit of scale', () => {
    expect(header).toEqual([...CUSTOMER_COLUMNS]);
    expect(header).toHaveLength(29);
    expect(rows).toHaveLength(4480);
    expect(rows.every((r) => Object.keys(r).length === 29)).toBe(true);
    expect(new Set(rows.map((r) => r.ID)).size).toBe(rows.length);
  });

  it('writes Dt_Customer as a real dd-mm-yyyy date within the original period', () => {
    for (const { Dt_Customer: d } of rows) {
      const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(d)!;
      expect(m).not.toBeNull();
      const iso = `${m[3]}-${m[2]}-${m[1]}`;
      expect(new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10)).toBe(iso);
      expect(iso >= '2012-07-30' && iso <= '2014-06-29').toBe(true);
    }
  });

  it('uses the original categories, oddities included', () => {
    expect(new Set(rows.map((r) => r.Education))).toEqual(new Set(['Graduation', 'PhD', 'Master', 'Basic', '2n Cycle']));
    const marital = new Set(rows.map((r) => r.Marital_Status));
    for (const m of ['Married', 'Together', 'Single', 'Divorced', 'Widow']) expect(marital.has(m)).toBe(true);
    const odd = rows.filter((r) => ['Alone', 'Absurd', 'YOLO'].includes(r.Marital_Status)).length;
    expect(odd).toBeGreaterThan(0);
    expect(odd / rows.length).toBeLessThan(
      CUSTOMER_DEFECT_RATES.oddMaritalStatus + tolerance(CUSTOMER_DEFECT_RATES.oddMaritalStatus, rows.length),
    );
    expect(rows.every((r) => r.Z_CostContact === '3' && r.Z_Revenue === '11')).toBe(true);
  });

  it('leaves Income empty at the documented rate', () => {
    const missing = rows.filter((r) => r.Income === '').length / rows.length;
    const rate = CUSTOMER_DEFECT_RATES.missingIncome;
    expect(missing).toBeGreaterThan(0);
    expect(Math.abs(missing - rate)).toBeLessThan(tolerance(rate, rows.length));
    const incomes = rows.filter((r) => r.Income !== '' && r.Income !== '666666').map((r) => Number(r.Income));
    const mean = incomes.reduce((a, b) => a + b, 0) / incomes.length;
    expect(mean).toBeGreaterThan(45_000); // the original's mean is 52,247
    expect(mean).toBeLessThan(60_000);
  });

  it('ties spending to income as the original does', () => {
    const withIncome = rows.filter((r) => r.Income !== '' && r.Income !== '666666');
    const spend = (r: Record<string, string>) => Number(r.MntWines) + Number(r.MntMeatProducts) + Number(r.MntGoldProds);
    const rich = withIncome.filter((r) => Number(r.Income) > 70_000);
    const poor = withIncome.filter((r) => Number(r.Income) < 30_000);
    const avg = (xs: Record<string, string>[]) => xs.reduce((a, r) => a + spend(r), 0) / xs.length;
    expect(avg(rich)).toBeGreaterThan(5 * avg(poor));
  });
});
