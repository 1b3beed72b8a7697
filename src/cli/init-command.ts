import type { Command } from 'commander';
import { initProject } from '../config/project.js';

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('Create a Sluice project here: sluice.yaml, the .sluice/ state folder and the lake zones')
    .argument('[dir]', 'folder to create the project in', '.')
    .option('--name <name>', 'project name')
    .option('--raw <path>', 'raw zone location', 'lake/raw')
    .option('--processed <path>', 'processed zone location', 'lake/processed')
    .option('--curated <path>', 'curated zone location', 'lake/curated')
    .action((dir: string, o: { name?: string; raw: string; processed: string; curated: string }) => {
      const { root, config } = initProject(dir, { name: o.name, zones: { raw: o.raw, processed: o.processed, curated: o.curated } });
      process.stdout.write(`Created Sluice project '${config.name}' in ${root}\n`);
      for (const [zone, loc] of Object.entries(config.zones)) process.stdout.write(`  ${zone.padEnd(10)} ${loc}\n`);
    });
}
