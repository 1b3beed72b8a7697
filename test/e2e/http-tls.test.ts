// `sluice server --tls-cert/--tls-key`: HTTPS that the AWS CLI trusts with --ca-bundle. The
// certificate is made here with openssl (self-signed, for 127.0.0.1).
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_KEY, type TestServer } from '../helpers/server.js';
import { runCli } from '../helpers/cli.js';
import { awsCliFor } from '../helpers/aws-cli.js';

const run = promisify(execFile);
const hasAws = await awsCliFor('the TLS suite');

describe.skipIf(!hasAws)('sluice server over TLS', () => {
  let s: TestServer;
  let env: NodeJS.ProcessEnv;
  let cert: string;
  const aws = (args: string[]) =>
    run('aws', ['glue', ...args, '--endpoint-url', s.url, '--output', 'json'], { env }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  beforeAll(async () => {
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'sluice-tls-'));
    cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'].concat([
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ]),
      { stdio: 'ignore' },
    );
    s = await startTestServer({ tls: { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') } });
    writeFileSync(join(s.dir, 'aws-config'), '[default]\n');
    env = {
      PATH: process.env.PATH,
      HOME: s.dir,
      AWS_ACCESS_KEY_ID: TEST_KEY.id,
      AWS_SECRET_ACCESS_KEY: TEST_KEY.secret,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(s.dir, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(s.dir, 'no-credentials'),
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  });
  afterAll(async () => s?.cleanup());

  it('answers the AWS CLI over HTTPS when it trusts the certificate, and refuses it when it does not', async () => {
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const trusted = await aws(['create-database', '--database-input', '{"Name":"tls_db"}', '--ca-bundle', cert]);
    expect(trusted.stderr).toBe('');
    const got = await aws(['get-database', '--name', 'tls_db', '--ca-bundle', cert]);
    expect(JSON.parse(got.stdout).Database.Name).toBe('tls_db');
    const untrusted = await aws(['get-databases']);
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr).toMatch(/SSL|certificate/i);
  });

  it('refuses half a TLS setting on the command line', () => {
    const r = runCli(s.dir, ['server', '--tls-cert', cert, '--port', '0']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('--tls-cert and --tls-key go together');
  });
});
