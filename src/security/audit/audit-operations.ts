// ListAuditRecords (Sluice-only): the audit trail as `sluice audit` reads it, for the dashboard's
// audit page and for remote use. Records are the caller's account's (its principals', and for the
// project's own account those of unauthenticated requests), newest first. Its IAM action is
// sluice:ListAuditRecords (security/resources.ts), like CloudTrail's own LookupEvents: glue:List*
// (ReadOnlyAccess) does not grant it. Verify adds `sluice audit --verify`'s check of the whole chain.
import { z } from 'zod';
import { sluiceOperation } from '../../kernel/registry.js';
import { invalidInput } from '../../kernel/errors.js';
import { readAudit, verifyAudit } from './trail.js';

const input = z
  .object({
    Principal: z.string().max(2048).optional(),
    Operation: z.string().max(128).optional(),
    Resource: z.string().max(2048).optional(),
    Outcome: z.enum(['Allowed', 'Denied', 'Failed']).optional(),
    /** ISO-8601 or epoch milliseconds. */
    Since: z.union([z.string().max(64), z.number()]).optional(),
    MaxResults: z.number().int().min(1).max(1000).optional(),
    Verify: z.boolean().optional(),
  })
  .strict();

const validate = (raw: unknown) => {
  const r = input.safeParse(raw ?? {});
  if (!r.success) throw invalidInput(r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  return r.data;
};

export const auditOperations = [
  sluiceOperation('ListAuditRecords', validate, async (i, ctx) => {
    const since = i.Since === undefined ? undefined : typeof i.Since === 'number' ? i.Since : Date.parse(i.Since);
    if (since !== undefined && !Number.isFinite(since)) throw invalidInput(`Since: '${String(i.Since)}' is not a time`);
    const own = ctx.services.config.account.id === ctx.accountId;
    const records = (
      await readAudit(ctx.services.store.db, {
        principal: i.Principal,
        operation: i.Operation,
        resource: i.Resource,
        outcome: i.Outcome,
        since,
      })
    ).filter((r) => (r.principal ? r.principal.split(':')[4] === ctx.accountId : own));
    const Records = records
      .slice(-(i.MaxResults ?? 200))
      .reverse()
      .map((r) => ({
        Seq: r.seq,
        Time: r.time,
        Principal: r.principal,
        AccessKey: r.accessKey,
        SourceIp: r.sourceIp,
        Operation: r.operation,
        Resources: r.resources,
        RequestId: r.requestId,
        Outcome: r.outcome,
        ErrorType: r.errorType,
        ErrorMessage: r.errorMessage,
      }));
    if (!i.Verify) return { Records };
    const v = await verifyAudit(ctx.services.store.db);
    return { Records, Verification: { Ok: v.ok, Records: v.records, HeadSeq: v.head?.seq, HeadHash: v.head?.hash, Problems: v.problems } };
  }),
];
