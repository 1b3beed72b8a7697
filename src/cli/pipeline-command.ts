// `sluice plan` and `sluice apply`: pipeline as code. plan prints what apply would create, change,
// replace or delete to make Sluice match the databases, crawlers, jobs, workflows, triggers and
// rulesets sluice.yaml declares (or --file's); apply makes it so through the same Glue operations,
// and applying again changes nothing.
import type { Command } from 'commander';
import { openSluice, type Sluice } from '../config/compose.js';
import { applyChanges, planProject } from '../workflows/pipeline/apply.js';
import { formatPlan } from '../workflows/pipeline/plan.js';
import { reportError } from './output.js';

interface Flags {
  file?: string;
}

/** Opens the project, runs fn, reports an error as the CLI does, and closes the project. */
export async function withSluice(fn: (sluice: Sluice) => Promise<void>): Promise<void> {
  let sluice: Sluice | undefined;
  try {
    sluice = await openSluice();
    await fn(sluice);
  } catch (err) {
    process.exitCode = reportError(err);
  } finally {
    await sluice?.close();
  }
}

export function registerPipelineCommands(program: Command): void {
  program
    .command('plan')
    .description('Show what `sluice apply` would create, change or delete to match sluice.yaml')
    .option('--file <yaml>', 'take the declarations from this file instead of sluice.yaml')
    .action((flags: Flags) =>
      withSluice(async (sluice) => {
        process.stdout.write(formatPlan(await planProject(sluice, flags.file)));
      }),
    );
  program
    .command('apply')
    .description('Create, change and delete databases, crawlers, jobs, workflows, triggers and rulesets to match sluice.yaml')
    .option('--file <yaml>', 'take the declarations from this file instead of sluice.yaml')
    .action((flags: Flags) =>
      withSluice(async (sluice) => {
        const changes = await planProject(sluice, flags.file);
        process.stdout.write(formatPlan(changes));
        if (changes.every((c) => c.action === 'unchanged')) return;
        process.stdout.write('\n');
        await applyChanges(sluice, changes, (line) => process.stdout.write(`${line}\n`));
        const n = (a: string) => changes.filter((c) => c.action === a).length;
        process.stdout.write(
          `\nApply complete: ${n('create')} added, ${n('update')} changed, ${n('replace')} replaced, ${n('delete')} destroyed.\n`,
        );
      }),
    );
}
