// The `cluster:` section of sluice.yaml: where runs execute. Imported by config/schema.ts.
import { z } from 'zod';

export const clusterSchema = z
  .object({
    execute: z
      .enum(['server', 'workers'])
      .default('server')
      .describe(
        'server: `sluice server` (or the CLI) starts runs itself, as on one machine; workers: runs wait for a `sluice worker` to claim them',
      ),
    heartbeatMs: z.number().int().min(100).default(2000).describe('How often workers beat and the scheduler lease is renewed'),
    deadAfterMs: z
      .number()
      .int()
      .min(1000)
      .default(10_000)
      .describe('A worker or scheduler leader silent this long is taken for dead: its runs are retried or failed, its lease taken over'),
  })
  .strict();

export type ClusterConfig = z.infer<typeof clusterSchema>;
export const DEFAULT_CLUSTER: ClusterConfig = clusterSchema.parse({});
