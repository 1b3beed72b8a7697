// `sluice job run NAME`: starts a job run and shows its progress (rows, files, elapsed) until it
// ends; the exit code says whether it succeeded. Ctrl-C stops the run (interrupt.ts). `sluice job
// list` and `sluice job show NAME`: the jobs, their scripts and their latest runs.
import type { Command } from 'commander';
import { openSluice, type Sluice } from '../config/compose.js';
import { invalidInput } from '../kernel/errors.js';
import type { Job, JobRun } from '../kernel/glue-types.js';
import { reportError } from './output.js';
import { formatColumns, formatDuration, formatTime, openCall } from './cli-call.js';
import { stopOnInterrupt } from './interrupt.js';
import { shortId } from './run-id.js';

interface RunFlags {
  arg: string[];
  arguments?: string;
  timeout?: string;
  wait: boolean;
  interval: string;
}

const TERMINAL = ['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED', 'ERROR', 'EXPIRED'];

export function parseRunArguments(flags: Pick<RunFlags, 'arg' | 'arguments'>): Record<string, string> {
  const args: Record<string, string> = {};
  if (flags.arguments) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(flags.arguments);
    } catch {
      throw invalidInput(`--arguments must be a JSON object, e.g. '{"--day":"2024-01-01"}'`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidInput('--arguments must be a JSON object');
    for (const [k, v] of Object.entries(parsed)) args[k] = String(v);
  }
  for (const a of flags.arg) {
    const eq = a.indexOf('=');
    if (eq < 1) throw invalidInput(`--arg takes name=value, not '${a}'`);
    const name = a.slice(0, eq);
    args[name.startsWith('--') ? name : `--${name}`] = a.slice(eq + 1);
  }
  return args;
}

const count = (n: unknown) => Number(n ?? 0).toLocaleString('en-US');
const mb = (n: unknown) => `${(Number(n ?? 0) / 1e6).toFixed(1)} MB`;

export function progressLine(state: string, p: Record<string, unknown>, elapsedMs: number): string {
  return `${state.padEnd(9)} ${(elapsedMs / 1000).toFixed(1).padStart(6)}s  read ${count(p.rowsRead)} rows / ${count(p.filesRead)} files (${mb(p.bytesRead)})  wrote ${count(p.rowsWritten)} rows / ${count(p.filesWritten)} files  quarantined ${count(p.rowsQuarantined)}${Number(p.rowsDropped) ? `  dropped ${count(p.rowsDropped)}` : ''}${Number(p.filesQuarantined) ? `  set aside ${count(p.filesQuarantined)} files` : ''}${p.step ? `  [${p.step}]` : ''}`;
}

const withoutTime = (line: string) => line.replace(/^(\S+)\s+\S+s/, '$1');

