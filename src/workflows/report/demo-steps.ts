// The demo's pipeline-as-code and workflow steps: the e-commerce template is declared in sluice.yaml
// and applied, one more day of files lands in the raw zone, and the workflow runs the whole pipeline
// on it — raw crawl → ingestion (only the new files) → processing → quality → curated catalog update —
// printing what each step produced. src/demo/demo.ts calls it after its own steps.
import type { Sluice } from '../../kernel/services.js';
import { applyChanges, planProject } from '../pipeline/apply.js';
import { installPipelineTemplate } from '../pipeline/template.js';
import { followWorkflowRun, nodeEvents } from './follow.js';
import { landNextDay } from './next-day.js';
import { stepSummary } from './step-summary.js';

export interface DemoWorkflowOutcome {
  runId: string;
  status: string;
  steps: { name: string; state: string }[];
}

export async function runDemoWorkflowSteps(sluice: Sluice, log: (line: string) => void, first: number): Promise<DemoWorkflowOutcome> {
  const installed = installPipelineTemplate(sluice.services.root, 'ecommerce');
  const changes = await applyChanges(sluice, await planProject(sluice));
  const count = (k: string) => changes.filter((c) => c.kind === k).length;
  log(
    `${first}. Pipeline as code: templates/ecommerce/pipeline.yaml added to sluice.yaml (${installed.scripts.length} scripts in jobs/ecommerce/), then sluice apply: ` +
      `${changes.filter((c) => c.action === 'create').length} created, ${changes.filter((c) => c.action === 'update' || c.action === 'replace').length} changed, ` +
      `${changes.filter((c) => c.action === 'unchanged').length} already as declared — ${count('crawlers')} crawlers, ${count('jobs')} jobs, ` +
      `workflow ecommerce with ${count('triggers')} triggers (EVENT on the raw zone, nightly at 02:00 UTC, one CONDITIONAL per step), ${count('rulesets')} ruleset`,
  );
  const landed = await landNextDay(sluice.services);
  log(
    `${first + 1}. New files land in the raw zone: orders of ${landed.day} (${landed.lines} lines, ${landed.orderIds.length} new orders in ${landed.files.length - 1} files) and that day's FX rates`,
  );
  const started = Date.now();
  const { RunId } = await sluice.call('StartWorkflowRun', { Name: 'ecommerce' });
  log(`${first + 2}. Workflow ecommerce, run ${RunId}: raw crawler → ingestion → processing → quality → curated catalog update`);
  const run = await followWorkflowRun(sluice.call, 'ecommerce', RunId, () => {});
  const steps = nodeEvents(run);
  for (const e of steps) log(`   ${await stepSummary(sluice.call, e)}`);
  log(
    `   Run ${run.Status} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${run.Statistics?.SucceededActions} of ${run.Statistics?.TotalActions} steps succeeded`,
  );
  return { runId: RunId, status: run.Status!, steps: steps.map((s) => ({ name: s.name, state: s.state })) };
}
