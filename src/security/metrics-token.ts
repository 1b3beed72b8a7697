// /metrics outside dev mode: Prometheus cannot sign with SigV4, so it scrapes with a bearer token of
// its own (security.metricsToken, an environment reference). Without a configured token the route
// answers 401 to everyone rather than serving run names and counts to anyone who asks.
import { timingSafeEqual } from 'node:crypto';
import type { SecurityConfig } from './config.js';

export type MetricsCheck = (authorization: string | undefined) => { ok: true } | { ok: false; message: string };

export function metricsTokenCheck(security: SecurityConfig, env: NodeJS.ProcessEnv = process.env): MetricsCheck {
  const ref = security.metricsToken;
  const token = ref ? env[ref.env] : undefined;
  if (ref && !token) throw new Error(`security.metricsToken: environment variable ${ref.env} is not set`);
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return (authorization) => {
    if (!expected) return { ok: false, message: 'GET /metrics needs a bearer token: set security.metricsToken in sluice.yaml.' };
    const given = Buffer.from(authorization ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
    return { ok: false, message: 'GET /metrics needs the bearer token configured in security.metricsToken.' };
  };
}
