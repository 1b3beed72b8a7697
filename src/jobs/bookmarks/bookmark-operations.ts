// GetJobBookmark, ResetJobBookmark (a RunId rewinds to the state that run committed), and the
// Sluice-only SetJobBookmark (replace the state outright) and GetJobBookmarkHistory.
import { z } from 'zod';
import { glueOperation, sluiceOperation } from '../../kernel/registry.js';
import { invalidInput } from '../../kernel/errors.js';
import type { JobBookmarkEntry } from '../../kernel/glue-types.js';
import { requireJob } from '../definitions/job-repo.js';
import { bookmarkEntry, replaceBookmark } from './bookmark-repo.js';
import { bookmarkCodec, jobBookmarkCodec } from './bookmark-codec.js';

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidInput(r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  return r.data;
};

export const bookmarkOperations = [
  glueOperation('GetJobBookmark', async (input, ctx) => {
    await requireJob(ctx.services.store.db, input.JobName);
    const codec = bookmarkCodec(ctx.services, input.JobName);
    return { JobBookmarkEntry: await bookmarkEntry(ctx.services.store.db, input.JobName, input.RunId, codec) };
  }),

  glueOperation('ResetJobBookmark', async (input, ctx) => {
    const { db } = ctx.services.store;
    const codec = await jobBookmarkCodec(ctx.services, await requireJob(db, input.JobName));
    if (!input.RunId) return { JobBookmarkEntry: await replaceBookmark(db, input.JobName, {}, undefined, codec) };
    const at = await bookmarkEntry(db, input.JobName, input.RunId, codec);
    const from = { run: at.Run!, attempt: at.Attempt!, runId: at.RunId!, previousRunId: at.PreviousRunId ?? null };
    const entry = await replaceBookmark(db, input.JobName, JSON.parse(at.JobBookmark!), from, codec);
    return { JobBookmarkEntry: entry };
  }),

  sluiceOperation(
    'SetJobBookmark',
    (input) => parse(z.object({ JobName: z.string().min(1), JobBookmark: z.string() }).strict(), input),
    async (input, ctx) => {
      const codec = await jobBookmarkCodec(ctx.services, await requireJob(ctx.services.store.db, input.JobName));
      let state: unknown;
      try {
        state = JSON.parse(input.JobBookmark);
      } catch (e) {
        throw invalidInput(`JobBookmark is not JSON: ${(e as Error).message}`);
      }
      if (!state || typeof state !== 'object' || Array.isArray(state))
        throw invalidInput('JobBookmark must be a JSON object keyed by transformation_ctx.');
      return {
        JobBookmarkEntry: await replaceBookmark(ctx.services.store.db, input.JobName, state as Record<string, unknown>, undefined, codec),
      };
    },
  ),

  sluiceOperation(
    'GetJobBookmarkHistory',
    (input) => parse(z.object({ JobName: z.string().min(1) }).strict(), input),
    async (input, ctx) => {
      const { db } = ctx.services.store;
      await requireJob(db, input.JobName);
      const codec = bookmarkCodec(ctx.services, input.JobName);
      const rows = await db
        .selectFrom('job_bookmark_history')
        .selectAll()
        .where('job_name', '=', input.JobName)
        .orderBy('version', 'desc')
        .execute();
      const entries: JobBookmarkEntry[] = rows.map((r) => ({
        JobName: r.job_name,
        Version: r.version,
        Run: r.run,
        Attempt: r.attempt,
        PreviousRunId: r.previous_run_id ?? undefined,
        RunId: r.run_id,
        JobBookmark: codec.open(r.state),
      }));
      return { JobBookmarkEntries: entries };
    },
  ),
];
