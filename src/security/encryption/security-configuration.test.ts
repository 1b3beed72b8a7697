// Security configurations: Glue's validation, and their effect on a job's output (sealed with the
// configuration's KMS key on a local folder; a key the key service lacks fails the run naming it).
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { expectGlueError } from '../../../test/helpers/expect-error.js';
import { queryCatalog } from '../../catalog/query.js';
import { createJob, runInProcess, writeScript } from '../../jobs/job-test-helpers.js';
import { keyOf } from '../kms/envelope.js';
import { keyRing } from '../kms/index.js';

let p: TestProject;
let keyArn: string;
const call = (op: string, input: unknown) => p.sluice.call(op, input);
const parquetUnder = (rel: string): string[] =>
  readdirSync(join(p.dir, rel), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.parquet'))
    .map((d) => join(d.parentPath, d.name));
const s3 = (S3EncryptionMode: string, KmsKeyArn?: string) => ({
  S3Encryption: [{ S3EncryptionMode, ...(KmsKeyArn ? { KmsKeyArn } : {}) }],
});

beforeAll(async () => {
  p = await openTestProject('sqlite');
  writeFileSync(join(p.dir, '.sluice', 'master.key'), randomBytes(32).toString('hex'));
  (p.sluice.services.config as any).kms = { masterKey: { file: '.sluice/master.key' }, encryptedZones: {} };
  keyArn = keyRing(p.dir, p.sluice.services.config).create({ alias: 'alias/jobs' }).Arn;
  writeScript(p.dir, 'data/in.csv', 'id,amount\n1,10\n2,20\n');
  writeScript(
    p.dir,
    'jobs/w.ts',
    `export default async (glue: any) => {
  const src = await glue.fromPath({ paths: 'data/in.csv', format: 'csv' });
  await glue.write(src, { database: 'out', table: glue.args['--table'], path: 'lake/curated/' + glue.args['--table'], mode: 'overwrite' });
  await glue.commit();
};`,
  );
});
afterAll(async () => {
  await p?.cleanup();
});

describe('security configurations', () => {
  it("validate as Glue does: unique names, a key for KMS modes, Glue's not-found message", async () => {
    await call('CreateSecurityConfiguration', { Name: 'kms', EncryptionConfiguration: s3('SSE-KMS', keyArn) });
    await expectGlueError(
      call('CreateSecurityConfiguration', { Name: 'kms', EncryptionConfiguration: s3('SSE-S3') }),
      'AlreadyExistsException',
    );
    await expectGlueError(
      call('CreateSecurityConfiguration', { Name: 'nokey', EncryptionConfiguration: s3('SSE-KMS', '') }),
      'InvalidInputException',
      /KmsKeyArn is required/,
    );
    await expectGlueError(
      call('CreateSecurityConfiguration', {
        Name: 'bm',
        EncryptionConfiguration: { JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS' } },
      }),
      'InvalidInputException',
      /JobBookmarksEncryption: a KmsKeyArn is required when the encryption mode is CSE-KMS/,
    );
    await expectGlueError(
      call('GetSecurityConfiguration', { Name: 'nope' }),
      'EntityNotFoundException',
      'SecurityConfiguration nope not found',
    );
    await expectGlueError(call('DeleteSecurityConfiguration', { Name: 'nope' }), 'EntityNotFoundException');
    const got = await call('GetSecurityConfiguration', { Name: 'kms' });
    expect(got.SecurityConfiguration.EncryptionConfiguration).toEqual(s3('SSE-KMS', keyArn));
    expect(got.SecurityConfiguration.CreatedTimeStamp).toBeInstanceOf(Date);
    const page = await call('GetSecurityConfigurations', { MaxResults: 1 });
    expect(page.SecurityConfigurations.map((c: any) => c.Name)).toEqual(['kms']);
  });

  it('seal a job run’s output with their KMS key, read back by queries', async () => {
    await createJob(p.sluice, 'sealed', 'jobs/w.ts', { SecurityConfiguration: 'kms' });
    expect((await runInProcess(p.sluice, 'sealed', { '--table': 'a' })).JobRunState).toBe('SUCCEEDED');
    const files = parquetUnder('lake/curated/a');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(keyOf(readFileSync(f))).toBe(keyArn);
    expect((await queryCatalog(p.sluice.services, 'SELECT sum(amount) AS s FROM out.a')).rows).toEqual([{ s: 30 }]);
  });

  it('seal SSE-S3 output on a local folder under the key service’s alias/aws/s3', async () => {
    await call('CreateSecurityConfiguration', { Name: 'sse-s3', EncryptionConfiguration: s3('SSE-S3') });
    await createJob(p.sluice, 'sse', 'jobs/w.ts', { SecurityConfiguration: 'sse-s3' });
    expect((await runInProcess(p.sluice, 'sse', { '--table': 'b' })).JobRunState).toBe('SUCCEEDED');
    const managed = keyRing(p.dir, p.sluice.services.config).describe('alias/aws/s3').Arn;
    for (const f of parquetUnder('lake/curated/b')) expect(keyOf(readFileSync(f))).toBe(managed);
  });

  it('fail the run, naming the key, when the key service has no such key; and name a missing configuration', async () => {
    const missing = 'arn:aws:kms:us-east-1:123456789012:key/0000-missing';
    await call('CreateSecurityConfiguration', { Name: 'ghost', EncryptionConfiguration: s3('SSE-KMS', missing) });
    await createJob(p.sluice, 'ghostly', 'jobs/w.ts', { SecurityConfiguration: 'ghost' });
    const run = await runInProcess(p.sluice, 'ghostly', { '--table': 'c' });
    expect(run.JobRunState).toBe('FAILED');
    expect(run.ErrorMessage).toContain(`KMS key ${missing} does not exist`);
    await createJob(p.sluice, 'unset', 'jobs/w.ts', { SecurityConfiguration: 'never-made' });
    const unset = await runInProcess(p.sluice, 'unset', { '--table': 'd' });
    expect(unset.JobRunState).toBe('FAILED');
    expect(unset.ErrorMessage).toContain('Job unset names security configuration never-made, which does not exist.');
  });

  it('seal the job bookmark (CSE-KMS) and the run log (SSE-KMS), read back through the API', async () => {
    await call('CreateSecurityConfiguration', {
      Name: 'all',
      EncryptionConfiguration: {
        S3Encryption: [{ S3EncryptionMode: 'DISABLED' }],
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: keyArn },
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: keyArn },
      },
    });
    writeScript(p.dir, 'inbox/a.csv', 'id\n1\n');
    writeScript(
      p.dir,
      'jobs/inc.ts',
      `export default async (glue: any) => {
  const src = await glue.fromPath({ paths: 'inbox', format: 'csv', transformationCtx: 'inbox' });
  await glue.write(src, { database: 'out', table: 'inc', path: 'lake/curated/inc', mode: 'append' });
  await glue.commit();
};`,
    );
    await createJob(p.sluice, 'inc', 'jobs/inc.ts', {
      SecurityConfiguration: 'all',
      DefaultArguments: { '--job-bookmark-option': 'job-bookmark-enable' },
    });
    const run = await runInProcess(p.sluice, 'inc');
    expect(run.JobRunState).toBe('SUCCEEDED');
    const row = await p.sluice.services.store.db
      .selectFrom('job_bookmarks')
      .select('state')
      .where('job_name', '=', 'inc')
      .executeTakeFirstOrThrow();
    expect(row.state).toMatch(/^sluice-sealed:/);
    expect(row.state).not.toContain('a.csv');
    const { JobBookmarkEntry } = await call('GetJobBookmark', { JobName: 'inc' });
    expect(JSON.parse(JobBookmarkEntry.JobBookmark).inbox).toBeDefined();
    // the next run reads the sealed bookmark: nothing new to read
    expect((await runInProcess(p.sluice, 'inc')).JobRunState).toBe('SUCCEEDED');
    expect((await queryCatalog(p.sluice.services, 'SELECT count(*) AS n FROM out.inc')).rows).toEqual([{ n: 1 }]);

    const stored = readFileSync(join(p.dir, '.sluice', 'logs', 'jobs', `${run.Id}.jsonl`), 'utf8');
    expect(stored).not.toContain('script starting');
    const log = await call('GetRunLog', { RunId: run.Id });
    expect(log.Entries.map((e: any) => e.Message)).toContain('script starting');
  });
});
