// The hidden `_run` command: the detached background half of Start… operations (runs/launcher.ts).
import type { Command } from 'commander';
import { openSluice } from '../config/compose.js';
import { workers } from '../runs/workers.js';

export function registerRunCommand(program: Command): void {
  program
    .command('_run', { hidden: true })
    .argument('<kind>')
    .argument('<id>')
    .argument('[args...]')
    .action(async (kind: string, id: string, args: string[]) => {
      const worker = workers[kind];
      if (!worker) throw new Error(`no worker for run kind '${kind}'`);
      const sluice = await openSluice();
      try {
        await worker(sluice, id, args);
      } finally {
        await sluice.close();
      }
    });
}
