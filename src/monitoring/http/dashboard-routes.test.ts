// Serving the built dashboard: files from web/dist, index.html for the app's own routes, long caching
// only for hashed assets, nothing outside the folder, and a plain page when it was never built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerDashboard } from './dashboard-routes.js';

const root = mkdtempSync(join(tmpdir(), 'sluice-web-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function app(dir: string) {
  const a = Fastify();
  await registerDashboard(a, dir);
  return a;
}

describe('dashboard routes', () => {
  it('serves index.html for app routes, assets with long caching, and redirects / to /ui/', async () => {
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Sluice</title>');
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'not for you');
    const a = await app(dist);
    const home = await a.inject('/');
    expect([home.statusCode, home.headers.location]).toEqual([302, '/ui/']);
    for (const path of ['/ui/', '/ui/runs/jr_1', '/ui/catalog/raw/orders']) {
      const r = await a.inject(path);
      expect([r.statusCode, r.body, r.headers['cache-control']]).toEqual([200, '<!doctype html><title>Sluice</title>', 'no-cache']);
    }
    const js = await a.inject('/ui/assets/index-abc.js');
    expect([js.statusCode, js.body, js.headers['cache-control']]).toEqual([200, 'console.log(1)', 'public, max-age=31536000, immutable']);
    expect(js.headers['content-type']).toMatch(/javascript/);
    const escape = await a.inject('/ui/../secret.txt');
    expect(escape.body).not.toContain('not for you');
    const encoded = await a.inject('/ui/%2e%2e/secret.txt');
    expect(encoded.body).not.toContain('not for you');
    await a.close();
  });

  it('says how to build the dashboard when web/dist is missing', async () => {
    const a = await app(join(root, 'never-built'));
    const r = await a.inject('/ui/');
    expect(r.statusCode).toBe(503);
    expect(r.body).toContain('run <code>npm run build:web</code>');
    await a.close();
  });
});
