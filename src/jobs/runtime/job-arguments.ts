// The arguments a run sees (glue-behaviour.md §3.1): the job's DefaultArguments, replaced key by key
// by the run's Arguments, then NonOverridableArguments on top, plus Glue's reserved --JOB_* keys.
import type { Job, JobRun } from '../../kernel/glue-types.js';

export function effectiveArguments(job: Job, run: JobRun): Record<string, string> {
  return {
    ...job.DefaultArguments,
    ...run.Arguments,
    ...job.NonOverridableArguments,
    '--JOB_NAME': job.Name!,
    '--JOB_ID': job.Name!,
    '--JOB_RUN_ID': run.Id!,
  };
}

/** getResolvedOptions: '--name' or 'name' → value; undefined when absent. */
export function argument(args: Record<string, string>, name: string): string | undefined {
  return args[name.startsWith('--') ? name : `--${name}`];
}
