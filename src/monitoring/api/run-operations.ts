// ListRuns, GetRun and GetRunLog (Sluice-only): every kind of run in one list, one run's page (state
// timeline, metrics, lineage, cost, alarms, quality results) and its structured log, read by offset
// so a follower asks only for what is new.
import { z } from 'zod';
import { sql } from 'kysely';
import { sluiceOperation } from '../../kernel/registry.js';
import { notFound } from '../../kernel/errors.js';
import { decodeToken, encodeToken } from '../../kernel/pagination.js';
import { readRunLog, LEVELS } from '../logs/read-log.js';
import { runTimeline } from '../observe/run-timeline.js';
import { activeStates } from '../observe/run-states.js';
import { iso, timeInput, validator } from './input.js';
import { summarize } from './run-summary.js';
import { runDetails } from './run-details.js';

const listRunsInput = z
  .object({
    Kinds: z.array(z.string()).optional(),
    Names: z.array(z.string()).optional(),
    /** Only runs whose id starts with this text (the CLI accepts short run ids, as git accepts short hashes). */
    IdPrefix: z.string().min(1).optional(),
    States: z.array(z.string()).optional(),
    /** Only runs still in progress (true) or ended (false). */
    Active: z.boolean().optional(),
    /** Only failed runs. */
    Failed: z.boolean().optional(),
    Since: z.union([z.string(), z.number()]).optional(),
    MaxResults: z.number().int().min(1).max(1000).optional(),
    NextToken: z.string().optional(),
  })
  .strict();

const runLogInput = z
  .object({
    RunId: z.string().min(1),
    Level: z.enum(LEVELS).optional(),
    Offset: z.number().int().min(0).optional(),
    MaxEntries: z.number().int().min(1).max(10000).optional(),
  })
  .strict();

export const runOperations = [
  sluiceOperation('ListRuns', validator(listRunsInput), async (input, ctx) => {
    const { db } = ctx.services.store;
    const size = input.MaxResults ?? 100;
    const start = decodeToken<{ o: number }>(input.NextToken)?.o ?? 0;
    let q = db.selectFrom('runs').selectAll();
    if (input.Kinds?.length) q = q.where('kind', 'in', input.Kinds);
    if (input.Names?.length) q = q.where('name', 'in', input.Names);
    // substr, not LIKE: run ids hold '_', LIKE's one-character wildcard.
    if (input.IdPrefix) q = q.where(sql<string>`substr(id, 1, ${input.IdPrefix.length})`, '=', input.IdPrefix);
    if (input.States?.length) q = q.where('state', 'in', input.States);
    if (input.Active !== undefined) q = q.where('state', input.Active ? 'in' : 'not in', activeStates());
    const since = timeInput(input.Since);
    if (since !== undefined) q = q.where('started_on', '>=', since);
    // Failure depends on the document (a workflow COMPLETED with failed actions), so it is filtered here.
    const fetch = input.Failed ? 5000 : size + 1;
    const rows = await q
      .orderBy('started_on', 'desc')
      .orderBy('id', 'desc')
      .offset(input.Failed ? 0 : start)
      .limit(fetch)
      .execute();
    let runs = rows.map((r) => summarize(r));
    if (input.Failed) runs = runs.filter((r) => r.Failed).slice(start, start + size + 1);
    const more = runs.length > size;
    return { Runs: runs.slice(0, size), NextToken: more ? encodeToken({ o: start + size }) : undefined };
  }),

  sluiceOperation('GetRun', validator(z.object({ RunId: z.string().min(1) }).strict()), async (input, ctx) => {
    const { db } = ctx.services.store;
    const row = await db.selectFrom('runs').selectAll().where('id', '=', input.RunId).executeTakeFirst();
    if (!row) throw notFound(`Run ${input.RunId} not found`);
    const run = summarize(row);
    const timeline = await runTimeline(db, {
      id: row.id,
      state: row.state,
      startedOn: Date.parse(run.StartedOn),
      completedOn: run.CompletedOn ? Date.parse(run.CompletedOn) : undefined,
    });
    return { Run: run, Timeline: timeline.map((t) => ({ State: t.state, At: iso(t.at) })), ...(await runDetails(ctx.services, row)) };
  }),

  sluiceOperation('GetRunLog', validator(runLogInput), async (input, ctx) => {
    const row = await ctx.services.store.db.selectFrom('runs').selectAll().where('id', '=', input.RunId).executeTakeFirst();
    const page = readRunLog(ctx.services.root, input.RunId, {
      kind: row?.kind,
      level: input.Level,
      offset: input.Offset,
      maxEntries: input.MaxEntries,
      open: ctx.services.security.openLogLine(`the log of run ${input.RunId}`),
    });
    if (!row && !page.found) throw notFound(`Run ${input.RunId} not found, and no log is kept under that id`);
    const run = row ? summarize(row) : undefined;
    return {
      RunId: input.RunId,
      Kind: row?.kind,
      State: row?.state,
      Ended: run ? run.Ended : true,
      CompletedOn: run?.CompletedOn,
      Entries: page.entries.map((e) => ({ Time: e.time, Level: e.level, Message: e.msg, Fields: e.fields })),
      NextOffset: page.nextOffset,
    };
  }),
];
