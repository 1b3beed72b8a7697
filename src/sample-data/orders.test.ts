// Orders are read back from the gzip NDJSON files and checked against the documented rates, without
// relying on the generator's own counters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleProject, tolerance, type SampleProject } from '../../test/helpers/sample-data.js';
import { EMAIL_PATTERN, ORDER_AMOUNT_VALID_RANGE, ORDER_DEFECT_RATES, ORDER_NULLABLE_FIELDS } from './defects.js';

let p: SampleProject;
const lines: { day: string; file: string; line: string; order: Record<string, any> }[] = [];

beforeAll(async () => {
  p = await openSampleProject({ seed: 7, days: 7, datasets: ['orders', 'customers'] });
  for (const [rel] of await p.files()) {
    if (!rel.startsWith('orders/')) continue;
    const day = rel.split('/').slice(2, 5).join('-');
    for (const line of (await p.text(rel)).split('\n')) {
      if (line) lines.push({ day, file: rel, line, order: JSON.parse(line) });
    }
  }
});
afterAll(() => p?.cleanup());

/** First occurrence of each order_id: the unique orders the rates are relative to. */
function unique() {
  const seen = new Set<string>();
  return lines.filter((l) => !seen.has(l.order.order_id) && seen.add(l.order.order_id));
}

describe('orders', () => {
  it('lays out gzip NDJSON files under incoming/YYYY/MM/DD/', async () => {
    const files = [...(await p.files()).keys()].filter((k) => k.startsWith('orders/'));
    expect(files).toHaveLength(7 * 4);
    expect(files[0]).toBe('orders/incoming/2024/03/04/orders-0001.json.gz');
    expect(files.every((f) => /^orders\/incoming\/\d{4}\/\d{2}\/\d{2}\/orders-\d{4}\.json\.gz$/.test(f))).toBe(true);
    const summary = p.summary.datasets.find((d) => d.name === 'orders')!;
    expect(lines.length).toBe(summary.rows);
  });

  it('writes exact duplicates, and only exact ones, at the documented rate', () => {
    const byId = new Map<string, string[]>();
    for (const l of lines) byId.set(l.order.order_id, [...(byId.get(l.order.order_id) ?? []), l.line]);
    const dups = [...byId.values()].filter((v) => v.length > 1);
    expect(dups.every((v) => v.length === 2 && v[0] === v[1])).toBe(true);
    const rate = dups.length / byId.size;
    expect(Math.abs(rate - ORDER_DEFECT_RATES.duplicate)).toBeLessThan(tolerance(ORDER_DEFECT_RATES.duplicate, byId.size));
    expect(lines.length - byId.size).toBe(p.summary.defects.find((d) => d.defect === 'duplicate')!.count);
  });

  it('carries value defects at the documented rates', () => {
    const orders = unique().map((l) => l.order);
    const n = orders.length;
    const count = (f: (o: Record<string, any>) => boolean) => orders.filter(f).length / n;
    const missing = count((o) => ORDER_NULLABLE_FIELDS.some((k) => o[k] === null));
    const badEmail = count((o) => typeof o.customer_email === 'string' && !EMAIL_PATTERN.test(o.customer_email));
    const badAmount = count((o) => o.amount < ORDER_AMOUNT_VALID_RANGE.min || o.amount > ORDER_AMOUNT_VALID_RANGE.max);
    for (const [observed, rate] of [
      [missing, ORDER_DEFECT_RATES.missingValue],
      [badEmail, ORDER_DEFECT_RATES.invalidEmail],
      [badAmount, ORDER_DEFECT_RATES.outOfRangeAmount],
    ]) {
      expect(observed).toBeGreaterThan(0);
      expect(Math.abs(observed - rate)).toBeLessThan(tolerance(rate, n));
    }
  });

  it('mixes ISO 8601, dd/MM/yyyy HH:mm and epoch-second order_ts at the documented rates', () => {
    const orders = unique().map((l) => l.order);
    const iso = orders.filter((o) => typeof o.order_ts === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(o.order_ts));
    const dayFirst = orders.filter((o) => typeof o.order_ts === 'string' && /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/.test(o.order_ts));
    const epoch = orders.filter((o) => Number.isInteger(o.order_ts));
    expect(iso.length + dayFirst.length + epoch.length).toBe(orders.length);
    const { dateDayFirst, dateEpochSeconds } = ORDER_DEFECT_RATES;
    expect(Math.abs(dayFirst.length / orders.length - dateDayFirst)).toBeLessThan(tolerance(dateDayFirst, orders.length));
    expect(Math.abs(epoch.length / orders.length - dateEpochSeconds)).toBeLessThan(tolerance(dateEpochSeconds, orders.length));
    // Whatever the format, the timestamp falls on the day of the folder the file is in.
    for (const l of unique().filter((l) => Number.isInteger(l.order.order_ts))) {
      expect(new Date(l.order.order_ts * 1000).toISOString().slice(0, 10)).toBe(l.day);
    }
  });

  it('adds coupon_code from the drift day on, and never before', () => {
    expect(p.summary.driftDate).toBe('2024-03-08');
    for (const l of lines) expect('coupon_code' in l.order).toBe(l.day >= '2024-03-08');
    expect(lines.some((l) => typeof l.order.coupon_code === 'string')).toBe(true);
  });

  it('prices items consistently and references existing customers', async () => {
    const customerIds = new Set(
      (await p.text('customers/marketing_campaign.tsv'))
        .split('\n')
        .slice(1, -1)
        .map((r) => Number(r.split('\t')[0])),
    );
    for (const { order: o } of unique()) {
      expect(customerIds.has(o.customer_id)).toBe(true);
      expect(o.items.length).toBeGreaterThan(0);
      if (o.amount >= ORDER_AMOUNT_VALID_RANGE.min && o.amount <= ORDER_AMOUNT_VALID_RANGE.max) {
        const total = o.items.reduce((a: number, i: any) => a + i.quantity * i.unit_price, 0);
        expect(o.amount).toBeCloseTo(total, 2);
      }
    }
  });
});
