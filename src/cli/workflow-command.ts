// `sluice workflow run NAME`: starts a workflow run and prints each job and crawler as it starts and
// ends, then what each produced; the exit code is 0 only when every step succeeded (the run itself
// is COMPLETED even when a step failed, as in Glue). Works embedded or against a server
// (--endpoint-url). Ctrl-C stops the run (interrupt.ts). `sluice workflow resume NAME RUN_ID` resumes
// a run from its failed steps (ResumeWorkflowRun) and follows the new run the same way. `sluice
// workflow template NAME` adds a pipeline template to sluice.yaml (`sluice init --template` does it
// for a new project, and applies it).
import type { Command } from 'commander';
import { openSluice, type Sluice } from '../config/compose.js';
import { invalidInput } from '../kernel/errors.js';
import { callRemote } from '../api/http/client.js';
import type { GlueCall } from '../workflows/glue-call.js';
import { followWorkflowRun, nodeEvents } from '../workflows/report/follow.js';
import { stepSummary } from '../workflows/report/step-summary.js';
import { installPipelineTemplate } from '../workflows/pipeline/template.js';
import { findProjectRoot } from '../config/project.js';
import { splitRemoteOptions } from './remote-options.js';
import { reportError } from './output.js';
import { stopOnInterrupt } from './interrupt.js';
import { requireRunId, shortId } from './run-id.js';
import type { WorkflowRun } from '../kernel/glue-types.js';

interface RunFlags {
  property: string[];
  wait: boolean;
  endpointUrl?: string;
}

