// The `security` section of sluice.yaml. Secrets are only ever environment references here: an
// access key's secret written into a file that is usually committed would be a leak waiting to happen.
import { z } from 'zod';
import { policyDocumentSchema } from './iam/policy.js';
import { MANAGED_POLICY_NAMES } from './iam/managed.js';

/** A managed policy Sluice ships, by name, or an inline IAM policy document. */
const policyRef = z.union([
  z.string().refine((n) => MANAGED_POLICY_NAMES.includes(n), {
    message: `a policy name is one of the managed policies Sluice ships: ${MANAGED_POLICY_NAMES.join(', ')}; or give an inline policy document`,
  }),
  policyDocumentSchema,
]);

const envRef = z.object({ env: z.string().min(1) }).strict();

const accessKey = z
  .object({
    id: z.string().regex(/^\w{4,128}$/, 'an access key id is 4 to 128 letters, digits or underscores'),
    secret: z
      .object({ env: z.string().min(1) })
      .strict()
      .describe('The secret access key, as { env: VARIABLE }'),
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'an AWS account id has 12 digits')
      .optional()
      .describe("The account the key's requests act as; defaults to account.id"),
    user: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, 'an IAM user name is 1 to 64 letters, digits or +=,.@_-')
      .optional()
      .describe('The IAM user name in the principal ARN (arn:aws:iam::<account>:user/<user>); defaults to the key id'),
    policies: z
      .array(policyRef)
      .default([])
      .describe('What the key may do: managed policy names or inline policy documents. A key without policies can do nothing.'),
  })
  .strict();

export const securitySchema = z
  .object({
    dev: z.boolean().default(false).describe('Accept any signature, as local AWS emulators do. Only on a loopback address.'),
    accessKeys: z.array(accessKey).default([]),
    roles: z
      .array(z.object({ name: z.string().regex(/^[\w+=,.@-]{1,64}$/), policies: z.array(policyRef).default([]) }).strict())
      .default([])
      .describe("IAM roles a job's Role may name: the policies bound what its runs read and write"),
    metricsToken: envRef.optional().describe('The bearer token Prometheus scrapes /metrics with, as { env: VARIABLE }'),
    audit: z
      .object({
        enabled: z.boolean().default(true).describe('Record every mutating and every refused call (outside dev mode)'),
        retentionDays: z
          .number()
          .int()
          .positive()
          .default(365)
          .describe('Records older than this are removed (a retention record keeps the chain verifiable)'),
      })
      .strict()
      .default({ enabled: true, retentionDays: 365 }),
    storage: z
      .object({
        allow: z
          .array(z.string().min(1))
          .default([])
          .describe('Locations besides the zones that tables, crawlers and jobs may use (folders or s3:// prefixes)'),
      })
      .strict()
      .default({ allow: [] }),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.accessKeys.forEach((k, i) => {
      if (seen.has(k.id)) ctx.addIssue({ code: 'custom', path: ['accessKeys', i, 'id'], message: `access key ${k.id} is listed twice` });
      seen.add(k.id);
    });
  })
  .default({ dev: false, accessKeys: [], roles: [], audit: { enabled: true, retentionDays: 365 }, storage: { allow: [] } });

export type SecurityConfig = z.infer<typeof securitySchema>;
