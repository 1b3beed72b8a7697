// `sluice connection test NAME`: Glue's TestConnection on a stored connection. It prints what it
// reached (never a password) and exits 0, or prints why not — the connection, its URL and the
// cause — and exits non-zero.
import type { Command } from 'commander';
import { reportError } from './output.js';
import { openCall } from './cli-call.js';

export function registerConnectionCommand(program: Command): void {
  const connection = program.command('connection').description('Glue connections: test that Sluice can reach them');
  connection
    .command('test <name>')
    .description('Connect with the connection’s URL and credentials (USERNAME/PASSWORD or SECRET_ID) and run SELECT 1')
    .option('--endpoint-url <url>', 'ask a Sluice server instead of the project in this folder')
    .action(async (name: string, o: { endpointUrl?: string }) => {
      const cli = await openCall(o.endpointUrl);
      try {
        const { Connection } = await cli.call('GetConnection', { Name: name });
        await cli.call('TestConnection', { ConnectionName: name });
        process.stdout.write(
          `Connection ${name} (${Connection.ConnectionProperties?.JDBC_CONNECTION_URL ?? Connection.ConnectionType}): reachable, credentials accepted\n`,
        );
      } catch (err) {
        process.exitCode = reportError(err);
      } finally {
        await cli.close();
      }
    });
}
