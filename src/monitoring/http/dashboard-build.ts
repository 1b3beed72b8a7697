// Builds the dashboard (web/ → web/dist) when it is missing or older than its sources, so that
// `sluice server` in a fresh clone serves it after `npm ci` alone, and again after a `git pull` that
// changed it — the way bin/bundle.js keeps the CLI bundle current. An installed package ships
// web/dist without web/src, so there is nothing to build and this returns at once. Concurrent
// builders take turns through a lock folder; each builds into its own folder and swaps it in, so a
// server never serves a half-written build. Vitest's globalSetup (web/scripts/ensure-built.ts) calls
// the same function before the browser tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The package's own dashboard sources (a test builds a copy elsewhere). */
export const WEB_DIR = join(ROOT, 'web');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
/** A lock older than this belongs to a build that died. */
const STALE_LOCK_MS = 120_000;

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** True when there are sources (a clone, not an installed package) and web/dist is missing or older. */
export function dashboardIsStale(web = WEB_DIR): boolean {
  if (!existsSync(join(web, 'src'))) return false;
  const index = join(web, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newest(join(web, 'src')), newest(join(web, 'index.html')), newest(join(web, 'vite.config.ts')));
  return sources > statSync(index).mtimeMs;
}

async function withLock<T>(lock: string, fn: () => T): Promise<T> {
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (waited > STALE_LOCK_MS || age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function build(web: string): void {
  if (!existsSync(VITE)) throw new Error(`the dashboard cannot be built without vite (${VITE}): run npm ci in ${ROOT}`);
  const out = join(web, `.dist-${process.pid}`);
  const r = spawnSync(process.execPath, [VITE, 'build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: web,
    env: { ...process.env, SLUICE_WEB_OUT_DIR: out },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`building the dashboard failed:\n${r.stdout}\n${r.stderr}`);
  }
  rmSync(join(web, 'dist'), { recursive: true, force: true });
  renameSync(out, join(web, 'dist'));
}

/** Builds web/dist when it is stale (about a second); throws with the build's output when it fails. */
export async function ensureDashboardBuilt(web = WEB_DIR): Promise<void> {
  if (!dashboardIsStale(web)) return;
  await withLock(join(web, '.build-lock'), () => {
    if (dashboardIsStale(web)) build(web);
  });
}
