// The `security` section of sluice.yaml. Secrets are only ever environment references here: an
// access key's secret written into a file that is usually committed would be a leak waiting to happen.
import { z } from 'zod';

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
  })
  .strict();

export const securitySchema = z
  .object({
    dev: z.boolean().default(false).describe('Accept any signature, as local AWS emulators do. Only on a loopback address.'),
    accessKeys: z.array(accessKey).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.accessKeys.forEach((k, i) => {
      if (seen.has(k.id)) ctx.addIssue({ code: 'custom', path: ['accessKeys', i, 'id'], message: `access key ${k.id} is listed twice` });
      seen.add(k.id);
    });
  })
  .default({ dev: false, accessKeys: [] });

export type SecurityConfig = z.infer<typeof securitySchema>;
