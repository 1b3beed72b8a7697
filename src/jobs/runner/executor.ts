// `sluice _run job-exec <runId>`: the process that runs a job's script, forked by the supervisor.
// It exits as soon as its supervisor is gone, so a killed run never goes on writing.
import type { Sluice } from '../../config/compose.js';
import { runJobInProcess } from './run-job.js';

export async function executeJobRun(sluice: Sluice, runId: string): Promise<void> {
  process.on('disconnect', () => process.exit(70));
  try {
    if (!(await runJobInProcess(sluice.services, runId))) process.exitCode = 1;
  } finally {
    // The IPC channel to the supervisor would keep this process alive; closing it lets it exit.
    process.removeAllListeners('disconnect');
    process.disconnect?.();
  }
}
