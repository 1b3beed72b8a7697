// Workflows reach jobs and crawlers only through the operation registry (StartJobRun, GetJobRuns,
// StartCrawler, ListCrawls …), never through their internals. Operation handlers get services but no
// registry, so one is built here on first use; the import is dynamic because api/operations.ts
// imports this concept, and a static import back would be a cycle.
import type { CallContext, Registry, StartedBy } from '../kernel/registry.js';
import type { Services } from '../kernel/services.js';
import { SluiceError } from '../kernel/errors.js';

/** Calls an operation; startedBy says which trigger Sluice calls for (see CallContext). */
export type GlueCall = <T = any>(operation: string, input: unknown, startedBy?: StartedBy) => Promise<T>;

/** Where a call acts: the services and the account/region it acts as. */
export type CallTarget = Omit<CallContext, 'requestId'> & { requestId?: string };

let registry: Promise<Registry> | undefined;

async function theRegistry(): Promise<Registry> {
  registry ??= Promise.all([import('../kernel/registry.js'), import('../config/operations.js')]).then(
    ([r, o]) => new r.Registry(o.allOperations()),
  );
  return registry;
}

/** A caller of registry operations acting for ctx (the same account, region and services). */
export function glueCaller(ctx: CallTarget): GlueCall {
  const target = { services: ctx.services, accountId: ctx.accountId, region: ctx.region };
  return async (operation, input, startedBy) => (await theRegistry()).call(operation, input, { ...target, startedBy }) as Promise<any>;
}

/** A caller for background work that has services but no request: it acts as the project's account. */
export function serviceCaller(services: Services): GlueCall {
  return glueCaller({ services, accountId: services.config.account.id, region: services.config.account.region });
}

/** True when err is a SluiceError of one of these types. */
export const isGlueError = (err: unknown, ...types: string[]): err is SluiceError => err instanceof SluiceError && types.includes(err.type);
