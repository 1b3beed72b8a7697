// `sluice runs`: every kind of run (job runs, crawls, quality evaluations, workflow runs) in one list,
// newest first, through ListRuns. Run ids print short; any unique prefix names a run wherever the
// CLI takes a run id (run-id.ts).
import type { Command } from 'commander';
import { invalidInput } from '../kernel/errors.js';
import { openCall, formatColumns, formatDuration, formatTime } from './cli-call.js';
import { shortId } from './run-id.js';
import { reportError } from './output.js';

interface RunsFlags {
  kind?: string[];
  state?: string[];
  name?: string[];
  since?: string;
  failed?: boolean;
  limit: string;
  json?: boolean;
  endpointUrl?: string;
}

interface Listed {
  RunId: string;
  Kind: string;
  Name: string;
  State: string;
  StartedOn: string;
  DurationSeconds: number;
  ErrorMessage?: string;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** --since: a duration back from now (30m, 6h, 2d, 1w) or a date/time (2024-03-04, ISO 8601). */
export function sinceTime(text: string, now = Date.now()): string {
  const m = /^(\d+)\s*([mhdw])$/.exec(text.trim());
  if (m) return new Date(now - Number(m[1]) * UNITS[m[2]]).toISOString();
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw invalidInput(`--since takes a duration (30m, 6h, 2d, 1w) or a date (2024-03-04), not '${text}'`);
  return new Date(t).toISOString();
}

const many = (v: string, all: string[] = []) => [...all, ...v.split(',').map((s) => s.trim())];

export function registerRunsCommand(program: Command): void {
  program
    .command('runs')
    .description('List runs of every kind (job, crawl, dq-evaluation, workflow …), newest first')
    .option('--kind <kinds>', 'only these kinds: job, crawl, workflow, dq-evaluation, dq-recommendation (comma-separated)', many)
    .option('--state <states>', 'only runs in these states, e.g. RUNNING,FAILED (comma-separated)', many)
    .option('--name <names>', 'only runs of these jobs, crawlers, workflows or rulesets (comma-separated)', many)
    .option('--since <when>', 'only runs started since: a duration back (30m, 6h, 2d, 1w) or a date (2024-03-04)')
    .option('--failed', 'only runs that failed (a workflow run counts when a step failed)')
    .option('--limit <n>', 'at most this many runs', '20')
    .option('--json', 'print the runs as JSON')
    .option('--endpoint-url <url>', 'list the runs of a Sluice server instead of the project in this folder')
    .action(async (flags: RunsFlags) => {
      let cli;
      try {
        const limit = Number(flags.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidInput('--limit is a whole number from 1 to 1000');
        const input = {
          Kinds: flags.kind,
          States: flags.state?.map((s) => s.toUpperCase()),
          Names: flags.name,
          Since: flags.since === undefined ? undefined : sinceTime(flags.since),
          Failed: flags.failed,
          MaxResults: limit,
        };
        cli = await openCall(flags.endpointUrl);
        const { Runs } = await cli.call<{ Runs: Listed[] }>('ListRuns', input);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(Runs, null, 2)}\n`);
          return;
        }
        if (!Runs.length) {
          process.stdout.write('No runs.\n');
          return;
        }
        const rows = Runs.map((r) => [
          shortId(r.RunId),
          r.Kind,
          r.Name,
          r.State,
          formatTime(r.StartedOn),
          formatDuration(r.DurationSeconds),
          r.ErrorMessage?.split('\n')[0].slice(0, 60) ?? '',
        ]);
        process.stdout.write(formatColumns(['RUN ID', 'KIND', 'NAME', 'STATE', 'STARTED (UTC)', 'DURATION', 'ERROR'], rows));
      } catch (err) {
        process.exitCode = reportError(err, 'ListRuns');
      } finally {
        await cli?.close();
      }
    });
}
