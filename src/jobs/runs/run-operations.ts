// StartJobRun, GetJobRun, GetJobRuns, BatchStopJobRun, and the Sluice-only GetJobRunDetails
// (progress, metrics, lineage and log of one run).
import { z } from 'zod';
import { glueOperation, sluiceOperation } from '../../kernel/registry.js';
import { invalidInput } from '../../kernel/errors.js';
import { pageByOffset } from '../../kernel/pagination.js';
import type { BatchStopJobRunError, BatchStopJobRunSuccessfulSubmission } from '../../kernel/glue-types.js';
import { requireJob } from '../definitions/job-repo.js';
import { listRunRows, requireRun, runFromRow } from './run-repo.js';
import { reapDeadRuns } from './liveness.js';
import { pickSettings, startJobRun } from './start-run.js';
import { stopJobRun } from './stop-run.js';
import { readRunLog } from '../runner/run-log.js';
import { inputAccounting } from '../runtime/input-accounting.js';
import type { RunMetrics } from '../runtime/run-metrics.js';

export const runOperations = [
  glueOperation(
    'StartJobRun',
    async (input, ctx) => {
      if (input.AllocatedCapacity !== undefined && input.MaxCapacity !== undefined) {
        throw invalidInput('Please set only Allocated Capacity or Max Capacity');
      }
      const run = await startJobRun(ctx.services, {
        jobName: input.JobName,
        arguments: input.Arguments,
        timeout: input.Timeout,
        retryOf: input.JobRunId,
        triggerName: ctx.startedBy?.triggerName,
        settings: pickSettings(input),
      });
      return { JobRunId: run.Id };
    },
    { partial: 'JobRunQueuingEnabled (WAITING), worker sizing and ExecutionRoleSessionPolicy are recorded on the run and not used' },
  ),

  glueOperation('GetJobRun', async (input, ctx) => {
    const { db } = ctx.services.store;
    await reapDeadRuns(db, input.JobName);
    const run = await requireRun(db, input.JobName, input.RunId);
    const d = await db.selectFrom('job_run_details').select('metrics').where('run_id', '=', input.RunId).executeTakeFirst();
    // A Sluice extension member (clients ignore members their model lacks): what the input held.
    const accounting = d?.metrics ? inputAccounting(JSON.parse(d.metrics) as RunMetrics) : undefined;
    return { JobRun: accounting ? ({ ...run, SluiceInputAccounting: accounting } as typeof run) : run };
  }),

  glueOperation('GetJobRuns', async (input, ctx) => {
    const { db } = ctx.services.store;
    await requireJob(db, input.JobName);
    await reapDeadRuns(db, input.JobName);
    const page = pageByOffset(await listRunRows(db, input.JobName), input.NextToken, input.MaxResults);
    return { JobRuns: page.items.map(runFromRow), NextToken: page.nextToken };
  }),

  glueOperation('BatchStopJobRun', async (input, ctx) => {
    const { db } = ctx.services.store;
    await reapDeadRuns(db, input.JobName);
    const SuccessfulSubmissions: BatchStopJobRunSuccessfulSubmission[] = [];
    const Errors: BatchStopJobRunError[] = [];
    for (const id of input.JobRunIds) {
      const outcome = await stopJobRun(db, input.JobName, id);
      if (outcome === 'stopping' || outcome === 'stopped') SuccessfulSubmissions.push({ JobName: input.JobName, JobRunId: id });
      else {
        const ErrorMessage =
          outcome === 'not-found' ? `Job Run Id ${id} not found for job ${input.JobName}` : `Job run ${id} has already ended.`;
        Errors.push({
          JobName: input.JobName,
          JobRunId: id,
          ErrorDetail: { ErrorCode: outcome === 'not-found' ? 'EntityNotFoundException' : 'InvalidInputException', ErrorMessage },
        });
      }
    }
    return { SuccessfulSubmissions, Errors };
  }),

  sluiceOperation(
    'GetJobRunDetails',
    (input) => {
      const r = z
        .object({ JobName: z.string().min(1), RunId: z.string().min(1), IncludeLog: z.boolean().optional() })
        .strict()
        .safeParse(input);
      if (!r.success) throw invalidInput(r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
      return r.data;
    },
    async (input, ctx) => {
      const { db } = ctx.services.store;
      await reapDeadRuns(db, input.JobName);
      const JobRun = await requireRun(db, input.JobName, input.RunId);
      const d = await db.selectFrom('job_run_details').selectAll().where('run_id', '=', input.RunId).executeTakeFirst();
      return {
        JobRun,
        Progress: d ? JSON.parse(d.progress) : {},
        Metrics: d?.metrics ? JSON.parse(d.metrics) : undefined,
        Lineage: d?.lineage ? JSON.parse(d.lineage) : undefined,
        Log: input.IncludeLog
          ? readRunLog(ctx.services.root, input.RunId, ctx.services.security.openLogLine(`the log of run ${input.RunId}`))
          : undefined,
      };
    },
  ),
];
