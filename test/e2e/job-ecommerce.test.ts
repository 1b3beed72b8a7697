// The demo's job steps as the demo runs them: sample data, then the e-commerce template's ingestion
// and processing jobs as real runs (their own processes), then the curated tables through `sluice query`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { openSluice, type Sluice } from '../../src/config/compose.js';
import { generateSampleData } from '../../src/sample-data/index.js';
import { runTemplate } from '../../src/jobs/templates/run-template.js';
import { waitForRunProcess } from '../../src/jobs/job-test-helpers.js';

let dir: string;
let sluice: Sluice;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-ecommerce-'));
  expect(runCli(dir, ['init']).status).toBe(0);
  sluice = await openSluice({ cwd: dir });
  await generateSampleData(sluice.services, { days: 3, scale: 0.1 });
});
afterAll(async () => {
  await sluice?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('e-commerce template runs', () => {
  it('ingests and processes the sample data, and says what each job produced', async () => {
    const lines: string[] = [];
    const reports = await runTemplate(sluice, 'ecommerce', (l) => lines.push(l));
    for (const r of reports) await waitForRunProcess(sluice, r.runId);
    expect(reports.map((r) => [r.job, r.state])).toEqual([['ecommerce-ingest', 'SUCCEEDED'], ['ecommerce-process', 'SUCCEEDED']]);
    expect(reports[0].outputs).toContain('processed.orders');
    expect(reports[1].outputs).toEqual(['curated.orders_enriched', 'curated.daily_sales', 'curated.customer_summary', 'curated.ecommerce_process_quarantine']);
    expect(lines[1]).toMatch(/^ecommerce-process: SUCCEEDED in \d+\.\d s — read \d+ rows from \d+ files, wrote \d+ rows to curated\.orders_enriched, .* quarantined [1-9]\d*$/);
    const q = runCli(dir, ['query', '--json', 'SELECT count(*) AS days FROM curated.daily_sales']);
    expect(JSON.parse(q.stdout)).toEqual([{ days: 3 }]);
  }, 180_000);
});
