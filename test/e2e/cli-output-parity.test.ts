// `sluice glue` against the real `aws glue` on the same server: for each command line (--query,
// --output json|text|table, --max-items/--starting-token/--page-size pagination, errors) both must
// print the same bytes and exit with the same code. Without `aws` on a laptop the suite is skipped
// with a message; in CI it is required, as for http-awscli.test.ts.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_KEY, type TestServer } from '../helpers/server.js';
import { BIN } from '../helpers/cli.js';
import { awsCliFor } from '../helpers/aws-cli.js';

const run = promisify(execFile);
const hasAws = await awsCliFor('the sluice glue / aws glue output parity suite');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

const ROLE = 'arn:aws:iam::123456789012:role/parity';

describe.skipIf(!hasAws)('sluice glue prints what aws glue prints', () => {
  let s: TestServer;
  let env: NodeJS.ProcessEnv;
  // Asynchronous: the server runs in this process and must keep answering.
  const exec = (file: string, args: string[]): Promise<Result> =>
    run(file, args, { env, cwd: s.dir }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const both = async (args: string[]) => {
    const tail = [...args, '--endpoint-url', s.url];
    const [aws, sluice] = await Promise.all([exec('aws', ['glue', ...tail]), exec(process.execPath, [BIN, 'glue', ...tail])]);
    return { aws, sluice };
  };

  beforeAll(async () => {
    s = await startTestServer();
    const config = join(s.dir, 'aws-config');
    writeFileSync(config, '[default]\ncli_timestamp_format = iso8601\n');
    env = {
      PATH: process.env.PATH,
      HOME: s.dir,
      TZ: 'UTC',
      SLUICE_FROM_SOURCE: '1',
      AWS_ACCESS_KEY_ID: TEST_KEY.id,
      AWS_SECRET_ACCESS_KEY: TEST_KEY.secret,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: join(s.dir, 'no-credentials'),
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const call = (op: string, input: unknown) => s.sluice.call(op, input);
    for (const n of [1, 2, 3]) {
      await call('CreateJob', {
        Name: `job${n}`,
        Role: ROLE,
        Command: { Name: 'glueetl', ScriptLocation: `s3://scripts/job${n}.py` },
        DefaultArguments: { '--a': String(n) },
        MaxCapacity: n === 2 ? 0.0625 : undefined,
        Tags: { team: `t${n}` },
      });
    }
    // A Spark job: its run ends FAILED at once with a message, a stable run to print.
    await call('StartJobRun', { JobName: 'job1' });
    await call('CreateDatabase', { DatabaseInput: { Name: 'café_db', Description: 'ünï 数据, wide and ambiguous characters' } });
    await call('CreateWorkflow', { Name: 'flow', DefaultRunProperties: { stage: 'dev' } });
    await call('CreateTrigger', { Name: 'go', WorkflowName: 'flow', Type: 'ON_DEMAND', Actions: [{ JobName: 'job1' }] });
  });
  afterAll(async () => s?.cleanup());

  const cases: string[][] = [
    ['get-job', '--job-name', 'job1'],
    ['get-jobs'],
    ['get-jobs', '--output', 'text'],
    ['get-jobs', '--output', 'table'],
    ['get-job', '--job-name', 'job2', '--output', 'table'],
    ['list-jobs', '--max-items', '2'],
    ['list-jobs', '--max-items', '2', '--output', 'text'],
    ['get-jobs', '--page-size', '1', '--max-items', '2', '--output', 'text'],
    ['get-jobs', '--page-size', '1', '--max-items', '2', '--query', 'Jobs[].[Name,MaxCapacity]', '--output', 'table'],
    ['get-jobs', '--page-size', '2', '--query', 'Jobs[].Name'],
    ['list-jobs', '--starting-token', 'eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ=='],
    ['get-jobs', '--max-results', '1', '--query', 'length(Jobs)'],
    ['get-jobs', '--query', "Jobs[?Name=='job2'].DefaultArguments", '--output', 'text'],
    ['get-jobs', '--query', 'Jobs[0].Name', '--output', 'text'],
    ['get-job-runs', '--job-name', 'job1', '--output', 'text'],
    ['get-job-runs', '--job-name', 'job1', '--query', 'JobRuns[].[JobRunState,Attempt]', '--output', 'table'],
    ['get-databases', '--output', 'table'],
    ['get-databases', '--output', 'text'],
    ['get-workflow', '--name', 'flow', '--include-graph', '--output', 'text'],
    ['get-workflow', '--name', 'flow', '--include-graph', '--output', 'table'],
    ['get-triggers', '--query', 'Triggers[0]', '--output', 'table'],
    ['get-tags', '--resource-arn', 'arn:aws:glue:us-east-1:123456789012:job/job3', '--output', 'text'],
    ['get-job', '--job-name', 'nope'],
    ['get-jobs', '--query', 'Jobs['],
  ];

  it.each(cases.map((c) => [c.join(' '), c]))('%s', async (_, args) => {
    const { aws, sluice } = await both(args as string[]);
    expect(sluice.stdout).toBe(aws.stdout);
    expect(sluice.code === 0).toBe(aws.code === 0);
    // The start of an error (the JMESPath parsers word the detail differently); exit codes are AWS CLI
    // v2's (254 for a service error), where the v1 CLI says 255.
    const head = (t: string) => t.trim().split('\n')[0].split(': ').slice(0, 2).join(': ');
    if (aws.code !== 0) expect(head(sluice.stderr)).toBe(head(aws.stderr));
  });

  it('has help for the service and for each operation', async () => {
    const all = await exec(process.execPath, [BIN, 'glue', 'help']);
    expect(all.stdout).toMatch(/AVAILABLE COMMANDS/);
    expect(all.stdout).toMatch(/^ {7}o get-jobs$/m);
    expect(all.stdout).toMatch(/^ {7}o create-blueprint {3}\(not served\)$/m);
    const one = await exec(process.execPath, [BIN, 'glue', 'get-jobs', 'help']);
    expect(one.stdout).toMatch(/get-jobs is a paginated operation/);
    expect(one.stdout).toMatch(/^ {10}\[--max-results <value>\]$/m);
    expect(one.stdout).toMatch(/--max-results \(integer\)/);
    const start = await exec(process.execPath, [BIN, 'glue', 'start-job-run', 'help']);
    expect(start.stdout).toMatch(/^ {10}--job-name <value>$/m);
    expect(start.stdout).toMatch(/--worker-type \(string, one of: Standard \| G\.1X/);
  });
});
