// Vitest globalSetup: builds the dashboard (web/ → web/dist) when it is missing or older than its
// sources, so a fresh clone's `npm test` (and `npx vitest run test/e2e/dashboard.test.ts`) serve the
// current app. Concurrent test runs take turns through a lock folder; each builds into its own folder
// and swaps it in, so a server never sees a half-written build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(WEB, 'dist');
const LOCK = join(WEB, '.build-lock');
const VITE = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

export function isStale(): boolean {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newest(join(WEB, 'src')), newest(join(WEB, 'index.html')), newest(join(WEB, 'vite.config.ts')));
  return sources > statSync(index).mtimeMs;
}

async function withLock<T>(fn: () => T): Promise<T> {
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than two minutes belongs to a build that died.
      if (waited > 120_000 || Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 120_000)
        rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function buildDashboard(): void {
  const out = join(WEB, `.dist-${process.pid}`);
  const r = spawnSync(process.execPath, [VITE, 'build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: WEB,
    env: { ...process.env, SLUICE_WEB_OUT_DIR: out },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`building the dashboard failed:\n${r.stdout}\n${r.stderr}`);
  }
  rmSync(DIST, { recursive: true, force: true });
  renameSync(out, DIST);
}

export default async function setup(): Promise<void> {
  if (!isStale()) return;
  await withLock(() => {
    if (isStale()) buildDashboard();
  });
}
