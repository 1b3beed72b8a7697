#!/usr/bin/env node
// Runs the compiled CLI in an installed package (dist/ without src/); in a clone, a bundle of the
// TypeScript sources (bin/bundle.js, rebuilt when a source changes), or the sources themselves
// through tsx when the bundle cannot be built or SLUICE_NO_BUNDLE is set — so a fresh clone works
// without a build step, and a dist/ left by `npm pack` in a clone never runs older code than src/.
// `sluice _run …` (a run's background processes) goes straight to the run workers: loading the
// whole CLI would cost every job run start-up time.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fromDist =
  existsSync(join(root, 'dist', 'cli', 'main.js')) && !existsSync(join(root, 'src', 'cli', 'main.ts')) && !process.env.SLUICE_FROM_SOURCE;
const bundle = fromDist || process.env.SLUICE_NO_BUNDLE ? undefined : await (await import('./bundle.js')).currentBundle();
if (!fromDist && !bundle) {
  const { register } = await import('tsx/esm/api');
  register();
}
const entry = (folder, name) => {
  if (fromDist) return pathToFileURL(join(root, 'dist', folder, `${name}.js`)).href;
  return pathToFileURL(bundle ? join(bundle, folder, `${name}.js`) : join(root, 'src', folder, `${name}.ts`)).href;
};

if (process.argv[2] === '_run') {
  const [{ runWorker }, { reportError }] = await Promise.all([import(entry('runs', 'workers')), import(entry('cli', 'output'))]);
  await runWorker(process.argv.slice(3)).catch((err) => {
    process.exitCode = reportError(err);
  });
} else {
  await import(entry('cli', 'main'));
}
