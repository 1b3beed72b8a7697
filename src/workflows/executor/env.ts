// What the executor works with: the services, a caller into the registry, who it is (the lease
// owner) and the clock. Tests inject the clock; the server and the driver use the real one.
import type { Services } from '../../kernel/services.js';
import { serviceCaller, type GlueCall } from '../glue-call.js';
import { THIS_OWNER } from '../runs/run-ids.js';

export interface ExecEnv {
  services: Services;
  call: GlueCall;
  owner: string;
  now(): number;
  log(level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>): void;
}

export function execEnv(services: Services, options: Partial<Omit<ExecEnv, 'services'>> = {}): ExecEnv {
  return {
    services,
    call: options.call ?? serviceCaller(services),
    owner: options.owner ?? THIS_OWNER,
    now: options.now ?? Date.now,
    log: options.log ?? (() => {}),
  };
}
