// The demo's job steps as the demo runs them: a project made by `sluice init --template ecommerce`
// (the pipeline template, declared in sluice.yaml and applied),
// sample data, then the e-commerce template's ingestion and processing jobs as real runs (their own
// processes), then the curated tables through `sluice query`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { openSluice, type Sluice } from '../../src/config/compose.js';
import { generateSampleData } from '../../src/sample-data/index.js';
import { runTemplate } from '../../src/jobs/templates/run-template.js';
import { waitForRunProcess } from '../../src/jobs/job-test-helpers.js';

let dir: string;
let sluice: Sluice;
let init: ReturnType<typeof runCli>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-ecommerce-'));
  init = runCli(dir, ['init', '--template', 'ecommerce']);
  expect(init.status).toBe(0);
  sluice = await openSluice({ cwd: dir });
  await generateSampleData(sluice.services, { days: 3, scale: 0.1 });
});
afterAll(async () => {
  await sluice?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sluice init --template', () => {
  it("writes the template's scripts into jobs/<template>/, declares its pipeline in sluice.yaml and applies it", async () => {
    expect(init.stdout).toMatch(/Installed the ecommerce template: scripts in jobs\/ecommerce\/, declared in sluice.yaml and applied/);
    expect(init.stdout).toMatch(/jobs +ecommerce-ingest, ecommerce-process, ecommerce-quality/);
    expect(init.stdout).toMatch(/try: sluice sample-data && sluice workflow run ecommerce/);
    for (const f of ['ingest.yaml', 'process.ts', 'quality.ts']) expect(existsSync(join(dir, 'jobs/ecommerce', f))).toBe(true);
    const { Jobs } = await sluice.call('BatchGetJobs', { JobNames: ['ecommerce-ingest', 'ecommerce-process', 'ecommerce-quality'] });
    expect(Jobs.map((j: { Command: { ScriptLocation: string } }) => j.Command.ScriptLocation)).toEqual([
      'jobs/ecommerce/ingest.yaml',
      'jobs/ecommerce/process.ts',
      'jobs/ecommerce/quality.ts',
    ]);
    expect((await sluice.call('GetWorkflow', { Name: 'ecommerce' })).Workflow.Name).toBe('ecommerce');
  });

  it('refuses a template that does not exist before creating anything', () => {
    const other = mkdtempSync(join(tmpdir(), 'sluice-no-template-'));
    try {
      const r = runCli(other, ['init', '--template', 'banking']);
      expect(r.status).toBe(252);
      expect(r.stderr).toMatch(/There is no template banking; templates: ecommerce/);
      expect(existsSync(join(other, 'sluice.yaml'))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('e-commerce template runs', () => {
  it('ingests and processes the sample data, and says what each job produced', async () => {
    const lines: string[] = [];
    const reports = await runTemplate(sluice, 'ecommerce', (l) => lines.push(l));
    for (const r of reports) await waitForRunProcess(sluice, r.runId);
    expect(reports.map((r) => [r.job, r.state])).toEqual([
      ['ecommerce-ingest', 'SUCCEEDED'],
      ['ecommerce-process', 'SUCCEEDED'],
    ]);
    expect(reports[0].outputs).toContain('processed.orders');
    expect(reports[1].outputs).toEqual([
      'curated.orders_enriched',
      'curated.daily_sales',
      'curated.customer_summary',
      'curated.ecommerce_process_quarantine',
    ]);
    expect(lines[1]).toMatch(
      /^ecommerce-process: SUCCEEDED in \d+\.\d s — read \d+ rows from \d+ files, wrote \d+ rows to curated\.orders_enriched, .* quarantined [1-9]\d*$/,
    );
    const q = runCli(dir, ['query', '--json', 'SELECT count(*) AS days FROM curated.daily_sales']);
    expect(JSON.parse(q.stdout)).toEqual([{ days: 3 }]);
  }, 180_000);
});
