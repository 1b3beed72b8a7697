// The monitoring routes of the HTTP face, as one fastify plugin: GET /metrics (Prometheus), the
// dashboard (web/dist, under /ui/), API request metrics, and the monitor, which runs while the server
// listens. Not encapsulated (skip-override), so its onResponse hook sees the Glue endpoint's requests.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Sluice } from '../../kernel/services.js';
import { createMetricsRegistry } from '../metrics/prometheus.js';
import { observeApiRequest } from '../metrics/process-metrics.js';
import { Monitor } from '../observe/monitor.js';
import { registerDashboard } from './dashboard-routes.js';

export interface MonitoringPluginOptions {
  /** Runs the monitor while the server listens (default: monitoring.enabled in sluice.yaml). */
  monitor?: boolean;
}

const TARGET = /^AWSGlue\.(\w+)$/;

export function monitoringPlugin(sluice: Sluice, options: MonitoringPluginOptions = {}): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app: FastifyInstance) => {
    const metrics = createMetricsRegistry(sluice.services);

    app.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'POST' || request.routeOptions.url !== '/') return;
      const name = TARGET.exec(String(request.headers['x-amz-target'] ?? ''))?.[1];
      // Only registered names become labels: a client cannot grow the series without bound.
      const operation = name && sluice.registry.has(name) ? name : 'unknown';
      observeApiRequest(operation, reply.statusCode, reply.elapsedTime / 1000);
    });

    app.get('/metrics', async (_request, reply) => {
      const text = await metrics.metrics();
      return reply.header('content-type', metrics.contentType).send(text);
    });

    await registerDashboard(app);

    if (options.monitor ?? sluice.services.config.monitoring.enabled) {
      // Built now, so a notifier whose secret is missing stops the server from starting, saying why.
      let base: string | undefined;
      const monitor = new Monitor(sluice.services, {
        link: (alarm) => (base ? `${base}/ui/alarms?alarm=${encodeURIComponent(alarm)}` : undefined),
      });
      app.addHook('onListen', async () => {
        const address = app.server.address() as AddressInfo | null;
        if (address) base = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
        monitor.start();
      });
      app.addHook('onClose', async () => {
        await monitor.stop();
      });
    }
  };
  // fastify-plugin's marker, without the dependency: the hooks apply to the whole server.
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
