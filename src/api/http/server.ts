// The HTTP face: the Glue endpoint (POST / with X-Amz-Target) for the AWS CLI and SDKs. It only
// authenticates, decodes, dispatches into the one Registry and encodes; no operation logic lives here.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Sluice } from '../../kernel/services.js';
import { SluiceError } from '../../kernel/errors.js';
import { createAuthenticator, type Authenticator } from '../../security/authenticator.js';
import { accessKeyWarnings, resolveAccessKeys } from '../../security/access-keys.js';
import { assertDevModeHost } from '../../security/loopback.js';
import { createGuard, type Guard } from '../../security/guard.js';
import { metricsTokenCheck } from '../../security/metrics-token.js';
import { resourcesOf } from '../../security/resources.js';
import { AuditTrail } from '../../security/audit/trail.js';
import { recordCall, scheduleRetention, type AuditedCall } from '../../security/audit/record-call.js';
import { CONTENT_TYPE, errorResponse, operationOf, parseBody } from './protocol.js';
import { encodeWire } from './wire.js';
import { wipeMetadata } from './reset.js';
import { monitoringPlugin } from '../../monitoring/http/plugin.js';

export interface ServerOptions {
  /** Defaults to config.server.host (127.0.0.1). */
  host?: string;
  /** Defaults to config.server.port; 0 picks a free port. */
  port?: number;
  /** Accept any signature; defaults to config.security.dev. Only on loopback addresses. */
  dev?: boolean;
  /** Log requests and faults with pino (to stdout). */
  logger?: boolean;
  /** The clock for signature expiry, in epoch milliseconds (tests). */
  now?: () => number;
  /** Serve HTTPS with this certificate and key (PEM text); `sluice server --tls-cert/--tls-key`. */
  tls?: { cert: string; key: string };
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  dev: boolean;
  app: FastifyInstance;
  close(): Promise<void>;
}

const EMPTY = new Uint8Array(0);
/** Glue's batch operations take up to a few MB of JSON (e.g. 100 partitions with their columns). */
const BODY_LIMIT = 32 * 1024 * 1024;

export function buildApp(
  sluice: Sluice,
  options: { authenticate: Authenticator; dev: boolean; logger?: boolean; tls?: ServerOptions['tls']; guard?: Guard },
): FastifyInstance {
  const guard = options.dev ? undefined : (options.guard ?? createGuard(sluice.services));
  const trail = !options.dev && sluice.services.config.security.audit.enabled ? new AuditTrail(sluice.services.store.db) : undefined;
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT,
    // Fastify's types split HTTP and HTTPS instances; the routes are the same for both.
    ...((options.tls ? { https: options.tls } : {}) as object),
  }) as FastifyInstance;
  if (trail) scheduleRetention(app, trail, sluice.services.config.security.audit.retentionDays);
  // The signature covers the exact bytes received, so every body is kept raw and parsed here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const metricsCheck = options.dev ? undefined : metricsTokenCheck(sluice.services.config.security);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-amzn-RequestId', request.id);
    if (metricsCheck && request.method === 'GET' && request.url.split('?')[0] === '/metrics') {
      const check = metricsCheck(request.headers.authorization);
      if (!check.ok) return reply.status(401).header('www-authenticate', 'Bearer realm="sluice"').type('text/plain').send(check.message);
    }
  });

  app.setErrorHandler(async (err, request, reply) => {
    const sluiceError =
      err instanceof SluiceError
        ? err
        : (err as { statusCode?: number }).statusCode && (err as { statusCode: number }).statusCode < 500
          ? new SluiceError('SerializationException', err instanceof Error ? err.message : String(err))
          : err;
    const res = errorResponse(sluiceError);
    if (res.status >= 500) request.log.error({ err }, 'internal fault');
    return reply.status(res.status).headers(res.headers).send(Buffer.from(res.body));
  });

  app.post('/', async (request, reply) => {
    const body = (request.body as Buffer | undefined) ?? EMPTY;
    const [path, query = ''] = (request.raw.url ?? '/').split('?', 2);
    const audit: AuditedCall = { requestId: request.id, sourceIp: request.ip, authorization: request.headers.authorization };
    // Named before authentication, so a refused request's record says what it tried (registered names only).
    const named = String(request.headers['x-amz-target'] ?? '').replace(/^AWSGlue\./, '');
    audit.operation = sluice.registry.has(named) ? named : undefined;
    try {
      const principal = (audit.principal = options.authenticate({ method: request.method, path, query, headers: request.headers, body }));
      const operation = operationOf(request.headers['x-amz-target']);
      const input = parseBody(body);
      const resources = guard ? resourcesOf(operation, (input ?? {}) as Record<string, unknown>, principal) : undefined;
      audit.resources = resources?.resources;
      const guarded = guard ? await guard.before(principal, operation, input, request.ip, resources) : undefined;
      const output = await sluice.registry.call(operation, input, {
        services: sluice.services,
        accountId: principal.accountId,
        region: principal.region,
        requestId: request.id,
        authorize: guard ? (action, resources, context) => guard.authorize(principal, action, resources, request.ip, context) : undefined,
      });
      if (guarded) await guard!.after(guarded, input, output);
      // A Buffer, so the content type goes out exactly as AWS sends it (a string would get '; charset=utf-8').
      return reply.header('content-type', CONTENT_TYPE).send(Buffer.from(encodeWire(output)));
    } catch (e) {
      audit.error = e;
      throw e;
    } finally {
      if (trail) await recordCall(trail, audit);
    }
  });

  app.get('/_sluice/health', async () => ({ status: 'ok', dev: options.dev }));
  app.register(monitoringPlugin(sluice));

  if (options.dev) {
    const reset = async () => ({ status: 'ok', wiped: await wipeMetadata(sluice.services.store) });
    app.post('/moto-api/reset', reset);
    app.post('/_sluice/reset', reset);
  }
  return app;
}

/** Starts the Glue endpoint. Later concepts (the scheduler) start beside it in `sluice server`. */
export async function startServer(sluice: Sluice, options: ServerOptions = {}): Promise<RunningServer> {
  const { config } = sluice.services;
  const host = options.host ?? config.server.host;
  const dev = options.dev ?? config.security.dev;
  assertDevModeHost(dev, host);
  const keys = resolveAccessKeys(config.security, config.account.id);
  if (!dev && keys.size === 0) {
    throw new SluiceError(
      'InvalidInputException',
      'No access keys are configured, so every request would be refused. Add security.accessKeys to sluice.yaml, or start a local-only server with --dev.',
    );
  }
  for (const warning of dev ? [] : accessKeyWarnings(keys)) process.stderr.write(`sluice server: ${warning}\n`);
  const authenticate = createAuthenticator({
    keys,
    dev,
    defaultAccountId: config.account.id,
    defaultRegion: config.account.region,
    now: options.now,
  });
  const app = buildApp(sluice, { authenticate, dev, logger: options.logger, tls: options.tls });
  await app.listen({ host, port: options.port ?? config.server.port });
  const { port } = app.server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const scheme = options.tls ? 'https' : 'http';
  return { url: `${scheme}://${urlHost}:${port}`, host, port, dev, app, close: () => app.close() };
}
