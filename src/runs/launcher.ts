// Work that outlives the call that started it (crawls, job runs, evaluations) runs in a detached
// child process: `sluice _run <kind> <id>`. The run's row in the store is its only link back, so a
// later `get-…` sees it finish even when no server is running and the starting CLI has exited.
// The worker gets the project's root and its configuration as already loaded and validated, so it
// starts without reading sluice.yaml again (and without loading the YAML parser and zod): a run
// uses the configuration it was started with.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../config/project.js';
import { fileURLToPath } from 'node:url';

export interface RunLauncher {
  /** Starts the worker for (kind, id) in a detached process and returns its pid. */
  launch(kind: string, id: string, args?: string[]): number;
}

const BIN = fileURLToPath(new URL('../../bin/sluice.js', import.meta.url));

export function detachedLauncher({ root, config }: Project): RunLauncher {
  return {
    launch(kind, id, args = []) {
      const logDir = join(root, '.sluice', 'logs');
      mkdirSync(logDir, { recursive: true });
      const out = openSync(join(logDir, `${id}.out`), 'a');
      try {
        const child = spawn(process.execPath, [BIN, '_run', kind, id, ...args], {
          cwd: root,
          detached: true,
          stdio: ['ignore', out, out],
          env: { ...process.env, SLUICE_PROJECT_ROOT: root, SLUICE_PROJECT_CONFIG: JSON.stringify(config) },
        });
        child.unref();
        return child.pid ?? -1;
      } finally {
        closeSync(out);
      }
    },
  };
}

/** In a run's worker process: the project its launcher handed it; otherwise undefined. */
export function launchedProject(): Project | undefined {
  const { SLUICE_PROJECT_ROOT: root, SLUICE_PROJECT_CONFIG: config } = process.env;
  return root && config ? { root, config: JSON.parse(config) as Project['config'] } : undefined;
}
