// A job definition as Glue keeps it: the caller's fields plus the defaults Glue fills in. UpdateJob
// replaces the whole definition, so defaults are applied the same way on create and update.
import { invalidInput } from '../../kernel/errors.js';
import type { CreateJobRequest, Job, JobUpdate } from '../../kernel/glue-types.js';

/** Script kinds Sluice runs, by the ScriptLocation's extension. */
export const SCRIPT_KINDS = {
  '.ts': 'module',
  '.mts': 'module',
  '.js': 'module',
  '.mjs': 'module',
  '.sql': 'sql',
  '.yaml': 'yaml',
  '.yml': 'yaml',
} as const;
export type ScriptKind = (typeof SCRIPT_KINDS)[keyof typeof SCRIPT_KINDS];

export function scriptKindOf(location: string): ScriptKind | undefined {
  const m = /(\.[a-z]+)$/i.exec(location.replace(/[?#].*$/, ''));
  return m ? SCRIPT_KINDS[m[1].toLowerCase() as keyof typeof SCRIPT_KINDS] : undefined;
}

/** Glue's default Timeout: 2,880 minutes up to Glue 4.0, 480 minutes from 5.0. */
export function defaultTimeout(glueVersion: string | undefined): number {
  return glueVersion && Number.parseFloat(glueVersion) >= 5 ? 480 : 2880;
}

const MAX_TIMEOUT_MINUTES = 10080;

// Glue stores any job definition (Python shell, PySpark, Scala, Ray, streaming, visual): a script
// Sluice cannot run fails the run (runnableScript), never the definition.
function check(fields: JobUpdate): void {
  if (fields.Timeout !== undefined && fields.Timeout > MAX_TIMEOUT_MINUTES) {
    throw invalidInput(
      `Timeout ${fields.Timeout} is too long: jobs must have timeout values less than 7 days or ${MAX_TIMEOUT_MINUTES} minutes.`,
    );
  }
  const max = fields.ExecutionProperty?.MaxConcurrentRuns;
  if (max !== undefined && max < 1) throw invalidInput(`ExecutionProperty.MaxConcurrentRuns must be at least 1, got ${max}.`);
  if (fields.MaxRetries !== undefined && fields.MaxRetries < 0)
    throw invalidInput(`MaxRetries must not be negative, got ${fields.MaxRetries}.`);
}

const KIND_NAMES: Record<string, string> = {
  glueetl: 'a Spark (glueetl) job',
  gluestreaming: 'a Spark streaming (gluestreaming) job',
  pythonshell: 'a Python shell job',
  glueray: 'a Ray (glueray) job',
};

const WHAT_TO_USE =
  'Sluice runs job scripts on DuckDB: a .ts/.js/.mjs module (the sluice/job SDK), a .sql SELECT or a .yaml pipeline. ' +
  'Port the job to one of these and point Command.ScriptLocation at it (UpdateJob).';

/** The script kind a run of this job executes, or why Sluice cannot run it (the run's ErrorMessage). */
export function runnableScript(job: Job): { kind: ScriptKind } | { reason: string } {
  const location = job.Command?.ScriptLocation;
  const kind = location ? scriptKindOf(location) : undefined;
  if (kind) return { kind };
  const what = KIND_NAMES[job.Command?.Name ?? ''] ?? `a job with Command.Name '${job.Command?.Name ?? ''}'`;
  const language = job.DefaultArguments?.['--job-language'];
  const lang = language ? ` (--job-language ${language})` : '';
  if (!location) {
    const visual = job.CodeGenConfigurationNodes && Object.keys(job.CodeGenConfigurationNodes).length;
    const cause = visual
      ? `is a visual job (CodeGenConfigurationNodes) with no generated script: Sluice does not generate scripts from visual nodes`
      : 'has no Command.ScriptLocation';
    return { reason: `Job ${job.Name} ${cause}, so there is nothing to run. ${WHAT_TO_USE}` };
  }
  return { reason: `Job ${job.Name} is ${what}${lang} with script ${location}, which Sluice cannot execute. ${WHAT_TO_USE}` };
}

export function jobFromInput(name: string, fields: JobUpdate | Omit<CreateJobRequest, 'Name' | 'Tags'>, createdOn: Date): Job {
  check(fields);
  return {
    ...fields,
    Name: name,
    JobMode: fields.JobMode ?? 'SCRIPT',
    CreatedOn: createdOn,
    LastModifiedOn: new Date(),
    ExecutionProperty: { MaxConcurrentRuns: fields.ExecutionProperty?.MaxConcurrentRuns ?? 1 },
    MaxRetries: fields.MaxRetries ?? 0,
    Timeout: fields.Timeout ?? defaultTimeout(fields.GlueVersion),
    DefaultArguments: fields.DefaultArguments ?? {},
  };
}

export const jobArn = (region: string, account: string, name: string) => `arn:aws:glue:${region}:${account}:job/${name}`;
