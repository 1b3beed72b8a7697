// `sluice glue … --endpoint-url URL` calls a running server and prints exactly what the embedded
// CLI prints for the same project: output, error text and exit code.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_KEY, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const SLUICE = join(process.cwd(), 'bin/sluice.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('sluice glue --endpoint-url', () => {
  let s: TestServer;
  const sluice = (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
    run(SLUICE, ['glue', ...args], { cwd: s.dir, env: { PATH: process.env.PATH, TZ: 'UTC', ...env } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: CliResult) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const signed = { AWS_ACCESS_KEY_ID: TEST_KEY.id, AWS_SECRET_ACCESS_KEY: TEST_KEY.secret };

  beforeAll(async () => {
    s = await startTestServer();
    await s.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'remote', Description: 'same either way' } });
    await s.sluice.call('CreateTable', {
      DatabaseName: 'remote',
      TableInput: { Name: 't', StorageDescriptor: { Columns: [{ Name: 'a', Type: 'int' }] } },
    });
  });
  afterAll(async () => s?.cleanup());

  it('prints the same output and errors as embedded mode', async () => {
    for (const args of [
      ['get-table', '--database-name', 'remote', '--name', 't'],
      ['get-database', '--name', 'missing'],
    ]) {
      const [embedded, remote] = await Promise.all([sluice(args), sluice([...args, '--endpoint-url', s.url], signed)]);
      expect(remote).toEqual(embedded);
    }
    const ok = await sluice(['get-table', '--database-name', 'remote', '--name', 't', '--endpoint-url', s.url], signed);
    expect(JSON.parse(ok.stdout).Table.Name).toBe('t');
  });

  it('goes unsigned without credentials (refused here: the server verifies signatures)', async () => {
    const r = await sluice(['get-databases', '--endpoint-url', s.url, '--region', 'eu-west-1']);
    expect(r.code).toBe(254);
    expect(r.stderr).toBe(
      '\nAn error occurred (MissingAuthenticationTokenException) when calling the GetDatabases operation: Missing Authentication Token\n',
    );
  });

  it('says so when nothing listens at the endpoint', async () => {
    const r = await sluice(['get-databases', '--endpoint-url', 'http://127.0.0.1:9/'], signed);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe('\nAn error occurred (InternalServiceException): Could not connect to the endpoint URL: "http://127.0.0.1:9/"\n');
  });
});
