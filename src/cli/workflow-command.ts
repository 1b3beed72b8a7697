// `sluice workflow run NAME`: starts a workflow run and prints each job and crawler as it starts and
// ends, then what each produced; the exit code is 0 only when every step succeeded (the run itself
// is COMPLETED even when a step failed, as in Glue). Works embedded or against a server
// (--endpoint-url). `sluice workflow template NAME` installs a pipeline template into sluice.yaml.
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
  if (!flags.wait) return 0;
  const run = await followWorkflowRun(call, name, RunId, (e) =>
    process.stderr.write(`  ${e.state.padEnd(9)} ${e.type === 'JOB' ? 'job' : 'crawler'} ${e.name}\n`),
  );
  process.stdout.write(`\nWorkflow run ${RunId} ${run.Status}${run.ErrorMessage ? `: ${run.ErrorMessage}` : ''}\n`);
  const steps = nodeEvents(run);
  for (const [i, e] of steps.entries()) process.stdout.write(`  ${i + 1}. ${await stepSummary(call, e)}\n`);
  const ok = run.Status === 'COMPLETED' && steps.every((e) => e.state === 'SUCCEEDED');
  return ok ? 0 : 1;
}

export function registerWorkflowCommand(program: Command): void {
  const workflow = program.command('workflow').description('Run workflows and install pipeline templates');
  workflow
    .command('run')
    .description('Start a workflow run and show each step until it ends')
    .argument('<name>', 'the workflow')
    .option('--property <name=value>', 'a run property (repeatable); jobs see it as --name', (v: string, all: string[]) => [...all, v], [])
    .option('--no-wait', 'print the run id and return at once')
    .option('--endpoint-url <url>', 'run it on a Sluice server instead of the project in this folder')
    .action(async (name: string, flags: RunFlags) => {
      let sluice: Sluice | undefined;
      try {
        let call: GlueCall;
        if (flags.endpointUrl) {
          const { remote } = splitRemoteOptions(['--endpoint-url', flags.endpointUrl]);
          call = (op, input) => callRemote(op, input, remote!) as Promise<any>;
        } else {
          sluice = await openSluice();
          call = sluice.call;
        }
        process.exitCode = await runWorkflow(call, name, flags);
      } catch (err) {
        process.exitCode = reportError(err);
      } finally {
        await sluice?.close();
      }
    });
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
