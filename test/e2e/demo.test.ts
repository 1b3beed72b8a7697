// The README's demo command, run as a user would (small scale to stay fast).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const base = mkdtempSync(join(tmpdir(), 'sluice-demo-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('sluice demo', () => {
  it('writes sample data, catalogs it and answers SQL over it; the project is usable afterwards', () => {
    const dir = join(base, 'demo');
    const r = runCli(base, ['demo', dir, '--scale', '0.2']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /3\. Catalog: crawler raw found database raw with raw\.customers, raw\.fx_rates, raw\.orders \(7 partitions\), raw\.products, raw\.reviews \(\d+ ms\)/,
    );
    expect(r.stdout).toMatch(/2024-03-04 \|\s+\d+ \|/);
    expect(r.stdout).toMatch(/ecommerce-ingest: SUCCEEDED .* wrote \d+ rows to processed\.orders/);
    expect(r.stdout).toMatch(/ecommerce-process: SUCCEEDED .* curated\.daily_sales/);
    expect(r.stdout).toMatch(/order_date +\| orders \| customers \| revenue_eur/);
    expect(r.stdout).toMatch(/6\. Data quality of raw\.orders: score 0\.\d\d \(\d+ of 15 rules passed\)/);
    // The whole pipeline as one workflow (src/workflows): applied as code, run on a newly landed day.
    expect(r.stdout).toMatch(/7\. Pipeline as code: .*sluice apply: \d+ created/);
    expect(r.stdout).toMatch(/8\. New files land in the raw zone: orders of 2024-03-11/);
    expect(r.stdout).toMatch(
      /9\. Workflow ecommerce, run wr_[0-9a-f]{64}: raw crawler → ingestion → processing → quality → curated catalog update/,
    );
    expect(r.stdout).toMatch(/job ecommerce-quality: SUCCEEDED .* quality score 1\.00/);
    expect(r.stdout).toMatch(/Run COMPLETED in [\d.]+ s: 5 of 5 steps succeeded/);
    expect(r.stdout).toMatch(/server --dev/);
    const q = runCli(dir, ['query', 'SELECT count(*) AS n FROM raw.customers', '--json']);
    expect(q.status).toBe(0);
    expect(JSON.parse(q.stdout)).toEqual([{ n: 448 }]);
    // Running it again replaces the earlier demo.
    expect(runCli(base, ['demo', dir, '--scale', '0.2']).status).toBe(0);
  }, 300_000); // the demo runs the whole pipeline twice: once job by job, once as the workflow

  it('refuses to wipe a folder that is not a demo project', () => {
    const dir = join(base, 'precious');
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const r = runCli(base, ['demo', dir]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/is not a Sluice demo project/);
  });
});
