// `sluice alarms`: the alarms in force and each subject's state (list), their transitions (history),
// and `evaluate`, one monitor pass in this process (judge ended runs, deliver notifications) for
// projects that run no server. list and history also work against a server (--endpoint-url).
import type { Command } from 'commander';
import { openSluice, type Sluice } from '../config/compose.js';
import { callRemote } from '../api/http/client.js';
import { Monitor } from '../monitoring/observe/monitor.js';
import { reportError } from './output.js';
import { splitRemoteOptions } from './remote-options.js';
import { remoteArgs } from './logs-command.js';

interface Flags {
  json?: boolean;
  endpointUrl?: string;
  region?: string;
  alarm?: string;
  limit?: string;
}

async function withCaller(flags: Flags, operation: string, fn: (call: (input: unknown) => Promise<any>) => Promise<void>): Promise<void> {
  let sluice: Sluice | undefined;
  try {
    const { remote } = splitRemoteOptions(remoteArgs(flags));
    await fn(async (input) => (remote ? callRemote(operation, input, remote) : (sluice ??= await openSluice()).call(operation, input)));
  } catch (err) {
    process.exitCode = reportError(err, operation);
  } finally {
    await sluice?.close();
  }
}

const table = (rows: string[][]) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
};

const remoteOptions = (c: Command) =>
  c
    .option('--json', 'print the answer as JSON')
    .option('--endpoint-url <url>', 'ask a running server')
    .option('--region <region>', 'the region to sign for, with --endpoint-url');

export function registerAlarmsCommand(program: Command): void {
  const alarms = program
    .command('alarms')
    .description('Alarms declared in sluice.yaml (and the seeds’ defaults): states, history, evaluation');

  remoteOptions(alarms.command('list', { isDefault: true }).description('Each alarm and the state of each subject it watches')).action(
    (flags: Flags) =>
      withCaller(flags, 'ListAlarms', async (call) => {
        const out = await call({});
        if (flags.json) return void process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        const rows = [['ALARM', 'RULE', 'STATE', 'SUBJECT', 'REASON']];
        for (const a of out.Alarms) {
          if (!a.Subjects.length) rows.push([a.Name, a.Rule, a.State, '-', 'no data yet']);
          for (const s of a.Subjects) rows.push([a.Name, a.Rule, s.State, s.Subject, s.Reason]);
        }
        process.stdout.write(table(rows));
      }),
  );

  remoteOptions(alarms.command('history').description('State changes, newest first'))
    .option('--alarm <name>', 'only this alarm')
    .option('--limit <n>', 'at most this many', '50')
    .action((flags: Flags) =>
      withCaller(flags, 'GetAlarmHistory', async (call) => {
        const out = await call({ AlarmName: flags.alarm, MaxResults: Number(flags.limit) || 50 });
        if (flags.json) return void process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        const rows = [['AT', 'ALARM', 'SUBJECT', 'CHANGE', 'REASON']];
        for (const h of out.History) rows.push([h.At, h.AlarmName, h.Subject, `${h.OldState} → ${h.NewState}`, h.Reason]);
        process.stdout.write(table(rows));
      }),
    );

  alarms
    .command('evaluate')
    .description('Judge the runs that ended since the last evaluation and deliver due notifications, here and now')
    .option('--json', 'print the transitions as JSON')
    .action(async (flags: Flags) => {
      let sluice: Sluice | undefined;
      try {
        sluice = await openSluice();
        const monitor = new Monitor(sluice.services);
        const summary = await monitor.pass();
        await monitor.stop();
        if (flags.json) return void process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        process.stdout.write(
          `Judged ${summary.runs} run${summary.runs === 1 ? '' : 's'} and ${summary.results} quality result${summary.results === 1 ? '' : 's'}.\n`,
        );
        for (const t of summary.transitions)
          process.stdout.write(`  ${t.alarm} ${t.subject}: ${t.previousState} → ${t.state} — ${t.reason}\n`);
        const d = summary.delivery;
        process.stdout.write(`Notifications: ${d.sent} sent, ${d.retried} to retry, ${d.failed} failed.\n`);
      } catch (err) {
        process.exitCode = reportError(err);
      } finally {
        await sluice?.close();
      }
    });
}
