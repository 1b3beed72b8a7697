import type { Command } from 'commander';
import { runDemo } from '../demo/demo.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Run the demo pipeline end to end in a fresh project folder (default ./demo-project)')
    .argument('[dir]', 'folder for the demo project; an earlier demo there is replaced', 'demo-project')
    .option('--scale <n>', 'multiply the sample data', (v) => Number(v), 1)
    .action(async (dir: string, o: { scale: number }) => {
      await runDemo({ dir, scale: o.scale });
    });
}
