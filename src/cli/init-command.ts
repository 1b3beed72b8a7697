// `sluice init [DIR]`: a project named after its folder. With --template, the one template mechanism
// (templates/<name>/pipeline.yaml): its scripts into jobs/<name>/, its databases, crawlers, jobs,
// workflow, triggers and rulesets into sluice.yaml, then applied — what `sluice workflow template`
// followed by `sluice apply` does in an existing project.
import type { Command } from 'commander';
import { initProject } from '../config/project.js';
import { invalidInput } from '../kernel/errors.js';
import { pipelineTemplates } from '../workflows/pipeline/template.js';

interface InitOptions {
  name?: string;
  raw: string;
  processed: string;
  curated: string;
  template?: string;
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('Create a Sluice project here: sluice.yaml, the .sluice/ state folder and the lake zones')
    .argument('[dir]', 'folder to create the project in', '.')
    .option('--name <name>', 'project name (default: the folder name)')
    .option('--raw <path>', 'raw zone location', 'lake/raw')
    .option('--processed <path>', 'processed zone location', 'lake/processed')
    .option('--curated <path>', 'curated zone location', 'lake/curated')
    .option(
      '--template <template>',
      `also install a pipeline template and apply it: its scripts into jobs/<template>/, its jobs, crawlers and workflow into sluice.yaml (${pipelineTemplates().join(', ')})`,
    )
    .action(async (dir: string, o: InitOptions) => {
      // Checked first, so a mistyped template leaves no half-made project behind.
      if (o.template !== undefined && !pipelineTemplates().includes(o.template)) {
        throw invalidInput(`There is no template ${o.template}; templates: ${pipelineTemplates().join(', ')}`);
      }
      const project = initProject(dir, { name: o.name, zones: { raw: o.raw, processed: o.processed, curated: o.curated } });
      const { root, config } = project;
      process.stdout.write(`Created Sluice project '${config.name}' in ${root}\n`);
      for (const [zone, loc] of Object.entries(config.zones)) process.stdout.write(`  ${zone.padEnd(10)} ${loc}\n`);
      if (o.template === undefined) return;
      const [{ openSluice }, { installPipelineTemplate }, { applyChanges, planProject }, { loadProject }] = await Promise.all([
        import('../config/compose.js'),
        import('../workflows/pipeline/template.js'),
        import('../workflows/pipeline/apply.js'),
        import('../config/project.js'),
      ]);
      const installed = installPipelineTemplate(root, o.template);
      const sluice = await openSluice({ project: loadProject(root) });
      try {
        await applyChanges(sluice, await planProject(sluice));
        process.stdout.write(
          `Installed the ${o.template} template: scripts in jobs/${o.template}/, declared in sluice.yaml and applied:\n`,
        );
        for (const [kind, names] of Object.entries(installed.declared)) process.stdout.write(`  ${kind.padEnd(10)} ${names.join(', ')}\n`);
        const workflow = installed.declared.workflows?.[0];
        process.stdout.write(`  try: sluice sample-data${workflow ? ` && sluice workflow run ${workflow}` : ''}\n`);
      } finally {
        await sluice.close();
      }
    });
}
