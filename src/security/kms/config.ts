// The `kms` section of sluice.yaml: where the local key service's master key comes from, and which
// zones are encrypted at rest. Apart from the zod schema in schema.ts (this file loads no zod at
// run time beyond the schema itself), so src/config/schema.ts only includes it.
import { z } from 'zod';

const masterKey = z.union([z.object({ env: z.string().min(1) }).strict(), z.object({ file: z.string().min(1) }).strict()]);

export const kmsSchema = z
  .object({
    masterKey: masterKey.describe(
      'The master key every KMS key is derived from: { env: VAR } or { file: path } holding 32 bytes as 64 hex characters or base64',
    ),
    encryptedZones: z
      .record(z.string(), z.string().min(1))
      .default({})
      .describe('Zone name → KMS key (id, ARN or alias/name): every object written into the zone is encrypted on the client'),
  })
  .strict();

export type KmsConfig = z.infer<typeof kmsSchema>;
