// Glue resource policies (PutResourcePolicy and friends): one IAM policy document per catalog ARN (or
// per database/table ARN, which Glue's API accepts too), kept with its hash for the optimistic
// PolicyHashCondition. The guard evaluates the union of a catalog's policies for calls from other
// accounts, as Glue does. Error names follow moto's Glue (the suite Sluice is measured against):
// NOT_EXIST on an existing policy or MUST_EXIST on a missing one → ResourceNumberLimitExceededException,
// a stale hash → ConcurrentModificationException.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SluiceError, invalidInput, notFound } from '../kernel/errors.js';
import { glueOperation, type CallContext } from '../kernel/registry.js';
import { pageByOffset } from '../kernel/pagination.js';
import type { DB as Database } from '../store/schema.js';
import { compilePolicy, type CompiledPolicy } from './iam/policy.js';

const catalogArn = (ctx: Pick<CallContext, 'region' | 'accountId'>) => `arn:aws:glue:${ctx.region}:${ctx.accountId}:catalog`;
const hashOf = (json: string) => createHash('sha256').update(json).digest('base64');
const accountOfArn = (arn: string) => /^arn:aws[a-z-]*:glue:[^:]*:(\d{12}):/.exec(arn)?.[1];

function targetOf(arn: string | undefined, ctx: CallContext): { arn: string; account: string } {
  const target = arn ?? catalogArn(ctx);
  const account = accountOfArn(target);
  if (!account) throw invalidInput(`Invalid ResourceArn '${target.slice(0, 200)}': expected arn:aws:glue:<region>:<account-id>:catalog.`);
  return { arn: target, account };
}

const policyOut = (r: { policy: string; policy_hash: string; create_time: number; update_time: number }) => ({
  PolicyInJson: r.policy,
  PolicyHash: r.policy_hash,
  CreateTime: new Date(Number(r.create_time)),
  UpdateTime: new Date(Number(r.update_time)),
});

/** Changes bump this, so the guard's cache of compiled policies is dropped in this process. */
let generation = 0;

export const resourcePolicyOperations = [
  glueOperation('PutResourcePolicy', async (input, ctx) => {
    const target = targetOf(input.ResourceArn, ctx);
    // Compiled now, so a policy the guard could not evaluate is refused when it is put.
    try {
      compilePolicy('PolicyInJson', input.PolicyInJson);
    } catch (e) {
      throw invalidInput((e as Error).message.slice(0, 500));
    }
    const hash = hashOf(input.PolicyInJson);
    const now = Date.now();
    await ctx.services.store.transaction(async (trx) => {
      const existing = await trx.selectFrom('resource_policies').selectAll().where('resource_arn', '=', target.arn).executeTakeFirst();
      if (input.PolicyExistsCondition === 'NOT_EXIST' && existing)
        throw new SluiceError('ResourceNumberLimitExceededException', `A resource policy already exists for ${target.arn}.`);
      if (input.PolicyExistsCondition === 'MUST_EXIST' && !existing)
        throw new SluiceError('ResourceNumberLimitExceededException', `No resource policy exists for ${target.arn}.`);
      if (input.PolicyHashCondition !== undefined && existing?.policy_hash !== input.PolicyHashCondition)
        throw new SluiceError('ConcurrentModificationException', 'The policy hash condition does not match the current policy hash.');
      await trx
        .insertInto('resource_policies')
        .values({
          resource_arn: target.arn,
          catalog_id: target.account,
          policy: input.PolicyInJson,
          policy_hash: hash,
          create_time: now,
          update_time: now,
        })
        .onConflict((oc) => oc.column('resource_arn').doUpdateSet({ policy: input.PolicyInJson, policy_hash: hash, update_time: now }))
        .execute();
    });
    generation++;
    return { PolicyHash: hash };
  }),

  glueOperation('GetResourcePolicy', async (input, ctx) => {
    const target = targetOf(input.ResourceArn, ctx);
    const row = await ctx.services.store.db
      .selectFrom('resource_policies')
      .selectAll()
      .where('resource_arn', '=', target.arn)
      .executeTakeFirst();
    return row ? policyOut(row) : {};
  }),

  glueOperation('GetResourcePolicies', async (input, ctx) => {
    const rows = await ctx.services.store.db
      .selectFrom('resource_policies')
      .selectAll()
      .where('catalog_id', '=', ctx.accountId)
      .orderBy('resource_arn')
      .execute();
    const page = pageByOffset(rows, input.NextToken, input.MaxResults);
    return { GetResourcePoliciesResponseList: page.items.map(policyOut), NextToken: page.nextToken };
  }),

  glueOperation('DeleteResourcePolicy', async (input, ctx) => {
    const target = targetOf(input.ResourceArn, ctx);
    await ctx.services.store.transaction(async (trx) => {
      const existing = await trx.selectFrom('resource_policies').selectAll().where('resource_arn', '=', target.arn).executeTakeFirst();
      if (!existing) throw notFound(`Policy not found for ${target.arn}.`);
      if (input.PolicyHashCondition !== undefined && existing.policy_hash !== input.PolicyHashCondition)
        throw new SluiceError('ConcurrentModificationException', 'The policy hash condition does not match the current policy hash.');
      await trx.deleteFrom('resource_policies').where('resource_arn', '=', target.arn).execute();
    });
    generation++;
    return {};
  }),
];

const cache = new Map<string, { generation: number; at: number; policy?: CompiledPolicy }>();
/** Other servers on the same store change policies too: a cached policy is re-read after this long. */
const CACHE_MS = 2000;

/** The union of an account's resource policies, compiled, or undefined when it has none. */
export async function catalogResourcePolicy(
  db: Kysely<Database>,
  accountId: string,
  now = Date.now(),
): Promise<CompiledPolicy | undefined> {
  const hit = cache.get(accountId);
  if (hit && hit.generation === generation && now - hit.at < CACHE_MS) return hit.policy;
  const rows = await db.selectFrom('resource_policies').select(['resource_arn', 'policy']).where('catalog_id', '=', accountId).execute();
  let policy: CompiledPolicy | undefined;
  if (rows.length) {
    const compiled = rows.map((r) => compilePolicy(`resource policy of ${r.resource_arn}`, r.policy));
    policy = { name: `resource policies of account ${accountId}`, statements: compiled.flatMap((p) => p.statements) };
  }
  cache.set(accountId, { generation, at: now, policy });
  return policy;
}
