// The dashboard is built on first use in a clone: a copy of web/ without dist is stale, gets built
// (real vite), is current afterwards, and is stale again when a source changes. A folder without
// sources (an installed package) is never rebuilt.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardIsStale, ensureDashboardBuilt, WEB_DIR } from './dashboard-build.js';

const root = mkdtempSync(join(tmpdir(), 'sluice-web-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('building the dashboard on first use', () => {
  it('builds a clone whose web/dist is missing, and again once a source is newer', async () => {
    const web = join(root, 'web');
    for (const f of ['src', 'index.html', 'vite.config.ts']) cpSync(join(WEB_DIR, f), join(web, f), { recursive: true });
    // The copy resolves react and vite's plugins from the package's own node_modules.
    symlinkSync(join(WEB_DIR, '..', 'node_modules'), join(root, 'node_modules'));
    expect(dashboardIsStale(web)).toBe(true);
    await ensureDashboardBuilt(web);
    expect(existsSync(join(web, 'dist', 'index.html'))).toBe(true);
    expect(existsSync(join(web, '.build-lock'))).toBe(false);
    expect(dashboardIsStale(web)).toBe(false);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(web, 'src', 'app.tsx'), later, later);
    expect(dashboardIsStale(web)).toBe(true);
  }, 120_000);

  it('leaves an installed package (web/dist without web/src) alone', async () => {
    const web = join(root, 'installed', 'web');
    mkdirSync(join(web, 'dist'), { recursive: true });
    expect(dashboardIsStale(web)).toBe(false);
    await ensureDashboardBuilt(web);
    expect(existsSync(join(web, 'dist', 'index.html'))).toBe(false);
  });
});
