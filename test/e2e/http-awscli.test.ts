// The AWS CLI (botocore: an independent SigV4 signer and JSON 1.1 client) against a running server
// with signatures verified. Steps whose operations are not registered yet are skipped with their
// names; they run as soon as their concept lands. Without `aws` on a laptop the suite is skipped
// with a message; in CI (CI=true) it is required (.ci/run installs Debian's awscli).
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_KEY, type TestServer } from '../helpers/server.js';
import { allOperations } from '../../src/config/operations.js';
import { SIGNATURE_MISMATCH } from '../../src/security/authenticator.js';
import { awsCliFor } from '../helpers/aws-cli.js';

const run = promisify(execFile);
const hasAws = await awsCliFor('the AWS CLI end-to-end suite');
const registered = new Set(allOperations().map((op) => op.name));
/** A step runs when every operation it calls is registered. */
const when = (...ops: string[]) => it.skipIf(!hasAws || ops.some((op) => !registered.has(op)));

interface AwsResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe.skipIf(!hasAws)('the AWS CLI against sluice server', () => {
  let s: TestServer;
  let env: NodeJS.ProcessEnv;
  // Asynchronous on purpose: the server runs in this process and must keep answering.
  const aws = async (args: string[], secret = TEST_KEY.secret): Promise<AwsResult> => {
    const e = { ...env, AWS_SECRET_ACCESS_KEY: secret };
    return run('aws', ['glue', ...args, '--endpoint-url', s.url, '--output', 'json'], { env: e }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
  };
  const ok = async (args: string[]) => {
    const r = await aws(args);
    expect(r.stderr, `aws glue ${args.join(' ')}`).toBe('');
    expect(r.code).toBe(0);
    return r.stdout.trim() ? JSON.parse(r.stdout) : {};
  };

  beforeAll(async () => {
    s = await startTestServer();
    const config = join(s.dir, 'aws-config');
    writeFileSync(config, '[default]\ncli_timestamp_format = iso8601\n');
    env = {
      PATH: process.env.PATH,
      HOME: s.dir,
      TZ: 'UTC',
      AWS_ACCESS_KEY_ID: TEST_KEY.id,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: join(s.dir, 'no-credentials'),
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    // Data for the steps that read files (crawler, quality).
    mkdirSync(join(s.dir, 'lake/raw/orders'), { recursive: true });
    writeFileSync(join(s.dir, 'lake/raw/orders/part-0.csv'), 'id,amount\n1,9.50\n2,12.00\n');
  });
  afterAll(async () => s?.cleanup());

  it('creates a database and a table and reads them back', async () => {
    await ok(['create-database', '--database-input', '{"Name":"cli_db","Description":"from the AWS CLI"}']);
    const table = {
      Name: 'orders',
      StorageDescriptor: {
        Columns: [
          { Name: 'id', Type: 'bigint' },
          { Name: 'amount', Type: 'double' },
        ],
        Location: join(s.dir, 'lake/raw/orders'),
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ',' } },
      },
      Parameters: { classification: 'csv', 'skip.header.line.count': '1' },
    };
    await ok(['create-table', '--database-name', 'cli_db', '--table-input', JSON.stringify(table)]);
    const { Database } = await ok(['get-database', '--name', 'cli_db']);
    expect(Database).toMatchObject({ Name: 'cli_db', Description: 'from the AWS CLI', CatalogId: '123456789012' });
    expect(Database.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
    const { Table } = await ok(['get-table', '--database-name', 'cli_db', '--name', 'orders']);
    expect(Table.StorageDescriptor.Columns).toEqual(table.StorageDescriptor.Columns);
    expect((await ok(['get-tables', '--database-name', 'cli_db'])).TableList.map((t: { Name: string }) => t.Name)).toEqual(['orders']);
  });

  it('prints what `sluice glue --endpoint-url` prints for the same call', async () => {
    const viaAws = (await aws(['get-table', '--database-name', 'cli_db', '--name', 'orders'])).stdout;
    const sluice = join(process.cwd(), 'bin/sluice.js');
    const viaSluice = await run(sluice, ['glue', 'get-table', '--database-name', 'cli_db', '--name', 'orders', '--endpoint-url', s.url], {
      env: { ...env, AWS_SECRET_ACCESS_KEY: TEST_KEY.secret },
    });
    // An AWS CLI older than Sluice's model drops the members it does not know (botocore parses by
    // its own model); everything it does print must be the same text, in the same order.
    const known = (ours: unknown, theirs: unknown): unknown =>
      ours && theirs && typeof ours === 'object' && typeof theirs === 'object' && !Array.isArray(theirs)
        ? Object.fromEntries(
            Object.keys(ours)
              .filter((k) => k in theirs)
              .map((k) => [k, known((ours as any)[k], (theirs as any)[k])]),
          )
        : Array.isArray(ours) && Array.isArray(theirs)
          ? ours.map((x, i) => known(x, theirs[i]))
          : ours;
    const theirs = JSON.parse(viaAws);
    expect(JSON.stringify(known(JSON.parse(viaSluice.stdout), theirs), null, 4)).toBe(JSON.stringify(theirs, null, 4));
    expect(viaSluice.stdout.split('\n').length - viaAws.split('\n').length).toBeLessThan(5);
  });

  it('reports service errors as the AWS CLI does', async () => {
    const missing = await aws(['get-database', '--name', 'nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(
      'An error occurred (EntityNotFoundException) when calling the GetDatabase operation: Database nope not found.',
    );
    const badSecret = await aws(['get-databases'], 'wrong-secret');
    expect(badSecret.stderr).toContain(
      `An error occurred (InvalidSignatureException) when calling the GetDatabases operation: ${SIGNATURE_MISMATCH}`,
    );
  });

  // The steps below are written ahead of their concepts (crawlers, jobs, workflows, data quality).
  const poll = async <T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 60_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (done(v) || Date.now() > until) return v;
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  when(
    'CreateCrawler',
    'StartCrawler',
    'GetCrawler',
  )('starts a crawler and reads its state', async () => {
    const targets = { S3Targets: [{ Path: join(s.dir, 'lake/raw/orders') }] };
    await ok([
      'create-crawler',
      '--name',
      'cli_crawler',
      '--role',
      'arn:aws:iam::123456789012:role/sluice',
      '--database-name',
      'cli_db',
      '--targets',
      JSON.stringify(targets),
    ]);
    await ok(['start-crawler', '--name', 'cli_crawler']);
    const { Crawler } = await ok(['get-crawler', '--name', 'cli_crawler']);
    expect(['RUNNING', 'STOPPING', 'READY']).toContain(Crawler.State);
  });

  when(
    'CreateJob',
    'StartJobRun',
    'GetJobRun',
  )('starts a job run and reads its state (a missing script fails it with a message)', async () => {
    const command = { Name: 'glueetl', ScriptLocation: join(s.dir, 'scripts/does-not-exist.ts') };
    await ok(['create-job', '--name', 'cli_job', '--role', 'arn:aws:iam::123456789012:role/sluice', '--command', JSON.stringify(command)]);
    const { JobRunId } = await ok(['start-job-run', '--job-name', 'cli_job']);
    const { JobRun } = await poll(
      () => ok(['get-job-run', '--job-name', 'cli_job', '--run-id', JobRunId]),
      (r) => ['FAILED', 'ERROR', 'SUCCEEDED'].includes(r.JobRun.JobRunState),
    );
    expect(JobRun.JobRunState).toBe('FAILED');
    expect(JobRun.ErrorMessage).toBeTruthy();
  });

  when(
    'CreateWorkflow',
    'CreateTrigger',
    'StartWorkflowRun',
    'GetWorkflowRun',
  )('starts a workflow run and reads its state', async () => {
    await ok(['create-workflow', '--name', 'cli_wf']);
    // A workflow runs from its start trigger; this one starts the job above.
    await ok([
      'create-trigger',
      '--name',
      'cli_wf_start',
      '--workflow-name',
      'cli_wf',
      '--type',
      'ON_DEMAND',
      '--actions',
      JSON.stringify([{ JobName: 'cli_job' }]),
    ]);
    const { RunId } = await ok(['start-workflow-run', '--name', 'cli_wf']);
    const { Run } = await ok(['get-workflow-run', '--name', 'cli_wf', '--run-id', RunId]);
    expect(['RUNNING', 'COMPLETED', 'STOPPING', 'STOPPED', 'ERROR']).toContain(Run.Status);
  });

  when(
    'CreateDataQualityRuleset',
    'StartDataQualityRulesetEvaluationRun',
    'GetDataQualityRulesetEvaluationRun',
    'GetDataQualityResult',
  )('evaluates a data-quality ruleset and reads its result', async () => {
    const target = { DatabaseName: 'cli_db', TableName: 'orders' };
    await ok([
      'create-data-quality-ruleset',
      '--name',
      'cli_rules',
      '--ruleset',
      'Rules = [ RowCount > 0 ]',
      '--target-table',
      JSON.stringify(target),
    ]);
    const { RunId } = await ok([
      'start-data-quality-ruleset-evaluation-run',
      '--data-source',
      JSON.stringify({ GlueTable: target }),
      '--role',
      'arn:aws:iam::123456789012:role/sluice',
      '--ruleset-names',
      'cli_rules',
    ]);
    const run = await poll(
      () => ok(['get-data-quality-ruleset-evaluation-run', '--run-id', RunId]),
      (r) => ['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT'].includes(r.Status),
    );
    expect(run.Status).toBe('SUCCEEDED');
    const result = await ok(['get-data-quality-result', '--result-id', run.ResultIds[0]]);
    expect(result.Score).toBe(1);
  });
});
