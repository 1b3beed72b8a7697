// `sluice job run NAME`: starts a job run and shows its progress (rows, files, elapsed) until it
// ends; the exit code says whether it succeeded. Ctrl-C stops the run.
import type { Command } from 'commander';
import { openSluice, type Sluice } from '../config/compose.js';
import { invalidInput } from '../kernel/errors.js';
import { reportError } from './output.js';
import { installTemplate, TEMPLATES } from '../jobs/templates/install-template.js';

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
  const stop = () => void sluice.call('BatchStopJobRun', { JobName: job, JobRunIds: [runId] }).catch(() => {});
  process.once('SIGINT', stop);
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
        return state;
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  } finally {
    process.off('SIGINT', stop);
  }
}

export function registerJobCommand(program: Command): void {
  const job = program.command('job').description('Run ETL jobs and follow them');
  job
    .command('template')
    .description(`Install a template's job scripts into jobs/<template>/ and create its jobs (${Object.keys(TEMPLATES).join(', ')})`)
    .argument('<template>', 'the template')
    .action(async (template: string) => {
      let sluice: Sluice | undefined;
      try {
        sluice = await openSluice();
        for (const name of await installTemplate(sluice, template)) process.stdout.write(`${name}\n`);
      } catch (err) {
        process.exitCode = reportError(err);
      } finally {
        await sluice?.close();
      }
    });
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
        process.exitCode = state === 'SUCCEEDED' ? 0 : 1;
      } catch (err) {
        process.exitCode = reportError(err);
      } finally {
        await sluice?.close();
      }
    });
}
