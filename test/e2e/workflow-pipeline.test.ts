// The e-commerce pipeline as code, run by `sluice server`: the template is declared in sluice.yaml and
// applied (plan, apply, apply again = no changes), a first run is started from the CLI against the
// server, then one more day of files is dropped into the raw zone. The EVENT trigger starts the
// workflow by itself, and the new orders reach the curated zone exactly once — also after another run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/config/project.js';
import { openSluice, type Sluice } from '../../src/config/compose.js';
import { callRemote } from '../../src/api/http/client.js';
import { startServerProcess, type ServerProcess } from '../../src/monitoring/test-support/server-process.js';
import { queryCatalog } from '../../src/catalog/query.js';
import { landNextDay } from '../../src/workflows/report/next-day.js';
import type { WorkflowRun } from '../../src/kernel/glue-types.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
let server: ServerProcess | undefined;
let url = '';
const remote = (op: string, input: unknown) => callRemote(op, input, { endpoint: url, region: 'us-east-1' }) as Promise<any>;
const rows = async (sluice: Sluice, sql: string) => (await queryCatalog(sluice.services, sql)).rows;
/** The run's steps and their errors, for a failure message. */
const steps = (run: WorkflowRun) =>
  JSON.stringify(
    (run.Graph?.Nodes ?? []).map((n) => [
      n.Name,
      ...(n.JobDetails?.JobRuns ?? n.CrawlerDetails?.Crawls ?? []).map(
        (r: { JobRunState?: string; State?: string; ErrorMessage?: string }) => `${r.JobRunState ?? r.State} ${r.ErrorMessage ?? ''}`,
      ),
    ]),
  );

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 120_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 250))) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-wf-pipeline-'));
  initProject(dir);
  // A quick scheduler, so the test does not wait on the defaults.
  writeFileSync(
    join(dir, 'sluice.yaml'),
    `${readFileSync(join(dir, 'sluice.yaml'), 'utf8')}scheduler:\n  tickMs: 300\n  eventPollMs: 300\n  settleMs: 500\n`,
  );
  expect(runCli(dir, ['sample-data', '--days', '2', '--scale', '0.1']).status).toBe(0);
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

describe('the e-commerce pipeline as code, run by the server', () => {
  it('plans and applies the template, and applying again changes nothing', () => {
    const template = runCli(dir, ['workflow', 'template', 'ecommerce']);
    expect(template.stdout).toContain('declared workflows: ecommerce');
    // Batch the files of one drop within two seconds rather than a minute.
    const yaml = join(dir, 'sluice.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('BatchWindow: 60', 'BatchWindow: 2'));
    const plan = runCli(dir, ['plan']);
    expect(plan.status).toBe(0);
    expect(plan.stdout).toMatch(/^ {4}\+ workflow ecommerce$/m);
    expect(plan.stdout).toMatch(/^ {4}\+ trigger ecommerce-files-arrived$/m);
    expect(plan.stdout).toContain('Plan: 16 to add, 0 to change, 0 to replace, 0 to destroy (0 unchanged).');
    const apply = runCli(dir, ['apply']);
    expect(apply.stdout).toContain('created trigger ecommerce-catalog-after-quality');
    expect(apply.stdout).toContain('Apply complete: 16 added, 0 changed, 0 replaced, 0 destroyed.');
    expect(runCli(dir, ['apply']).stdout).toBe('No changes. Sluice matches sluice.yaml (16 resources).\n');
  });

  it('starts the workflow when files land in the raw zone, and the new orders reach curated exactly once', async () => {
    server = await startServerProcess(dir);
    url = server.url;

    const first = runCli(dir, ['workflow', 'run', 'ecommerce', '--endpoint-url', url]);
    expect(first.stderr).toMatch(/SUCCEEDED job ecommerce-quality/);
    expect(first.stdout).toMatch(/Workflow run wr_[0-9a-f]{64} COMPLETED\n {2}1\. crawler raw: SUCCEEDED/);
    expect(first.stdout).toMatch(/5\. crawler ecommerce-curated-catalog: SUCCEEDED/);
    expect(first.status).toBe(0);

    const sluice = await openSluice({ cwd: dir });
    try {
      const [{ n: before }] = await rows(sluice, 'SELECT count(*) AS n FROM curated.orders_enriched');
      const landed = await landNextDay(sluice.services);
      const prefix = `ORD-${landed.day.replaceAll('-', '')}-%`;
      const byEvent = await until('a run started by the files', async () => {
        const { Runs } = await remote('GetWorkflowRuns', { Name: 'ecommerce', IncludeGraph: true });
        return (Runs as WorkflowRun[]).find((r) => r.StartingEventBatchCondition && r.Status !== 'RUNNING');
      });
      expect(byEvent.Status).toBe('COMPLETED');
      expect(byEvent.Statistics, steps(byEvent)).toMatchObject({ TotalActions: 5, SucceededActions: 5 });
      expect(byEvent.StartingEventBatchCondition).toEqual({ BatchWindow: 2 });
      expect(JSON.parse(byEvent.WorkflowRunProperties!['aws:eventIds'])).toHaveLength(landed.files.length);

      const check = async () => {
        const [p] = await rows(sluice, `SELECT count(*) AS n FROM processed.orders WHERE order_id LIKE '${prefix}'`);
        const [c] = await rows(
          sluice,
          `SELECT count(*) AS n, count(DISTINCT order_id) AS ids FROM curated.orders_enriched WHERE order_id LIKE '${prefix}'`,
        );
        const [all] = await rows(sluice, 'SELECT count(*) AS n FROM curated.orders_enriched');
        return { processed: Number(p.n), curated: Number(c.n), ids: Number(c.ids), total: Number(all.n) };
      };
      const after = await check();
      expect(after.processed).toBe(landed.lines); // every new line ingested once (the old files were not read again)
      expect(after.curated).toBe(after.ids); // each new order once
      expect(after.curated).toBeGreaterThan(landed.orderIds.length * 0.9); // less what was quarantined
      expect(after.total).toBe(Number(before) + after.curated);

      // Another run (as the nightly trigger would start) reads nothing new and keeps each order once.
      const { RunId } = await remote('StartWorkflowRun', { Name: 'ecommerce' });
      const again = await until('the next run', async () => {
        const { Run } = await remote('GetWorkflowRun', { Name: 'ecommerce', RunId, IncludeGraph: true });
        return Run.Status !== 'RUNNING' && (Run as WorkflowRun);
      });
      expect(again.Statistics, steps(again)).toMatchObject({ TotalActions: 5, SucceededActions: 5 });
      expect(await check()).toEqual(after);
    } finally {
      await sluice.close();
    }
  }, 300_000);
});
