// `sluice _run job <runId> [timeoutMinutes]`: the process that runs a job's script, started detached
// by StartJobRun (runs/launcher.ts). Start-up is on the clock (request → first row read), so it forks
// its supervisor (supervisor.ts) before anything else and loads the rest while the supervisor boots
// on another core, instead of waiting for a supervisor to boot and fork it. It claims the run itself
// (STARTING → RUNNING), recording the supervisor as the run's process (runs.pid): the one that stop
// signals reach and whose life says whether the run is still looked after.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/sluice.js', import.meta.url));

export async function executeJobRun(runId: string, timeoutMinutes: string | undefined): Promise<void> {
  // Detached: the supervisor leads a process group of its own, as the run's process always has.
  const supervisor = fork(BIN, ['_run', 'job-watch', runId, String(process.pid), timeoutMinutes ?? ''], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A run never goes on without its supervisor: when it is gone (killed, or it could not start),
  // this process ends at once, mid-write or not; staging and scratch are swept by later runs.
  const orphaned = () => process.kill(process.pid, 'SIGKILL');
  supervisor.once('exit', orphaned);
  supervisor.once('error', orphaned);
  const [{ openServices }, { launchedProject }, { runJobInProcess }, { setCrashPeers }] = await Promise.all([
    import('../../config/compose.js'),
    import('../../runs/launcher.js'),
    import('./run-job.js'),
    import('../../runs/crash-points.js'),
  ]);
  setCrashPeers({ supervisor: supervisor.pid });
  const { services, close } = await openServices({ project: launchedProject() });
  try {
    if (!(await runJobInProcess(services, runId, { claim: { pid: supervisor.pid ?? process.pid } }))) process.exitCode = 1;
  } finally {
    await close();
    // The result is recorded: the supervisor may outlive this process (it logs the end and retries).
    supervisor.off('exit', orphaned);
    supervisor.off('error', orphaned);
    supervisor.disconnect();
    supervisor.unref();
  }
}
