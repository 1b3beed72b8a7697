// `sluice api coverage`: which Glue operations Sluice serves, read from the registry itself (no
// project needed).
import type { Command } from 'commander';
import { Registry } from '../kernel/registry.js';
import { allOperations } from '../config/operations.js';
import { coverageOf, renderCoverageText } from '../kernel/coverage.js';

export function registerApiCommand(program: Command): void {
  const api = program.command('api').description('About the Glue API Sluice serves');
  api
    .command('coverage')
    .description('List the Glue operations implemented, partial (with what is missing) and not implemented')
    .option('--json', 'print the list as JSON')
    .action((o: { json?: boolean }) => {
      const c = coverageOf(new Registry(allOperations()));
      process.stdout.write(o.json ? `${JSON.stringify(c, null, 2)}\n` : renderCoverageText(c));
    });
}