async function follow(sluice: Sluice, job: string, runId: string, intervalMs: number): Promise<string> {
  const tty = process.stderr.isTTY;
  let last = '';
  const started = Date.now();
  const interrupt = stopOnInterrupt(
    `job run ${runId}`,
    () => sluice.call('BatchStopJobRun', { JobName: job, JobRunIds: [runId] }),
    `sluice logs ${shortId(runId)} --follow`,
  );
  try {
    for (;;) {
      const d = await sluice.call('GetJobRunDetails', { JobName: job, RunId: runId });
      const state: string = d.JobRun.JobRunState;
      const line = progressLine(state, { ...d.Progress, ...(d.Metrics ?? {}) }, Date.now() - started);
      if (tty) process.stderr.write(`\r\x1b[K${line}`);
      // Without a terminal, a line is printed when something other than the elapsed time changed.
      else if (withoutTime(line) !== withoutTime(last) || TERMINAL.includes(state)) process.stderr.write(`${line}\n`);
      last = line;
      if (TERMINAL.includes(state)) {
        if (tty) process.stderr.write('\n');
        if (d.JobRun.ErrorMessage) process.stderr.write(`${d.JobRun.ErrorMessage}\n`);
        return interrupt.interrupted ? 'INTERRUPTED' : state;
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  } finally {
    interrupt.dispose();
  }
}

interface ListFlags {
  json?: boolean;
  endpointUrl?: string;
}

const lastRunLine = (r: JobRun | undefined) =>
  r ? `${r.JobRunState} ${formatTime(r.StartedOn)} (${formatDuration(Number(r.ExecutionTime ?? 0))})` : 'never run';

async function listJobs(flags: ListFlags): Promise<void> {
  const cli = await openCall(flags.endpointUrl);
  try {
    const jobs: Job[] = [];
    let token: string | undefined;
    do {
      const page = await cli.call<{ Jobs: Job[]; NextToken?: string }>('GetJobs', { NextToken: token });
      jobs.push(...page.Jobs);
      token = page.NextToken;
    } while (token);
    const last = new Map<string, JobRun | undefined>();
    for (const j of jobs)
      last.set(j.Name!, (await cli.call<{ JobRuns: JobRun[] }>('GetJobRuns', { JobName: j.Name, MaxResults: 1 })).JobRuns[0]);
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify(
          jobs.map((j) => ({ ...j, LastRun: last.get(j.Name!) })),
          null,
          2,
        )}\n`,
      );
      return;
    }
    if (!jobs.length) return void process.stdout.write('No jobs. Create one: sluice glue create-job (see docs/writing-jobs.md)\n');
    const rows = jobs.map((j) => [j.Name!, j.Command?.ScriptLocation ?? '', lastRunLine(last.get(j.Name!))]);
    process.stdout.write(formatColumns(['NAME', 'SCRIPT', 'LAST RUN (UTC)'], rows));
  } finally {
    await cli.close();
  }
}

async function showJob(name: string, flags: ListFlags & { runs: string }): Promise<void> {
  const cli = await openCall(flags.endpointUrl);
  try {
    const { Job: job } = await cli.call<{ Job: Job }>('GetJob', { JobName: name });
    const { JobRuns } = await cli.call<{ JobRuns: JobRun[] }>('GetJobRuns', { JobName: name, MaxResults: Number(flags.runs) || 5 });
    if (flags.json) return void process.stdout.write(`${JSON.stringify({ Job: job, JobRuns }, null, 2)}\n`);
    const out = [
      `Job ${job.Name}${job.Description ? `: ${job.Description}` : ''}`,
      `  script      ${job.Command?.ScriptLocation ?? ''}`,
      `  timeout     ${job.Timeout ?? ''} min · max concurrent runs ${job.ExecutionProperty?.MaxConcurrentRuns ?? 1} · retries ${job.MaxRetries ?? 0}`,
      `  created     ${formatTime(job.CreatedOn)} · modified ${formatTime(job.LastModifiedOn)}`,
    ];
    for (const [k, v] of Object.entries(job.DefaultArguments ?? {})) out.push(`  argument    ${k} ${v}`);
    out.push('', JobRuns.length ? `Latest runs (sluice logs RUN_ID for a run's log):` : 'No runs yet: sluice job run ' + name);
    if (JobRuns.length)
      out.push(
        formatColumns(
          ['RUN ID', 'STATE', 'STARTED (UTC)', 'DURATION', 'ERROR'],
          JobRuns.map((r) => [
            shortId(r.Id!),
            r.JobRunState ?? '',
            formatTime(r.StartedOn),
            formatDuration(Number(r.ExecutionTime ?? 0)),
            r.ErrorMessage?.split('\n')[0].slice(0, 60) ?? '',
          ]),
        ).trimEnd(),
      );
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await cli.close();
  }
}

export function registerJobCommand(program: Command): void {
  const job = program.command('job').description('Run ETL jobs and follow them; list and show jobs');
  job
    .command('list')
    .description('List the jobs, their scripts and their latest runs')
    .option('--json', 'print the jobs as JSON')
    .option('--endpoint-url <url>', 'list the jobs of a Sluice server instead of the project in this folder')
    .action((flags: ListFlags) => listJobs(flags).catch((err) => void (process.exitCode = reportError(err))));
  job
    .command('show')
    .description('Show a job: its script, arguments and latest runs')
    .argument('<name>', 'the job')
    .option('--runs <n>', 'how many of its latest runs to show', '5')
    .option('--json', 'print the job and its runs as JSON')
    .option('--endpoint-url <url>', 'ask a Sluice server instead of the project in this folder')
    .action((name: string, flags: ListFlags & { runs: string }) =>
      showJob(name, flags).catch((err) => void (process.exitCode = reportError(err))),
    );
  job
    .command('run')
    .description('Start a run of a job and show its progress until it ends')
    .argument('<name>', 'the job')
    .option(
      '--arg <name=value>',
      'a run argument, e.g. --arg job-bookmark-option=job-bookmark-enable (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--arguments <json>', 'run arguments as a JSON object, as StartJobRun takes them')
    .option('--timeout <minutes>', "override the job's Timeout")
    .option('--no-wait', 'print the run id and return at once')
    .option('--interval <ms>', 'how often progress is polled', '250')
    .action(async (name: string, flags: RunFlags) => {
      let sluice: Sluice | undefined;
      try {
        const args = parseRunArguments(flags);
        const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout);
        if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1))
          throw invalidInput('--timeout is a whole number of minutes');
        sluice = await openSluice();
        const { JobRunId } = await sluice.call('StartJobRun', { JobName: name, Arguments: args, Timeout: timeout });
        process.stdout.write(`${JobRunId}\n`);
        if (!flags.wait) return;
        const state = await follow(sluice, name, JobRunId, Math.max(20, Number(flags.interval) || 250));
        process.exitCode = state === 'SUCCEEDED' ? 0 : state === 'INTERRUPTED' ? 130 : 1;
      } catch (err) {
        process.exitCode = reportError(err);
      } finally {
        await sluice?.close();
      }
    });
}
