// `sluice logs RUN_ID [--follow] [--level error] [--json]`: the structured log of any run (job, crawl,
// quality evaluation, workflow), readable; --follow keeps printing until the run has ended. Works
// embedded or against a server (--endpoint-url), through GetRunLog either way.
import type { Command } from 'commander';
import { openSluice, type Sluice } from '../config/compose.js';
import { invalidInput } from '../kernel/errors.js';
import { callRemote } from '../api/http/client.js';
import { formatEntry, type PrintableEntry } from '../monitoring/logs/format-entry.js';
import { LEVELS } from '../monitoring/logs/read-log.js';
import { reportError } from './output.js';
import { splitRemoteOptions } from './remote-options.js';
import { resolveRunId } from './run-id.js';
import type { GlueCall } from '../workflows/glue-call.js';

/** How long --follow keeps reading after the run ended and nothing new came. */
const FOLLOW_GRACE_MS = 5000;

interface LogsFlags {
  follow?: boolean;
  level?: string;
  json?: boolean;
  interval: string;
  endpointUrl?: string;
  region?: string;
}

/** The remote flags, as splitRemoteOptions reads them from `sluice glue`'s argument list. */
export const remoteArgs = (f: { endpointUrl?: string; region?: string }) => [
  ...(f.endpointUrl ? ['--endpoint-url', f.endpointUrl] : []),
  ...(f.region ? ['--region', f.region] : []),
];

interface LogPage {
  Ended: boolean;
  CompletedOn?: string;
  Entries: PrintableEntry[];
  NextOffset: number;
}

export function registerLogsCommand(program: Command): void {
  program
    .command('logs')
    .description("Print a run's structured log (any run: job, crawl, quality evaluation, workflow)")
    .argument('<run-id>', 'the run id (JobRunId, crawl id, evaluation RunId, workflow RunId) or a unique prefix of it')
    .option('-f, --follow', 'keep printing new lines until the run has ended')
    .option('--level <level>', `only this level and more severe (${LEVELS.join(', ')})`)
    .option('--json', 'print each entry as a JSON line')
    .option('--interval <ms>', 'how often --follow looks for new lines', '500')
    .option('--endpoint-url <url>', 'read from a running server instead of the project (credentials from AWS_* variables)')
    .option('--region <region>', 'the region to sign for, with --endpoint-url')
    .action(async (runId: string, flags: LogsFlags) => {
      let sluice: Sluice | undefined;
      try {
        if (flags.level && !(LEVELS as readonly string[]).includes(flags.level))
          throw invalidInput(`--level takes one of ${LEVELS.join(', ')}, not '${flags.level}'`);
        const { remote } = splitRemoteOptions(remoteArgs(flags));
        const glue: GlueCall = async (op, input) =>
          (remote ? callRemote(op, input, remote) : (sluice ??= await openSluice()).call(op, input)) as Promise<any>;
        const call = (input: Record<string, unknown>) => glue<LogPage>('GetRunLog', input);
        runId = await resolveRunId(glue, runId);
        const interval = Number(flags.interval) || 500;
        let offset = 0;
        let quietSince: number | undefined;
        for (;;) {
          const page = await call({ RunId: runId, Level: flags.level, Offset: offset });
          for (const e of page.Entries) process.stdout.write(flags.json ? `${JSON.stringify(e)}\n` : formatEntry(e));
          offset = page.NextOffset;
          if (!flags.follow) break;
          // A run's last lines (a job's supervisor saying how it ended) land a moment after its state
          // does: stop once it ended FOLLOW_GRACE_MS ago (or was seen ended that long) and nothing new came.
          quietSince = page.Ended && !page.Entries.length ? (quietSince ?? Date.now()) : undefined;
          const endedAt = Math.min(quietSince ?? Infinity, page.CompletedOn ? Date.parse(page.CompletedOn) : Infinity);
          if (quietSince !== undefined && Date.now() - endedAt >= FOLLOW_GRACE_MS) break;
          await new Promise((r) => setTimeout(r, interval));
        }
      } catch (err) {
        process.exitCode = reportError(err, 'GetRunLog');
      } finally {
        await sluice?.close();
      }
    });
}
