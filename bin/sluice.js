#!/usr/bin/env node
// Runs the compiled CLI when the package is built, otherwise the TypeScript sources through tsx,
// so a fresh clone works without a build step. `sluice _run …` (a run's background processes) goes
// straight to the run workers: loading the whole CLI would cost every job run seconds of start-up.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fromDist = existsSync(join(root, 'dist', 'cli', 'main.js')) && !process.env.SLUICE_FROM_SOURCE;
if (!fromDist) {
  const { register } = await import('tsx/esm/api');
  register();
}
const entry = (folder, name) => pathToFileURL(fromDist ? join(root, 'dist', folder, `${name}.js`) : join(root, 'src', folder, `${name}.ts`)).href;

if (process.argv[2] === '_run') {
  const [{ runWorker }, { reportError }] = await Promise.all([import(entry('runs', 'workers')), import(entry('cli', 'output'))]);
  await runWorker(process.argv.slice(3)).catch((err) => {
    process.exitCode = reportError(err);
  });
} else {
  await import(entry('cli', 'main'));
}
