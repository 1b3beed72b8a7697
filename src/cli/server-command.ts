// `sluice server`: the Glue endpoint for the AWS CLI and SDKs, and beside it the scheduler, the event
// watcher and the workflow executor (startOrchestrator), which stop with it.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openSluice } from '../config/compose.js';
import { invalidInput } from '../kernel/errors.js';
import { startServer } from '../api/http/server.js';
import { startOrchestrator } from '../workflows/server/orchestrator.js';
import { jsonLineLog } from '../workflows/server/log.js';

interface ServerFlags {
  host?: string;
  port?: string;
  dev?: boolean;
  log?: boolean;
  tlsCert?: string;
  tlsKey?: string;
}

/** Both PEM files or neither: half a TLS setting is a mistake to name, not to ignore. */
function readTls(o: ServerFlags): { cert: string; key: string } | undefined {
  if (!o.tlsCert && !o.tlsKey) return undefined;
  if (!o.tlsCert || !o.tlsKey) throw invalidInput('--tls-cert and --tls-key go together: give both PEM files, or neither');
  const read = (flag: string, path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      throw invalidInput(`${flag} ${path} cannot be read: ${(e as Error).message}`);
    }
  };
  return { cert: read('--tls-cert', o.tlsCert), key: read('--tls-key', o.tlsKey) };
}

function parsePort(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw invalidInput(`--port must be a whole number from 0 to 65535, got '${v}'`);
  return n;
}

export function registerServerCommand(program: Command): void {
  program
    .command('server')
    .description('Serve the Glue API over HTTP (AWS JSON 1.1, SigV4) for the AWS CLI and SDKs')
    .option('--host <host>', 'address to listen on (default: server.host in sluice.yaml, 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default: server.port in sluice.yaml, 4590)')
    .option('--dev', 'accept any signature, as local AWS emulators do (loopback addresses only)')
    .option('--log', 'log every request (JSON lines on stdout)')
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (with --tls-key)')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert')
    .action(async (o: ServerFlags) => {
      const port = parsePort(o.port);
      const tls = readTls(o);
      // Job runs start with an executor started ahead of them (runs/warm-launcher.ts).
      const sluice = await openSluice({ warmJobs: true });
      const server = await startServer(sluice, { host: o.host, port, dev: o.dev ? true : undefined, logger: o.log, tls }).catch(
        async (e) => {
          await sluice.close();
          throw e;
        },
      );
      const mode = server.dev ? 'dev mode: any signature is accepted' : 'SigV4 signatures are verified';
      process.stdout.write(`Sluice Glue API listening on ${server.url} (${mode})\n`);
      process.stdout.write(`  try: aws glue get-databases --endpoint-url ${server.url}\n`);
      process.stdout.write(`  dashboard: ${server.url}/ui/ · metrics: ${server.url}/metrics\n`);
      // The scheduler, the event watcher and the workflow executor run here too (src/workflows/server).
      // On PostgreSQL several servers may share the store: one at a time schedules (src/cluster/).
      const log = jsonLineLog();
      const role =
        sluice.services.store.kind === 'postgres'
          ? await (await import('../cluster/server-role.js')).startServerRole(sluice, log)
          : undefined;
      const now = (await import('../cluster/test-clock.js')).testClock();
      const orchestrator = await startOrchestrator(sluice, { log, leader: role?.isLeader, now });
      process.stdout.write(
        `  scheduler, event watcher and workflow executor running (catch-up: ${sluice.services.config.scheduler.catchUp})\n`,
      );
      const stop = async () => {
        await orchestrator.stop();
        await role?.stop();
        await server.close();
        await sluice.close();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
