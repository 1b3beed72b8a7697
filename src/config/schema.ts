// sluice.yaml: validated once at start-up with zod, every problem reported at once. Backends are a
// closed union per seam; secrets are { env: VAR } references, resolved when used.
import { z } from 'zod';
import { securitySchema } from '../security/config.js';
import { monitoringSchema } from '../monitoring/config.js';
import { kmsSchema } from '../security/kms/config.js';
import { DEFAULT_SCHEDULER, schedulerSchema } from '../workflows/config.js';
import { pipelineShape } from '../workflows/pipeline/schema.js';
import { clusterSchema, DEFAULT_CLUSTER } from '../cluster/config.js';
import { environmentsShape } from '../deploy/environments.js';

export const secretRef = z.union([z.string(), z.object({ env: z.string().min(1) }).strict()]);
export type SecretRef = z.infer<typeof secretRef>;

const metadata = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite'), path: z.string().default('.sluice/metadata.db') }).strict(),
  z.object({ kind: z.literal('postgres'), url: secretRef }).strict(),
]);

const s3 = z
  .object({
    endpoint: z.string().url().optional().describe('S3-compatible endpoint, e.g. http://127.0.0.1:9000'),
    region: z.string().default('us-east-1'),
    forcePathStyle: z.boolean().default(true),
    accessKeyId: secretRef.optional(),
    secretAccessKey: secretRef.optional(),
  })
  .strict();

export const configSchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().min(1).default('sluice'),
    account: z
      .object({
        id: z
          .string()
          .regex(/^\d{12}$/, 'an AWS account id has 12 digits')
          .default('123456789012'),
        region: z.string().default('us-east-1'),
      })
      .strict()
      .default({ id: '123456789012', region: 'us-east-1' }),
    zones: z
      .object({
        raw: z.string().default('lake/raw'),
        processed: z.string().default('lake/processed'),
        curated: z.string().default('lake/curated'),
      })
      .strict()
      .default({ raw: 'lake/raw', processed: 'lake/processed', curated: 'lake/curated' }),
    metadata: metadata.default({ kind: 'sqlite', path: '.sluice/metadata.db' }),
    s3: s3.optional().describe('How s3:// locations are reached'),
    engine: z
      .object({
        kind: z.literal('duckdb').default('duckdb'),
        threads: z.number().int().positive().optional(),
        memoryLimit: z.string().optional(),
      })
      .strict()
      .default({ kind: 'duckdb' }),
    server: z
      .object({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(4590) })
      .strict()
      .default({ host: '127.0.0.1', port: 4590 }),
    security: securitySchema.describe('Who may call the HTTP API: SigV4 access keys, or dev mode'),
    kms: kmsSchema.optional().describe('The local key service (master key) and the zones encrypted at rest'),
    monitoring: monitoringSchema.describe('Alarms, notifiers (webhook, Slack, e-mail), cost estimates and metric retention'),
    scheduler: schedulerSchema
      .default(DEFAULT_SCHEDULER)
      .describe('How `sluice server` fires schedules, watches for files and drives workflow runs'),
    cluster: clusterSchema
      .default(DEFAULT_CLUSTER)
      .describe('Where runs execute: in the server, or on `sluice worker` processes claiming them from PostgreSQL'),
    ...pipelineShape,
    ...environmentsShape,
  })
  // Unknown keys are typos (see unknown-keys.ts), at the top level as everywhere else.
  .strict();

export type SluiceConfig = z.infer<typeof configSchema>;
