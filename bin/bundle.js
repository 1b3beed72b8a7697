// The CLI and the run workers as one esbuild bundle of src/ and its dependencies, rebuilt when a
// source changes. Through tsx, Node resolves, compiles and loads some 1,500 files one by one (about
// 1.3 s before a job run does anything, 2 s for `sluice --help` on a 2-core machine); the bundle
// loads in a fraction of that, which is what brings a job's first row read within 300 ms of its
// StartJobRun. Each bundle lives in node_modules/.cache/sluice/<stamp>/, where the stamp fingerprints
// every source file (path, size, modification time), the lock file and this file: an edited source
// makes a new stamp, and a process already running keeps loading from the bundle it started with.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const CACHE = join(ROOT, 'node_modules', '.cache', 'sluice');
/** Entry points, by their path under src/ without the extension. */
const ENTRIES = ['cli/main', 'cli/output', 'runs/workers'];
/**
 * Left to Node: native addons and packages that find their own files at run time (tsx registers
 * loader hooks by file URL; pino starts worker threads from its files; esbuild runs its binary).
 */
const EXTERNAL = [
  'better-sqlite3',
  '@duckdb/node-bindings*',
  'pg-native',
  'tsx',
  'tsx/*',
  'esbuild',
  'pino',
  'thread-stream',
  'vite',
  'fsevents',
];
/** Older bundles are removed once they are this old (a run started from one may still need its chunks). */
const KEEP_MS = 24 * 3600_000;

function stamp() {
  const hash = createHash('sha256');
  const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const f of [...files, join(ROOT, 'package-lock.json'), fileURLToPath(import.meta.url)]) {
    const s = statSync(f, { throwIfNoEntry: false });
    hash.update(`${f}\0${s?.size}\0${s?.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Each source keeps its own import.meta.url, so paths relative to it (bin/, templates/, the API model) still resolve. */
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

async function buildInto(dir) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, join(SRC, `${e}.ts`)])),
    outdir: dir,
    bundle: true,
    // Dynamic imports stay lazy: each becomes a chunk loaded when the code path needs it.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: { js: "import { createRequire as __sluiceRequire } from 'node:module'; const require = __sluiceRequire(import.meta.url);" },
    plugins: [keepImportMetaUrl],
    logLevel: 'silent',
  });
}

/**
 * The folder of a bundle of the current sources (entries at <folder>/<entry>.js), built first when
 * there is none; undefined when it cannot be built (a source that does not compile: the caller then
 * loads the sources through tsx, which reports the error where it is).
 */
export async function currentBundle() {
  const id = stamp();
  const dir = join(CACHE, id);
  if (!existsSync(dir)) {
    mkdirSync(CACHE, { recursive: true });
    const tmp = join(CACHE, `.${id}-${process.pid}`);
    try {
      await buildInto(tmp);
      renameSync(tmp, dir);
    } catch {
      // Another process finished the same bundle first (the rename found it there), or the build failed.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(dir)) return undefined;
    }
    removeOldBundles(id);
  }
  return dir;
}

function removeOldBundles(current) {
  for (const name of readdirSync(CACHE)) {
    if (name === current) continue;
    const path = join(CACHE, name);
    if (Date.now() - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true });
  }
}
