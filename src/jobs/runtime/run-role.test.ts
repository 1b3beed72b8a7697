// A job run under its role: the role's policies (security.roles) bound what the run reads and writes,
// and a refused read or write fails the run with the statement that refused it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { securitySchema } from '../../security/config.js';
import { createJob, runInProcess, writeScript } from '../job-test-helpers.js';

let p: TestProject;
const ROLE = 'arn:aws:iam::123456789012:role/etl-orders';

beforeAll(async () => {
  p = await openTestProject('sqlite');
  p.sluice.services.config.security = securitySchema.parse({
    roles: [
      {
        name: 'etl-orders',
        policies: [
          {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'ReadRaw', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:sluice:zone:::raw/*' },
              { Sid: 'WriteProcessed', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:sluice:zone:::processed/*' },
              { Sid: 'NoPii', Effect: 'Deny', Action: 's3:*', Resource: 'arn:sluice:zone:::raw/pii/*' },
            ],
          },
        ],
      },
    ],
  });
  writeScript(p.dir, 'lake/raw/orders/a.csv', 'id,status\n1,paid\n2,open\n');
  writeScript(p.dir, 'lake/raw/pii/people.csv', 'id,name\n1,Ann\n');
  writeScript(p.dir, 'lake/curated/other/b.csv', 'id\n1\n');
  const copy = (from: string, to: string) => `export default async (glue: any) => {
  const src = await glue.fromPath({ paths: '${from}', format: 'csv' });
  await glue.write(src, { path: '${to}' });
};`;
  await createJob(p.sluice, 'allowed', writeScript(p.dir, 'jobs/allowed.ts', copy('lake/raw/orders', 'lake/processed/orders')), {
    Role: ROLE,
  });
  await createJob(p.sluice, 'reads-pii', writeScript(p.dir, 'jobs/pii.ts', copy('lake/raw/pii', 'lake/processed/pii')), { Role: ROLE });
  await createJob(p.sluice, 'reads-curated', writeScript(p.dir, 'jobs/curated.ts', copy('lake/curated/other', 'lake/processed/c')), {
    Role: ROLE,
  });
  await createJob(p.sluice, 'writes-curated', writeScript(p.dir, 'jobs/wc.ts', copy('lake/raw/orders', 'lake/curated/orders')), {
    Role: ROLE,
  });
  await createJob(p.sluice, 'unbounded', writeScript(p.dir, 'jobs/free.ts', copy('lake/curated/other', 'lake/curated/copy')), {
    Role: 'arn:aws:iam::123456789012:role/not-declared',
  });
});
afterAll(() => p?.cleanup());

describe('a job run under its role', () => {
  it('reads and writes what the role allows', async () => {
    expect((await runInProcess(p.sluice, 'allowed')).JobRunState).toBe('SUCCEEDED');
  });

  it('fails a read the role denies, naming the statement that denied it', async () => {
    const run = await runInProcess(p.sluice, 'reads-pii');
    expect(run.JobRunState).toBe('FAILED');
    expect(run.ErrorMessage).toContain(
      `Role: ${ROLE} is not authorized to perform: s3:GetObject on resource: arn:sluice:zone:::raw/pii/people.csv with an explicit deny in an identity-based policy (role etl-orders inline policy 1 statement 3 (Sid NoPii))`,
    );
  });

  it('fails a read and a write the role does not allow', async () => {
    const read = await runInProcess(p.sluice, 'reads-curated');
    expect(read.JobRunState).toBe('FAILED');
    expect(read.ErrorMessage).toContain(
      's3:GetObject on resource: arn:sluice:zone:::curated/other/b.csv because no identity-based policy allows the s3:GetObject action',
    );
    const write = await runInProcess(p.sluice, 'writes-curated');
    expect(write.JobRunState).toBe('FAILED');
    expect(write.ErrorMessage).toContain(
      's3:PutObject on resource: arn:sluice:zone:::curated/orders/ because no identity-based policy allows',
    );
    expect(existsSync(join(p.dir, 'lake/curated/orders'))).toBe(false);
  });

  it('leaves a run whose Role names no declared role unbounded', async () => {
    expect((await runInProcess(p.sluice, 'unbounded')).JobRunState).toBe('SUCCEEDED');
  });
});
