// The arguments a run sees (glue-behaviour.md §3.1): the job's DefaultArguments, replaced key by key
// by the run's Arguments, then NonOverridableArguments on top, plus Glue's reserved --JOB_* keys.
// Arguments Sluice reads are checked when the run starts: a value outside the ones it accepts, or a
// name one typo away from one it reads (`--job-bookmark-opton`), fails the run naming the nearest.
import { distance } from 'fastest-levenshtein';
import { invalidInput } from '../../kernel/errors.js';
import type { Job, JobRun } from '../../kernel/glue-types.js';
import { nearest } from '../../kernel/nearest.js';

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

const BOOLEAN = ['true', 'false'];

/** Arguments Sluice reads, with the values each accepts (undefined: any value). */
const KNOWN: Record<string, readonly string[] | undefined> = {
  '--job-bookmark-option': ['job-bookmark-enable', 'job-bookmark-disable', 'job-bookmark-pause'],
  '--job-bookmark-from': undefined,
  '--job-bookmark-to': undefined,
  '--count-input-rows': BOOLEAN,
  '--quarantine-database': undefined,
  '--quarantine-table': undefined,
  '--quarantine-path': undefined,
  '--output-path': undefined,
  '--output-database': undefined,
  '--output-table': undefined,
  '--partition-keys': undefined,
  '--write-mode': ['append', 'overwrite', 'overwrite-partitions'],
  '--compression': ['snappy', 'zstd'],
  // Bad input (docs/jobs-bad-input.md).
  '--record-mode': undefined, // checked, case-insensitively, where sources are read (sdk/read-checks.ts)
  '--bad-records-path': undefined,
  '--ignore-corrupt-files': BOOLEAN,
  // Glue's own special parameters: accepted (Sluice has no Spark to give them to), never typos.
  '--TempDir': undefined,
  '--job-language': ['python', 'scala'],
  '--enable-metrics': undefined,
  '--enable-observability-metrics': BOOLEAN,
  '--enable-continuous-cloudwatch-log': BOOLEAN,
  '--enable-continuous-log-filter': BOOLEAN,
  '--enable-glue-datacatalog': undefined,
  '--enable-spark-ui': BOOLEAN,
  '--enable-job-insights': BOOLEAN,
  '--enable-auto-scaling': BOOLEAN,
  '--extra-py-files': undefined,
  '--extra-jars': undefined,
  '--extra-files': undefined,
  '--additional-python-modules': undefined,
  '--datalake-formats': undefined,
  '--conf': undefined,
};

/** Throws InvalidInputException for a known argument's bad value or a near miss of a known name. */
export function checkArguments(args: Record<string, string>): void {
  for (const [name, value] of Object.entries(args)) {
    if (name.startsWith('--JOB_') || name.startsWith('--WORKFLOW_')) continue;
    if (Object.hasOwn(KNOWN, name)) {
      const allowed = KNOWN[name];
      if (allowed && !allowed.includes(value)) {
        const hint = nearest(value, allowed);
        throw invalidInput(`${name} ${value} is not one of ${allowed.join(', ')}${hint ? ` (did you mean ${hint}?)` : ''}.`);
      }
      continue;
    }
    // Arguments of the job's own are free, but one a typo away from one Sluice reads would be ignored:
    // a small edit of a long name counts (`--output` beside `--output-path` is the job's own).
    const hint = Object.keys(KNOWN).find((k) => k.length >= 10 && distance(name, k) <= 2);
    if (hint) throw invalidInput(`Job argument ${name} is not one Sluice reads: did you mean ${hint}?`);
  }
}
