// Work that outlives the call that started it (crawls, job runs, evaluations) runs in a detached
// child process: `sluice _run <kind> <id>`. The run's row in the store is its only link back, so a
// later `get-…` sees it finish even when no server is running and the starting CLI has exited.
// The worker gets the project's root and its configuration as already loaded and validated, so it
// starts without reading sluice.yaml again (and without loading the YAML parser and zod): a run
// uses the configuration it was started with.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../config/project.js';
import { fileURLToPath } from 'node:url';

export interface RunLauncher {
  /** Starts the worker for (kind, id) in a detached process and returns its pid (0: queued, no process yet). */
  launch(kind: string, id: string, args?: string[]): number;
  /** True when launch() only leaves the run for a `sluice worker` to claim (src/cluster/queue-launcher.ts). */
  readonly queued?: boolean;
}

const BIN = fileURLToPath(new URL('../../bin/sluice.js', import.meta.url));

export function detachedLauncher(project: Project): RunLauncher {
  return {
    launch(kind, id, args = []) {
      const child = spawnWorker(project, [kind, id, ...args], `${id}.out`);
      child.unref();
      return child.pid ?? -1;
    },
  };
}

/**
 * Starts `sluice _run <argv…>` detached (its own process group, so it outlives its starter), its
 * output appended to .sluice/logs/<logName>; with ipc, it gets a channel to this process.
 */
export function spawnWorker(
  { root, config }: Project,
  argv: string[],
  logName: string,
  ipc = false,
  env: Record<string, string> = {},
): ChildProcess {
  const logDir = join(root, '.sluice', 'logs');
  mkdirSync(logDir, { recursive: true });
  const out = openSync(join(logDir, logName), 'a');
  try {
    return spawn(process.execPath, [BIN, '_run', ...argv], {
      cwd: root,
      detached: true,
      stdio: ['ignore', out, out, ...(ipc ? (['ipc'] as const) : [])],
      env: { ...process.env, ...env, SLUICE_PROJECT_ROOT: root, SLUICE_PROJECT_CONFIG: JSON.stringify(config) },
    });
  } finally {
    closeSync(out);
  }
}

/** In a run's worker process: the project its launcher handed it; otherwise undefined. */
export function launchedProject(): Project | undefined {
  const { SLUICE_PROJECT_ROOT: root, SLUICE_PROJECT_CONFIG: config } = process.env;
  return root && config ? { root, config: JSON.parse(config) as Project['config'] } : undefined;
}
