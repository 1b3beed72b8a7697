// The authorization of one call over the HTTP face (outside dev mode), in the order IAM and Glue
// apply it: storage confinement of what the input declares, account isolation of jobs, crawlers,
// triggers, workflows and rulesets, then the key's identity policies and the catalog's resource
// policy against the action and every resource ARN the call touches. `after` filters listings to
// the caller's account and records who owns what a Create made.
import { SluiceError } from '../kernel/errors.js';
import type { Services } from '../kernel/services.js';
import type { Principal } from './authenticator.js';
import { createConfinement, type Confinement } from './confine.js';
import { accountOf, deniedMessage, evaluate, type AccessRequest } from './iam/evaluate.js';
import { CREATES, DELETES, FILTERED_BATCH_GETS, filterToAccount } from './isolation.js';
import { Ownership } from './ownership.js';
import { QualityIsolation } from './quality-isolation.js';
import { catalogResourcePolicy } from './resource-policies.js';
import { resourcesOf, type CallResources, type OwnedType } from './resources.js';

export interface GuardedCall {
  operation: string;
  principal: Principal;
  resources: CallResources;
}

export interface Guard {
  /** Throws AccessDeniedException / InvalidInputException / EntityNotFoundException, or returns what `after` needs. */
  before(principal: Principal, operation: string, input: unknown, sourceIp: string, resources?: CallResources): Promise<GuardedCall>;
  after(call: GuardedCall, input: unknown, output: unknown): Promise<void>;
  /** Authorizes a further action a handler takes for the caller (RunCatalogQuery reading a table). */
  authorize(principal: Principal, action: string, resources: string[], sourceIp: string, context?: Record<string, string>): Promise<void>;
}

const RUN_OWNER: Record<string, OwnedType> = { job: 'job', crawl: 'crawler', workflow: 'workflow' };

export function createGuard(services: Services): Guard {
  const confinement: Confinement = createConfinement(services.root, services.config);
  const ownership = new Ownership(services.store.db, services.config.account.id);
  const { db } = services.store;
  const quality = new QualityIsolation(db, ownership, services.config.account.id);

  async function requireOwnRun(accountId: string, runId: unknown): Promise<void> {
    if (typeof runId !== 'string') return;
    const row = await db.selectFrom('runs').select(['kind', 'name']).where('id', '=', runId).executeTakeFirst();
    const type = row && RUN_OWNER[row.kind];
    if (type) {
      const owners = await ownership.owners([{ type, name: row.name }]);
      if ([...owners.values()][0] !== accountId) throw new SluiceError('EntityNotFoundException', `Run ${runId} not found`);
    }
  }

  /** IAM's decision for the principal's policies and the catalog's resource policy; throws AccessDeniedException. */
  async function authorize(
    principal: Principal,
    action: string,
    resources: string[],
    catalogAccountId: string,
    sourceIp: string,
    extra: Record<string, string> = {},
  ) {
    const caller = { arn: principal.arn ?? `arn:aws:iam::${principal.accountId}:user/anonymous`, accountId: principal.accountId };
    const now = new Date();
    const req: AccessRequest = {
      caller,
      action,
      resources,
      context: new Map<string, string>([
        ['aws:sourceip', sourceIp],
        ['aws:currenttime', now.toISOString()],
        ['aws:epochtime', String(Math.floor(now.getTime() / 1000))],
        ['aws:principalaccount', principal.accountId],
        ['aws:principalarn', caller.arn],
        ['aws:principaltype', 'User'],
        ['aws:username', caller.arn.slice(caller.arn.lastIndexOf('/') + 1)],
        ['aws:userid', principal.accessKeyId ?? ''],
        ['aws:requestedregion', principal.region],
        ['aws:securetransport', 'false'],
        ...Object.entries(extra).map(([k, v]) => [k.toLowerCase(), v] as [string, string]),
      ]),
    };
    const rp = await catalogResourcePolicy(db, catalogAccountId);
    const decision = evaluate(principal.policies ?? [], req, rp && { ownerAccountId: catalogAccountId, policy: rp });
    if (!decision.allowed) throw new SluiceError('AccessDeniedException', deniedMessage(req, decision));
  }

  return {
    authorize: (principal, action, resources, sourceIp, context) =>
      authorize(principal, action, resources, resources.map(accountOf).find(Boolean) ?? principal.accountId, sourceIp, context),

    async before(principal, operation, rawInput, sourceIp, given) {
      const input = (rawInput && typeof rawInput === 'object' ? rawInput : {}) as Record<string, any>;
      confinement.check(operation, input);
      const resources = given ?? resourcesOf(operation, input, principal);
      await authorize(principal, resources.action, resources.resources, resources.catalogAccountId, sourceIp);
      if (!(operation in CREATES) && !FILTERED_BATCH_GETS.has(operation)) await ownership.requireOwn(principal.accountId, resources.owned);
      if (operation === 'GetRun' || operation === 'GetRunLog') await requireOwnRun(principal.accountId, input.RunId);
      await quality.before(principal.accountId, operation, input);
      return { operation, principal, resources };
    },

    async after(call, rawInput, output) {
      const input = (rawInput ?? {}) as Record<string, any>;
      await filterToAccount(ownership, call.principal.accountId, call.operation, output);
      await quality.after(call.principal.accountId, call.operation, output as Record<string, any> | undefined);
      const created = CREATES[call.operation];
      if (created && typeof input.Name === 'string') await ownership.record(created, input.Name, call.principal.accountId);
      const deleted = DELETES[call.operation];
      const name = input.Name ?? input.JobName;
      if (deleted && typeof name === 'string') await ownership.forget(deleted, name);
    },
  };
}
