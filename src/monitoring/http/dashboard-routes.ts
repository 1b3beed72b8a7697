// Serves the dashboard (web/, built into web/dist by dashboard-build.ts when the server starts in a
// clone whose build is missing or stale, or by `npm run build:web`) under /ui/. Any path under
// /ui/ that is not a built file gets index.html, so the app's own routes (/ui/runs/…) survive a
// reload. Hashed assets are cached for good; index.html never is, so a new build shows at once.
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ensureDashboardBuilt } from './dashboard-build.js';

/** web/dist at the package root: three levels up from src/monitoring/http (and dist/monitoring/http). */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const escapeHtml = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
const notBuilt = (why: string) => `<!doctype html><meta charset="utf-8"><title>Sluice</title>
<p>The Sluice dashboard could not be built: run <code>npm run build:web</code> in the Sluice package, then reload.</p>
<pre>${escapeHtml(why)}</pre>`;

export async function registerDashboard(app: FastifyInstance, dir = DASHBOARD_DIR): Promise<void> {
  // The package's own dashboard is built here when its sources are newer; a build that fails leaves
  // the API serving and says why on /ui/.
  let buildError = 'web/dist/index.html is missing';
  if (dir === DASHBOARD_DIR)
    await ensureDashboardBuilt().catch((e: Error) => {
      buildError = e.message;
      app.log.error(e.message);
    });
  await app.register(fastifyStatic, { root: dir, serve: false });

  app.get('/', async (_request, reply) => reply.redirect('/ui/'));
  app.get('/ui', async (_request, reply) => reply.redirect('/ui/'));

  app.get('/ui/*', async (request, reply) => {
    if (!existsSync(join(dir, 'index.html'))) return reply.status(503).type('text/html; charset=utf-8').send(notBuilt(buildError));
    const wanted = normalize((request.params as { '*': string })['*'] ?? '');
    const file = join(dir, wanted);
    if (
      wanted &&
      !wanted.startsWith('..') &&
      file.startsWith(dir.endsWith(sep) ? dir : dir + sep) &&
      existsSync(file) &&
      statSync(file).isFile()
    ) {
      const hashed = wanted.startsWith(`assets${sep}`);
      return reply.sendFile(wanted, { maxAge: hashed ? '365d' : 0, immutable: hashed, cacheControl: true });
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  });
}
