// CreateJob, GetJob, GetJobs, BatchGetJobs, ListJobs, UpdateJob, DeleteJob.
import { glueOperation, type CallContext } from '../../kernel/registry.js';
import { alreadyExists } from '../../kernel/errors.js';
import { pageByOffset } from '../../kernel/pagination.js';
import { deleteTags, getTags, putTags } from '../../tags/tags.js';
import { jobArn, jobFromInput } from './job-doc.js';
import { findJob, insertJob, jobsByName, listJobNames, replaceJob, requireJob } from './job-repo.js';
import { deleteRunsOf, listRunRows } from '../runs/run-repo.js';
import { ACTIVE_STATES } from '../runs/run-states.js';
import { stopJobRun } from '../runs/stop-run.js';
import { deleteBookmarks } from '../bookmarks/bookmark-repo.js';

const arnOf = (ctx: CallContext, name: string) => jobArn(ctx.region, ctx.accountId, name);

export const jobDefinitionOperations = [
  glueOperation(
    'CreateJob',
    async (input, ctx) => {
      const { Name, Tags, ...fields } = input;
      const job = jobFromInput(Name, fields, new Date());
      await ctx.services.store.transaction(async (trx) => {
        if (await findJob(trx, Name)) throw alreadyExists(`Job ${Name} already exists.`);
        await insertJob(trx, job);
        await putTags(trx, arnOf(ctx, Name), Tags);
      });
      return { Name };
    },
    {
      partial:
        'Any job is stored as given; Role, Connections and worker sizing are not used (SecurityConfiguration encrypts output, bookmarks and logs); runs of Python, Spark, Scala, Ray and visual jobs end FAILED saying what to use instead',
    },
  ),

  glueOperation('GetJob', async (input, ctx) => ({ Job: await requireJob(ctx.services.store.db, input.JobName) })),

  glueOperation('GetJobs', async (input, ctx) => {
    const names = await listJobNames(ctx.services.store.db);
    const page = pageByOffset(names, input.NextToken, input.MaxResults);
    const jobs = await jobsByName(ctx.services.store.db, page.items);
    return { Jobs: page.items.flatMap((n) => jobs.get(n) ?? []), NextToken: page.nextToken };
  }),

  glueOperation('BatchGetJobs', async (input, ctx) => {
    const jobs = await jobsByName(ctx.services.store.db, input.JobNames);
    return { Jobs: input.JobNames.flatMap((n) => jobs.get(n) ?? []), JobsNotFound: input.JobNames.filter((n) => !jobs.has(n)) };
  }),

  glueOperation('ListJobs', async (input, ctx) => {
    let names = await listJobNames(ctx.services.store.db);
    const wanted = Object.entries(input.Tags ?? {});
    if (wanted.length) {
      const tagged = [];
      for (const n of names) {
        const tags = await getTags(ctx.services.store.db, arnOf(ctx, n));
        if (wanted.every(([k, v]) => tags[k] === v)) tagged.push(n);
      }
      names = tagged;
    }
    const page = pageByOffset(names, input.NextToken, input.MaxResults);
    return { JobNames: page.items, NextToken: page.nextToken };
  }),

  glueOperation('UpdateJob', async (input, ctx) => {
    // Glue replaces the whole definition: fields left out of JobUpdate go back to their defaults.
    await ctx.services.store.transaction(async (trx) => {
      const current = await requireJob(trx, input.JobName);
      await replaceJob(trx, jobFromInput(input.JobName, input.JobUpdate, current.CreatedOn!));
    });
    return { JobName: input.JobName };
  }),

  glueOperation('DeleteJob', async (input, ctx) => {
    // Glue answers a missing job with success. Runs still going are stopped first; the bookmark goes with the job.
    const { db } = ctx.services.store;
    for (const row of await listRunRows(db, input.JobName, ACTIVE_STATES)) await stopJobRun(db, input.JobName, row.id);
    await ctx.services.store.transaction(async (trx) => {
      await trx.deleteFrom('jobs').where('name', '=', input.JobName).execute();
      await deleteRunsOf(trx, input.JobName);
      await deleteBookmarks(trx, input.JobName);
      await deleteTags(trx, arnOf(ctx, input.JobName));
    });
    return { JobName: input.JobName };
  }),
];
