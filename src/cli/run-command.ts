// The hidden `_run` command: the detached background half of Start… operations (runs/launcher.ts).
// bin/sluice.js sends `_run` straight to runs/workers.ts without loading the CLI; this entry keeps
// `_run` working for whoever builds the program from main.ts.
import type { Command } from 'commander';

export function registerRunCommand(program: Command): void {
  program
    .command('_run', { hidden: true })
    .argument('<kind>')
    .argument('<id>')
    .argument('[args...]')
    .action(async (kind: string, id: string, args: string[]) => {
      const { runWorker } = await import('../runs/workers.js');
      await runWorker([kind, id, ...args]);
    });
}
