// The `scheduler:` section of sluice.yaml: how `sluice server` runs schedules, watches for files and
// drives runs. Imported by config/schema.ts (as the security section is).
import { z } from 'zod';

export const schedulerSchema = z
  .object({
    catchUp: z
      .enum(['fire-once', 'skip'])
      .default('fire-once')
      .describe('Slots missed while the server was down: fire-once runs the latest of them once on start; skip records them SKIPPED'),
    graceMs: z.number().int().min(0).default(60_000).describe('How late a slot may be noticed and still count as on time'),
    tickMs: z.number().int().min(20).default(1000).describe('How often schedules are checked and runs are driven'),
    eventPollMs: z.number().int().min(20).default(2000).describe('How often EVENT triggers list their watched folders'),
    settleMs: z.number().int().min(0).default(1000).describe('A file modified more recently than this is left for the next poll'),
    retrySweepMs: z
      .number()
      .int()
      .min(1000)
      .default(30_000)
      .describe('How often job runs whose supervisor died are given their owed retry'),
  })
  .strict();

export type SchedulerConfig = z.infer<typeof schedulerSchema>;
export const DEFAULT_SCHEDULER: SchedulerConfig = schedulerSchema.parse({});