function properties(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list) {
    const eq = p.indexOf('=');
    if (eq < 1) throw invalidInput(`--property takes name=value, not '${p}'`);
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

async function runWorkflow(call: GlueCall, name: string, flags: RunFlags): Promise<number> {
  const { RunId } = await call<{ RunId: string }>('StartWorkflowRun', { Name: name, RunProperties: properties(flags.property) });
  process.stdout.write(`${RunId}\n`);
  return flags.wait ? followToEnd(call, name, RunId) : 0;
}

/** Follows a run, printing each step as it starts and ends, then what each produced; the exit code. */
async function followToEnd(call: GlueCall, name: string, runId: string): Promise<number> {
  const interrupt = stopOnInterrupt(
    `workflow run ${runId}`,
    () => call('StopWorkflowRun', { Name: name, RunId: runId }),
    `sluice logs ${shortId(runId)} --follow`,
  );
  let run: WorkflowRun;
  try {
    run = await followWorkflowRun(call, name, runId, (e) =>
      process.stderr.write(`  ${e.state.padEnd(9)} ${e.type === 'JOB' ? 'job' : 'crawler'} ${e.name}\n`),
    );
  } finally {
    interrupt.dispose();
  }
  process.stdout.write(`\nWorkflow run ${runId} ${run.Status}${run.ErrorMessage ? `: ${run.ErrorMessage}` : ''}\n`);
  const steps = nodeEvents(run);
  for (const [i, e] of steps.entries()) process.stdout.write(`  ${i + 1}. ${await stepSummary(call, e)}\n`);
  if (interrupt.interrupted) return 130;
  const ok = run.Status === 'COMPLETED' && steps.every((e) => e.state === 'SUCCEEDED');
  if (!ok && run.Status === 'COMPLETED')
    process.stdout.write(
      `\nOnce fixed, run the failed steps and what follows them again: sluice workflow resume ${name} ${shortId(runId)}\n`,
    );
  return ok ? 0 : 1;
}

const FAILED_STEP = new Set(['FAILED', 'TIMEOUT', 'ERROR', 'STOPPED', 'CANCELLED']);

/** Resumes a COMPLETED run from the named steps, or from every step whose last attempt failed. */
async function resumeWorkflow(call: GlueCall, name: string, runText: string, flags: { step: string[]; wait: boolean }): Promise<number> {
  const runId = await requireRunId(call, runText, ['workflow']);
  const { Run } = await call<{ Run: WorkflowRun }>('GetWorkflowRun', { Name: name, RunId: runId, IncludeGraph: true });
  const nodes = (Run.Graph?.Nodes ?? []).filter((n) => n.Type === 'JOB' || n.Type === 'CRAWLER');
  const chosen = flags.step.length
    ? flags.step.map((s) => {
        const n = nodes.find((x) => x.Name === s);
        if (!n)
          throw invalidInput(`Workflow run ${runId} has no job or crawler step ${s}; its steps: ${nodes.map((x) => x.Name).join(', ')}`);
        return n;
      })
    : nodes.filter((n) => {
        const state = n.Type === 'JOB' ? n.JobDetails?.JobRuns?.at(-1)?.JobRunState : n.CrawlerDetails?.Crawls?.at(-1)?.State;
        return state !== undefined && FAILED_STEP.has(state);
      });
  if (!chosen.length) throw invalidInput(`No step of workflow run ${runId} failed; name the steps to run again with --step`);
  const { RunId } = await call<{ RunId: string }>('ResumeWorkflowRun', {
    Name: name,
    RunId: runId,
    NodeIds: chosen.map((n) => n.UniqueId),
  });
  process.stderr.write(`Resuming ${shortId(runId)} from ${chosen.map((n) => n.Name).join(', ')} as a new run:\n`);
  process.stdout.write(`${RunId}\n`);
  return flags.wait ? followToEnd(call, name, RunId) : 0;
}

async function withCall(endpointUrl: string | undefined, fn: (call: GlueCall) => Promise<number>): Promise<void> {
  let sluice: Sluice | undefined;
  try {
    let call: GlueCall;
    if (endpointUrl) {
      const { remote } = splitRemoteOptions(['--endpoint-url', endpointUrl]);
      call = (op, input) => callRemote(op, input, remote!) as Promise<any>;
    } else {
      sluice = await openSluice();
      call = sluice.call;
    }
    process.exitCode = await fn(call);
  } catch (err) {
    process.exitCode = reportError(err);
  } finally {
    await sluice?.close();
  }
}

export function registerWorkflowCommand(program: Command): void {
  const workflow = program.command('workflow').description('Run and resume workflows; add pipeline templates to sluice.yaml');
  workflow
    .command('run')
    .description('Start a workflow run and show each step until it ends')
    .argument('<name>', 'the workflow')
    .option('--property <name=value>', 'a run property (repeatable); jobs see it as --name', (v: string, all: string[]) => [...all, v], [])
    .option('--no-wait', 'print the run id and return at once')
    .option('--endpoint-url <url>', 'run it on a Sluice server instead of the project in this folder')
    .action((name: string, flags: RunFlags) => withCall(flags.endpointUrl, (call) => runWorkflow(call, name, flags)));
  workflow
    .command('resume')
    .description('Resume a completed workflow run from its failed steps (or --step …) as a new run, and show each step until it ends')
    .argument('<name>', 'the workflow')
    .argument('<run-id>', 'the run to resume (its id or a unique prefix of it)')
    .option(
      '--step <name>',
      'a job or crawler to run again, with what follows it (repeatable; default: the failed ones)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--no-wait', 'print the new run id and return at once')
    .option('--endpoint-url <url>', 'resume it on a Sluice server instead of the project in this folder')
    .action((name: string, runId: string, flags: { step: string[]; wait: boolean; endpointUrl?: string }) =>
      withCall(flags.endpointUrl, (call) => resumeWorkflow(call, name, runId, flags)),
    );
  workflow
    .command('template')
    .description(
      "Copy a pipeline template's job scripts into jobs/<template>/ and add its declarations to sluice.yaml (then: sluice plan, sluice apply)",
    )
    .argument('<template>', 'the template, e.g. ecommerce')
    .action((template: string) => {
      try {
        const root = findProjectRoot();
        if (!root) throw invalidInput("No sluice.yaml found here or above. Run 'sluice init' first.");
        const done = installPipelineTemplate(root, template);
        for (const s of done.scripts) process.stdout.write(`copied ${s}\n`);
        for (const [kind, names] of Object.entries(done.declared)) process.stdout.write(`declared ${kind}: ${names.join(', ')}\n`);
        process.stdout.write(`\nNext: sluice plan, then sluice apply.\n`);
      } catch (err) {
        process.exitCode = reportError(err);
      }
    });
}
