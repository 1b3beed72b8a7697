// Column masking for a job run under its role: a catalog source's PII-tagged columns read as NULL
// unless the role may sluice:ReadPiiColumn on the table (a condition may narrow it to some kinds);
// a job without a declared role reads them as stored, as before roles existed.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { securitySchema } from '../../security/config.js';
import { createJob, runInProcess, writeScript } from '../job-test-helpers.js';

let p: TestProject;
const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const BASE = [
  { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:sluice:zone:::*' },
  { Effect: 'Allow', Action: ['glue:GetTable', 'glue:UpdateTable'], Resource: '*' },
];

beforeAll(async () => {
  p = await openTestProject('sqlite');
  p.sluice.services.config.security = securitySchema.parse({
    roles: [
      { name: 'analyst', policies: [{ Statement: BASE }] },
      { name: 'pii-reader', policies: [{ Statement: [...BASE, { Effect: 'Allow', Action: 'sluice:ReadPiiColumn', Resource: '*' }] }] },
      {
        name: 'email-reader',
        policies: [
          {
            Statement: [
              ...BASE,
              {
                Effect: 'Allow',
                Action: 'sluice:ReadPiiColumn',
                // As for glue:GetTable, the catalog, the database and the table ARNs must all be allowed.
                Resource: ['arn:aws:glue:*:*:catalog', 'arn:aws:glue:*:*:database/hr', 'arn:aws:glue:*:*:table/hr/*'],
                Condition: { StringEquals: { 'sluice:PiiKind': 'EMAIL' } },
              },
            ],
          },
        ],
      },
    ],
  });
  writeScript(p.dir, 'lake/raw/people/people.csv', 'id,email,phone\n1,ann@example.com,+44 20 7946 0958\n');
  await p.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'hr' } });
  await p.sluice.call('CreateTable', {
    DatabaseName: 'hr',
    TableInput: {
      Name: 'people',
      Parameters: { classification: 'csv', 'skip.header.line.count': '1' },
      StorageDescriptor: {
        Location: join(p.dir, 'lake/raw/people'),
        Columns: [
          { Name: 'id', Type: 'bigint' },
          { Name: 'email', Type: 'string', Parameters: { 'sluice.pii': 'EMAIL' } },
          { Name: 'phone', Type: 'string', Parameters: { 'sluice.pii': 'PHONE_NUMBER' } },
        ],
        SerdeInfo: { Parameters: { 'field.delim': ',' } },
      },
    },
  });
  for (const [job, r] of [
    ['as-analyst', role('analyst')],
    ['as-reader', role('pii-reader')],
    ['as-email-reader', role('email-reader')],
    ['unbounded', role('not-declared')],
  ]) {
    const script = `export default async (glue: any) => {
  const src = await glue.fromCatalog({ database: 'hr', table: 'people' });
  await glue.write(src, { path: 'lake/processed/${job}' });
};`;
    await createJob(p.sluice, job, writeScript(p.dir, `jobs/${job}.ts`, script), { Role: r });
  }
});
afterAll(() => p?.cleanup());

async function output(job: string) {
  const run = await runInProcess(p.sluice, job);
  expect(run.JobRunState, run.ErrorMessage).toBe('SUCCEEDED');
  const engine = await p.sluice.services.openEngine();
  try {
    await engine.registerFiles('out', { format: 'parquet', paths: [join(p.dir, 'lake/processed', job)] });
    return (await engine.query('SELECT id, email, phone FROM out')).rows;
  } finally {
    await engine.close();
  }
}

describe('PII columns in a job run under its role', () => {
  it('are NULL for a role without sluice:ReadPiiColumn', async () => {
    expect(await output('as-analyst')).toEqual([{ id: 1, email: null, phone: null }]);
  });

  it('are read for a role allowed to, and narrowed by a PiiKind condition', async () => {
    expect(await output('as-reader')).toEqual([{ id: 1, email: 'ann@example.com', phone: '+44 20 7946 0958' }]);
    expect(await output('as-email-reader')).toEqual([{ id: 1, email: 'ann@example.com', phone: null }]);
  });

  it('are read as stored by a job whose Role is not declared (unbounded)', async () => {
    expect(await output('unbounded')).toEqual([{ id: 1, email: 'ann@example.com', phone: '+44 20 7946 0958' }]);
  });
});
