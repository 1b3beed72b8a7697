import type { Command } from 'commander';
import { initProject } from '../config/project.js';
import { invalidInput } from '../kernel/errors.js';
import { TEMPLATES } from '../jobs/templates/install-template.js';

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
    .option('--name <name>', 'project name')
    .option('--raw <path>', 'raw zone location', 'lake/raw')
    .option('--processed <path>', 'processed zone location', 'lake/processed')
    .option('--curated <path>', 'curated zone location', 'lake/curated')
    .option(
      '--template <template>',
      `also install a job template: its scripts into jobs/<template>/ and its jobs (${Object.keys(TEMPLATES).join(', ')})`,
    )
    .action(async (dir: string, o: InitOptions) => {
      // Checked first, so a mistyped template leaves no half-made project behind.
      if (o.template !== undefined && !TEMPLATES[o.template]) {
        throw invalidInput(`There is no job template ${o.template}; templates: ${Object.keys(TEMPLATES).join(', ')}`);
      }
      const project = initProject(dir, { name: o.name, zones: { raw: o.raw, processed: o.processed, curated: o.curated } });
      const { root, config } = project;
      process.stdout.write(`Created Sluice project '${config.name}' in ${root}\n`);
      for (const [zone, loc] of Object.entries(config.zones)) process.stdout.write(`  ${zone.padEnd(10)} ${loc}\n`);
      if (o.template === undefined) return;
      const { openSluice } = await import('../config/compose.js');
      const { installTemplate } = await import('../jobs/templates/install-template.js');
      const sluice = await openSluice({ project });
      try {
        const jobs = await installTemplate(sluice, o.template);
        process.stdout.write(`Installed the ${o.template} template: scripts in jobs/${o.template}/, jobs ${jobs.join(', ')}\n`);
        process.stdout.write(`  try: sluice sample-data && sluice job run ${jobs[0]}\n`);
      } finally {
        await sluice.close();
      }
    });
}
