// Policies as the AWS CLI meets them: two keys, one with ReadOnlyAccess and one with
// AdministratorAccess, against a server that checks signatures. The CLI (botocore) signs on its own,
// so this also shows that it signs X-Amz-Target and Content-Type, which the server requires.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestKey, type TestServer } from '../helpers/server.js';
import { awsCliFor } from '../helpers/aws-cli.js';

const run = promisify(execFile);
const hasAws = await awsCliFor('the AWS CLI policy suite');

const ADMIN: TestKey = { id: 'AKIASLUICECLIADMIN01', secret: 'cli/admin/secret', policies: ['AdministratorAccess'] };
const READER: TestKey = { id: 'AKIASLUICECLIREADER1', secret: 'cli/reader/secret', policies: ['ReadOnlyAccess'] };

describe.skipIf(!hasAws)('the AWS CLI with a read-only key and an admin key', () => {
  let s: TestServer;
  let home: string;
  const aws = (key: TestKey, args: string[]) =>
    run('aws', ['glue', ...args, '--endpoint-url', s.url, '--output', 'json'], {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        AWS_CONFIG_FILE: join(home, 'aws-config'),
        AWS_ACCESS_KEY_ID: key.id,
        AWS_SECRET_ACCESS_KEY: key.secret,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_MAX_ATTEMPTS: '1',
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
      },
    }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );

  beforeAll(async () => {
    s = await startTestServer({ keys: [ADMIN, READER] });
    home = s.dir;
    writeFileSync(join(home, 'aws-config'), '[default]\ncli_timestamp_format = iso8601\n');
  });
  afterAll(() => s?.cleanup());

  it('lets the admin create and the reader read, and refuses the reader a write with IAM words', async () => {
    expect((await aws(ADMIN, ['create-database', '--database-input', 'Name=cli_shared'])).code).toBe(0);
    const table = JSON.stringify({
      Name: 'orders',
      StorageDescriptor: { Location: 'lake/raw/orders', Columns: [{ Name: 'id', Type: 'bigint' }] },
    });
    expect((await aws(ADMIN, ['create-table', '--database-name', 'cli_shared', '--table-input', table])).code).toBe(0);

    const got = await aws(READER, ['get-table', '--database-name', 'cli_shared', '--name', 'orders']);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout).Table.Name).toBe('orders');
    const listed = await aws(READER, ['get-databases']);
    expect(JSON.parse(listed.stdout).DatabaseList.map((d: { Name: string }) => d.Name)).toEqual(['cli_shared']);

    const denied = await aws(READER, ['delete-table', '--database-name', 'cli_shared', '--name', 'orders']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr.trim()).toBe(
      `An error occurred (AccessDeniedException) when calling the DeleteTable operation: User: arn:aws:iam::123456789012:user/${READER.id} is not authorized to perform: glue:DeleteTable on resource: arn:aws:glue:us-east-1:123456789012:catalog because no identity-based policy allows the glue:DeleteTable action`,
    );
    const outside = JSON.stringify({ Name: 'shadow', StorageDescriptor: { Location: '/etc/shadow' } });
    const confined = await aws(ADMIN, ['create-table', '--database-name', 'cli_shared', '--table-input', outside]);
    expect(confined.stderr).toMatch(
      /\(InvalidInputException\) when calling the CreateTable operation: Table location '\/etc\/shadow' is outside the storage/,
    );

    expect((await aws(ADMIN, ['delete-table', '--database-name', 'cli_shared', '--name', 'orders'])).code).toBe(0);
    expect((await aws(ADMIN, ['delete-database', '--name', 'cli_shared'])).code).toBe(0);
  });
});
