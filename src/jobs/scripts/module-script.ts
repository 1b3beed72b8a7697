// .ts / .js / .mjs job scripts: a module whose default export (or `main`) receives the GlueContext.
// Scripts are loaded through tsx's tsImport, so TypeScript works without a build and a .js file
// with `export default` runs whether or not its folder's package.json says "type": "module".
// A .mjs file is ES module JavaScript whatever its folder says: Node imports it as it is, which
// spares the run loading tsx (about a sixth of a second of start-up).
import { pathToFileURL } from 'node:url';
import { invalidInput } from '../../kernel/errors.js';
import type { RunSession } from '../runtime/run-session.js';
import { createGlueContext } from '../sdk/glue-context.js';

type Loaded = { default?: unknown; main?: unknown };

export async function runModuleScript(session: RunSession, path: string): Promise<void> {
  // The run id in the URL: a process that runs several jobs (tests) reloads a changed script.
  const url = `${pathToFileURL(path).href}?run=${session.runId}`;
  const mod = (path.endsWith('.mjs') ? await import(url) : await (await import('tsx/esm/api')).tsImport(path, import.meta.url)) as Loaded;
  // A module tsx compiled as CommonJS arrives wrapped: its exports are under default.
  const inner = mod.default && typeof mod.default === 'object' ? (mod.default as Loaded) : undefined;
  const fn = [mod.default, inner?.default, mod.main, inner?.main].find((f) => typeof f === 'function') as
    ((g: unknown) => unknown) | undefined;
  if (!fn) throw invalidInput(`The job script ${path} must export a default function (glue) => Promise<void>.`);
  await fn(createGlueContext(session));
}
