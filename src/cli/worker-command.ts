// `sluice worker`: a process that claims queued runs from the project's metadata store and executes
// them (src/cluster/worker.ts); `sluice workers [--json]`: the workers, their capacity, load and
// heartbeat. Both open the project in this folder (its sluice.yaml names the shared store).
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { openServices, openSluice } from '../config/compose.js';
import { invalidInput } from '../kernel/errors.js';
import { jsonLineLog } from '../workflows/server/log.js';
import { formatColumns } from './cli-call.js';
import { reportError } from './output.js';

interface WorkerFlags {
  capacity?: string;
  labels?: string;
  pollMs?: string;
}

export function registerWorkerCommands(program: Command): void {
  program
    .command('worker')
    .description('Claim queued runs (jobs, crawls, quality runs) from the shared metadata store and execute them')
    .option('--capacity <n>', 'how many runs at once (default: the number of cores)')
    .option('--labels <labels>', 'what this worker offers, comma-separated; a job asks with its --worker-labels argument')
    .option('--poll-ms <ms>', 'how often the queue is polled when there is room')
    .action(async (o: WorkerFlags) => {
      try {
        const capacity = o.capacity === undefined ? availableParallelism() : Number(o.capacity);
        if (!Number.isInteger(capacity) || capacity < 1)
          throw invalidInput(`--capacity is a whole number of at least 1, not '${o.capacity}'`);
        const labels = (o.labels ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const sluice = await openSluice();
        const log = jsonLineLog();
        const { startWorker } = await import('../cluster/worker.js');
        const worker = await startWorker(sluice, { capacity, labels, pollMs: o.pollMs ? Number(o.pollMs) : undefined, log });
        process.stdout.write(
          `Sluice worker ${worker.id()} running (capacity ${capacity}${labels.length ? `, labels ${labels.join(',')}` : ''})\n`,
        );
        let stops = 0;
        const stop = async () => {
          if (++stops > 1) process.exit(130);
          log('info', 'worker stopping: no new runs; waiting for the ones it has (again to quit at once)');
          await worker.stop();
          await sluice.close();
        };
        process.on('SIGINT', () => void stop());
        process.on('SIGTERM', () => void stop());
      } catch (e) {
        process.exitCode = reportError(e);
      }
    });

  program
    .command('workers')
    .description('List the workers: id, host, pid, capacity, running, completed, last heartbeat')
    .option('--json', 'print the workers as JSON')
    .action(async (o: { json?: boolean }) => {
      let opened;
      try {
        opened = await openServices();
        const { listWorkers } = await import('../cluster/workers-repo.js');
        const workers = await listWorkers(opened.services.store.db);
        if (o.json) {
          process.stdout.write(`${JSON.stringify(workers, null, 2)}\n`);
          return;
        }
        const header = ['ID', 'HOST', 'PID', 'STATE', 'CAPACITY', 'RUNNING', 'COMPLETED', 'LABELS', 'LAST HEARTBEAT'];
        const rows = workers.map((w) => [
          w.id,
          w.host,
          String(w.pid),
          w.state,
          String(w.capacity),
          String(w.running),
          String(w.completed),
          w.labels.join(','),
          w.lastHeartbeat,
        ]);
        process.stdout.write(workers.length ? `${formatColumns(header, rows)}\n` : 'No workers.\n');
      } catch (e) {
        process.exitCode = reportError(e);
      } finally {
        await opened?.close();
      }
    });
}
