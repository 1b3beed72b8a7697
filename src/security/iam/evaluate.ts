// IAM's evaluation logic, the part Glue relies on: an explicit Deny in any applicable policy wins;
// otherwise an Allow is needed. Within one account an Allow in the identity policies or in the
// resource's policy suffices; across accounts both must allow (Glue's cross-account catalog access).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
import type { ConditionContext } from './conditions.js';
import type { CompiledPolicy, CompiledStatement } from './policy.js';

export interface Caller {
  /** arn:aws:iam::<account>:user/<name> (or role/<name> for a job run). */
  arn: string;
  accountId: string;
}

export interface AccessRequest {
  caller: Caller;
  /** "glue:GetTable", "s3:GetObject" … */
  action: string;
  /** Every ARN the call touches; each must be allowed. */
  resources: string[];
  context: ConditionContext;
}

/** A resource policy and the account that owns the resource it is attached to. */
export interface ResourcePolicy {
  ownerAccountId: string;
  policy: CompiledPolicy;
}

export type DenyReason = 'identity-deny' | 'identity-no-allow' | 'resource-deny' | 'resource-no-allow';

export type Decision = { allowed: true } | { allowed: false; resource: string; reason: DenyReason; statement?: string };

type Match = { effect: 'Allow' | 'Deny'; statement: string } | undefined;

function principalMatches(s: CompiledStatement, caller: Caller): boolean {
  if (!s.principals) return true;
  const hit = s.principals.values.some(
    (p) => p === '*' || p === caller.accountId || p === `arn:aws:iam::${caller.accountId}:root` || p === caller.arn,
  );
  return s.principals.not ? !hit : hit;
}

/**
 * The statements of a policy whose Action and Resource match, per action and resource: the same few
 * pairs come again and again (GetTable on one table), so matching 50 statements' patterns is done
 * once and only the conditions and principals, which depend on the request, are checked each time.
 */
const matching = new WeakMap<CompiledPolicy, Map<string, CompiledStatement[]>>();
const MAX_CACHED_PAIRS = 10_000;

function candidates(p: CompiledPolicy, action: string, resource: string): CompiledStatement[] {
  let byPair = matching.get(p);
  if (!byPair) matching.set(p, (byPair = new Map()));
  const key = `${action}\0${resource}`;
  let list = byPair.get(key);
  if (!list) {
    list = p.statements.filter(
      (s) => s.actions.match(action) !== s.actions.not && (!s.resources || s.resources.match(resource) !== s.resources.not),
    );
    if (byPair.size >= MAX_CACHED_PAIRS) byPair.clear();
    byPair.set(key, list);
  }
  return list;
}

/** The deciding statement among the policies for one resource: a Deny, else the first Allow, else none. */
function decide(policies: readonly CompiledPolicy[], req: AccessRequest, resource: string, resourcePolicy: boolean): Match {
  let allow: Match;
  for (const p of policies) {
    for (const s of candidates(p, req.action, resource)) {
      if (resourcePolicy && !principalMatches(s, req.caller)) continue;
      if (!s.conditions.every((c) => c.test(req.context))) continue;
      if (s.effect === 'Deny') return { effect: 'Deny', statement: s.label };
      allow ??= { effect: 'Allow', statement: s.label };
    }
  }
  return allow;
}

export function evaluate(identity: readonly CompiledPolicy[], req: AccessRequest, resourcePolicy?: ResourcePolicy): Decision {
  for (const resource of req.resources) {
    const own = decide(identity, req, resource, false);
    if (own?.effect === 'Deny') return { allowed: false, resource, reason: 'identity-deny', statement: own.statement };
    const theirs =
      resourcePolicy && resourceApplies(resource, resourcePolicy) ? decide([resourcePolicy.policy], req, resource, true) : undefined;
    if (theirs?.effect === 'Deny') return { allowed: false, resource, reason: 'resource-deny', statement: theirs.statement };
    const owner = accountOf(resource) ?? req.caller.accountId;
    if (owner === req.caller.accountId) {
      if (!own && !theirs) return { allowed: false, resource, reason: 'identity-no-allow' };
    } else {
      if (!own) return { allowed: false, resource, reason: 'identity-no-allow' };
      if (!theirs) return { allowed: false, resource, reason: 'resource-no-allow' };
    }
  }
  return { allowed: true };
}

const resourceApplies = (resource: string, rp: ResourcePolicy) => accountOf(resource) === rp.ownerAccountId;

/** The account of an ARN (its fifth field), undefined for '*' and account-less ARNs (s3). */
export function accountOf(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

const WORDS: Record<DenyReason, (action: string) => string> = {
  'identity-deny': () => 'with an explicit deny in an identity-based policy',
  'identity-no-allow': (a) => `because no identity-based policy allows the ${a} action`,
  'resource-deny': () => 'with an explicit deny in a resource-based policy',
  'resource-no-allow': (a) => `because no resource-based policy allows the ${a} action`,
};

/** AccessDeniedException's message, in IAM's words. */
export function deniedMessage(req: AccessRequest, d: Extract<Decision, { allowed: false }>): string {
  return `User: ${req.caller.arn} is not authorized to perform: ${req.action} on resource: ${d.resource} ${WORDS[d.reason](req.action)}`;
}
