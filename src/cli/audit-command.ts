// `sluice audit [--principal ARN] [--operation Op] [--resource ARN] [--outcome Denied] [--since T]
// [--until T] [--limit N] [--json]` prints the project's audit trail; `--verify` walks its hash chain
// and exits 1 naming every edited or missing record. Reads the project's metadata store directly:
// the trail is for whoever runs the server, not for API callers.
import type { Command } from 'commander';
import { openServices } from '../config/compose.js';
import { invalidInput } from '../kernel/errors.js';
import { readAudit, verifyAudit } from '../security/audit/trail.js';
import { reportError } from './output.js';

interface Flags {
  principal?: string;
  operation?: string;
  resource?: string;
  outcome?: string;
  since?: string;
  until?: string;
  limit?: string;
  json?: boolean;
  verify?: boolean;
}

const time = (flag: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw invalidInput(`--${flag} ${v} is not a time: give an ISO 8601 time such as 2026-12-01T09:00:00Z`);
  return t;
};

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('The audit trail of calls to sluice server: every change and every refusal; --verify checks its hash chain')
    .option('--principal <arn>', 'only calls by this principal (a part of its ARN is enough)')
    .option('--operation <name>', 'only this operation, e.g. DeleteTable')
    .option('--resource <arn>', 'only calls touching this resource (a part of its ARN is enough)')
    .option('--outcome <outcome>', 'Allowed, Denied or Failed')
    .option('--since <time>', 'from this time (ISO 8601)')
    .option('--until <time>', 'up to this time (ISO 8601)')
    .option('--limit <n>', 'the last n records', '100')
    .option('--json', 'one JSON record per line')
    .option('--verify', 'check that no record was edited or deleted')
    .action(async (flags: Flags) => {
      let opened: Awaited<ReturnType<typeof openServices>> | undefined;
      try {
        opened = await openServices();
        const { db } = opened.services.store;
        if (flags.verify) {
          const v = await verifyAudit(db);
          for (const p of v.problems) process.stderr.write(`sluice audit: ${p}\n`);
          const head = v.head ? `; head: record ${v.head.seq}, hash ${v.head.hash}` : '';
          process.stdout.write(`${v.ok ? 'OK' : 'TAMPERED'}: ${v.records} records checked${head}\n`);
          if (!v.ok) process.exitCode = 1;
          return;
        }
        const limit = Number(flags.limit);
        if (!Number.isInteger(limit) || limit < 1) throw invalidInput(`--limit ${flags.limit} is not a positive whole number`);
        const records = await readAudit(db, {
          principal: flags.principal,
          operation: flags.operation,
          resource: flags.resource,
          outcome: flags.outcome,
          since: time('since', flags.since),
          until: time('until', flags.until),
          limit,
        });
        for (const r of records) {
          if (flags.json) process.stdout.write(`${JSON.stringify(r)}\n`);
          else {
            const who = r.principal ?? `(unauthenticated${r.accessKey ? ` ${r.accessKey}` : ''})`;
            const why = r.errorType ? ` ${r.errorType}: ${r.errorMessage}` : '';
            process.stdout.write(
              `${r.time}  ${r.outcome.padEnd(7)}  ${r.operation}  ${who}  ${r.sourceIp ?? '-'}  ${r.resources.join(' ')}${why}\n`,
            );
          }
        }
      } catch (err) {
        process.exitCode = reportError(err);
      } finally {
        await opened?.close();
      }
    });
}
