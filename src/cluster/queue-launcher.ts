// With `cluster: { execute: workers }` nothing starts a run's process where the run is started: the
// run's row, written before launch() is called, is its place in the queue, and a `sluice worker`
// claims it (claims.ts). Job runs are recorded WAITING until then (Glue's state for a run waiting
// for capacity), so no reaper takes a queued run for one whose process never came up.
import type { RunLauncher } from '../runs/launcher.js';

export function queueLauncher(): RunLauncher {
  return {
    queued: true,
    // 0: no process; the ledger records none (recordPid ignores it) until a worker claims the run.
    launch: () => 0,
  };
}
