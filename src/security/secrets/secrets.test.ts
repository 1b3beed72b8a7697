// Secrets for connections: the local secrets store (sealed values), SECRET_ID from it or from the
// environment, and connection passwords sealed when the catalog's encryption settings say so.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { runCli } from '../../../test/helpers/cli.js';
import { keyRing } from '../kms/index.js';
import { connectionCredentials, secretStore } from './index.js';

let p: TestProject;
const ring = () => keyRing(p.dir, p.sluice.services.config);
const store = () => secretStore(p.dir, p.sluice.services.config);

beforeAll(async () => {
  p = await openTestProject('sqlite');
  writeFileSync(join(p.dir, '.sluice', 'master.key'), randomBytes(32).toString('hex'));
  writeFileSync(
    join(p.dir, 'sluice.yaml'),
    `${readFileSync(join(p.dir, 'sluice.yaml'), 'utf8')}kms:\n  masterKey: { file: .sluice/master.key }\n`,
  );
  (p.sluice.services.config as any).kms = { masterKey: { file: '.sluice/master.key' }, encryptedZones: {} };
});
afterAll(async () => {
  await p?.cleanup();
});

describe('secrets', () => {
  it('keeps values sealed and resolves SECRET_ID from the store or the environment', () => {
    const meta = store().put('db/etl', JSON.stringify({ username: 'etl', password: 'hunter2-secret' }));
    expect(meta.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:db\/etl-[0-9a-f]{6}$/);
    expect(readFileSync(join(p.dir, '.sluice', 'secrets.json'), 'utf8')).not.toContain('hunter2');
    expect(
      store()
        .list()
        .map((s) => s.Name),
    ).toEqual(['db/etl']);
    const byName = connectionCredentials({ Name: 'pg', ConnectionProperties: { SECRET_ID: 'db/etl' } }, store(), ring);
    expect(byName).toEqual({ username: 'etl', password: 'hunter2-secret' });
    expect(connectionCredentials({ ConnectionProperties: { SECRET_ID: meta.ARN } }, store(), ring).password).toBe('hunter2-secret');
    process.env.SLUICE_TEST_PG_SECRET = JSON.stringify({ username: 'u', password: 'from-env' });
    expect(connectionCredentials({ ConnectionProperties: { SECRET_ID: 'env:SLUICE_TEST_PG_SECRET' } }, store(), ring).password).toBe(
      'from-env',
    );
    delete process.env.SLUICE_TEST_PG_SECRET;
    expect(() =>
      connectionCredentials({ Name: 'pg', ConnectionProperties: { SECRET_ID: 'env:SLUICE_TEST_PG_SECRET' } }, store(), ring),
    ).toThrow('Connection pg takes its secret from environment variable SLUICE_TEST_PG_SECRET, which is not set');
    expect(() => connectionCredentials({ ConnectionProperties: { SECRET_ID: 'db/none' } }, store(), ring)).toThrow(
      'Secret db/none is not in the local secrets store',
    );
  });

  it('seals connection passwords at rest when the catalog says so, and opens them for connectors', async () => {
    await p.sluice.call('PutDataCatalogEncryptionSettings', {
      DataCatalogEncryptionSettings: { ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true } },
    });
    await p.sluice.call('CreateConnection', {
      ConnectionInput: {
        Name: 'pg',
        ConnectionType: 'JDBC',
        ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://127.0.0.1/x', USERNAME: 'etl', PASSWORD: 'plain-pass-123' },
      },
    });
    const row = await p.sluice.services.store.db
      .selectFrom('catalog_connections')
      .select('doc')
      .where('name', '=', 'pg')
      .executeTakeFirstOrThrow();
    expect(row.doc).not.toContain('plain-pass-123');
    const props = JSON.parse(row.doc).ConnectionProperties;
    expect(props.ENCRYPTED_PASSWORD).toMatch(/^sluice-sealed:/);
    expect(connectionCredentials({ Name: 'pg', ConnectionProperties: props }, store(), ring)).toEqual({
      username: 'etl',
      password: 'plain-pass-123',
    });
    const { Connection } = await p.sluice.call('GetConnection', { Name: 'pg' });
    expect(Connection.ConnectionProperties).toEqual({ JDBC_CONNECTION_URL: 'jdbc:postgresql://127.0.0.1/x', USERNAME: 'etl' });
  });

  it('are put from standard input or the environment by `sluice secrets`, never printed', () => {
    const env = { SLUICE_TEST_SECRET_VALUE: '{"username":"a","password":"cli-pass"}' };
    const put = runCli(p.dir, ['secrets', 'put', 'cli/one', '--from-env', 'SLUICE_TEST_SECRET_VALUE'], env);
    expect(put.stderr).toBe('');
    expect(JSON.parse(put.stdout).Name).toBe('cli/one');
    const listed = runCli(p.dir, ['secrets', 'list']);
    expect(listed.stdout).toContain('cli/one');
    expect(listed.stdout).not.toContain('cli-pass');
    expect(runCli(p.dir, ['secrets', 'put', 'x']).stderr).toContain('exactly one of --from-env VAR or --stdin');
  });
});
