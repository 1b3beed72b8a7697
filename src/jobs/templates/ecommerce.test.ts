// The e-commerce templates over the real sample data: ingestion (raw → processed) then processing
// (processed → curated), with the quarantine matching the defects the generator injected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { queryCatalog } from '../../catalog/query.js';
import { generateSampleData, type SampleDataSummary } from '../../sample-data/index.js';
import { runInProcess } from '../job-test-helpers.js';
import { installTemplate } from './install-template.js';

let p: TestProject;
let summary: SampleDataSummary;
const q = async (sql: string) => (await queryCatalog(p.sluice.services, sql)).rows;
const defects = (name: string) => summary.defects.find((d) => d.dataset === 'orders' && d.defect === name)!.count;
const metrics = async (job: string, runId: string) => (await p.sluice.call('GetJobRunDetails', { JobName: job, RunId: runId })).Metrics;

beforeAll(async () => {
  p = await openTestProject('sqlite');
  summary = await generateSampleData(p.sluice.services, { days: 4, scale: 0.2 });
});
afterAll(async () => {
  await p?.cleanup();
});

describe('ecommerce templates', () => {
  it('installs its scripts and jobs, and installing again updates them', async () => {
    expect(await installTemplate(p.sluice, 'ecommerce')).toEqual(['ecommerce-ingest', 'ecommerce-process']);
    expect(await installTemplate(p.sluice, 'ecommerce')).toEqual(['ecommerce-ingest', 'ecommerce-process']);
    expect(existsSync(join(p.dir, 'jobs/ecommerce/ingest.yaml'))).toBe(true);
    const { Job } = await p.sluice.call('GetJob', { JobName: 'ecommerce-ingest' });
    expect(Job.DefaultArguments['--job-bookmark-option']).toBe('job-bookmark-enable');
    await expect(installTemplate(p.sluice, 'banking')).rejects.toThrow(/no job template banking/);
  });

  it('ingests every raw data set into typed, partitioned Parquet with metadata columns', async () => {
    const run = await runInProcess(p.sluice, 'ecommerce-ingest');
    expect(run.ErrorMessage).toBeUndefined();
    const orderLines = summary.datasets.find((d) => d.name === 'orders')!.rows;
    const perDay = await q('SELECT dt, count(*) AS n, count(coupon_code) AS coupons FROM processed.orders GROUP BY dt ORDER BY dt');
    expect(perDay.map((r) => r.dt)).toEqual(['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07']);
    expect(perDay.reduce((n, r) => n + Number(r.n), 0)).toBe(orderLines);
    expect(perDay.map((r) => Number(r.coupons) > 0)).toEqual([false, false, true, true]);
    const [o] = await q("SELECT typeof(order_ts) AS ts, typeof(amount) AS amount, _run_id, _source_file FROM processed.orders LIMIT 1");
    expect(o).toMatchObject({ ts: 'TIMESTAMP', amount: 'DOUBLE', _run_id: run.Id });
    expect(String(o._source_file)).toMatch(/orders\/incoming\/2024\/03\/0\d\/orders-000\d\.json\.gz$/);
    const [c] = await q('SELECT typeof(customer_since) AS t, count(*) AS n FROM processed.customers GROUP BY 1');
    expect(c).toEqual({ t: 'DATE', n: summary.datasets.find((d) => d.name === 'customers')!.rows });
    expect((await q('SELECT count(*) AS n FROM processed.reviews'))[0].n).toBe(summary.datasets.find((d) => d.name === 'reviews')!.rows);
    const m = await metrics('ecommerce-ingest', run.Id!);
    expect(m.rowsRead).toBe(m.rowsWritten + m.rowsQuarantined);

    const again = await runInProcess(p.sluice, 'ecommerce-ingest');
    expect(again.JobRunState).toBe('SUCCEEDED');
    // Orders and FX rates are bookmarked: only the three snapshot data sets are read again.
    expect((await metrics('ecommerce-ingest', again.Id!)).filesRead).toBe(3);
    expect((await q('SELECT count(*) AS n FROM processed.orders'))[0].n).toBe(orderLines);
  });

  it('processes into curated tables, quarantining exactly the injected defects', async () => {
    const run = await runInProcess(p.sluice, 'ecommerce-process');
    expect(run.ErrorMessage).toBeUndefined();
    const reasons: Record<string, number> = Object.fromEntries(
      (await q("SELECT regexp_extract(_reason, '^(duplicate|missing customer_email|invalid customer_email|amount out of range)') AS r, count(*) AS n FROM curated.ecommerce_process_quarantine GROUP BY 1")).map((r) => [r.r, Number(r.n)]),
    );
    expect(reasons.duplicate).toBe(defects('duplicate'));
    expect(reasons['invalid customer_email']).toBe(defects('invalidEmail'));
    expect(reasons['amount out of range']).toBe(defects('outOfRangeAmount'));
    expect(reasons['missing customer_email']).toBeLessThanOrEqual(defects('missingValue'));
    const [{ n: processed }] = await q('SELECT count(*) AS n FROM processed.orders');
    const [{ n: curated }] = await q('SELECT count(*) AS n FROM curated.orders_enriched');
    expect(Number(curated) + Object.values(reasons).reduce((a, b) => a + b, 0)).toBe(Number(processed));
    const [nulls] = await q('SELECT count(*) FILTER (amount_eur IS NULL) AS eur, count(*) FILTER (education IS NULL) AS edu FROM curated.orders_enriched');
    expect(nulls).toEqual({ eur: 0, edu: 0 });
    const daily = await q('SELECT order_date, orders FROM curated.daily_sales ORDER BY order_date');
    expect(daily.map((d) => d.order_date)).toEqual(['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07']);
    expect(daily.reduce((n, d) => n + Number(d.orders), 0)).toBe(Number(curated));
    const [{ n: customers }] = await q('SELECT count(*) AS n FROM curated.customer_summary');
    expect(Number(customers)).toBeGreaterThan(0);
  });
});
