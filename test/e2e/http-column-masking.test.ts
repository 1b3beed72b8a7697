// Column masking over the HTTP face with SigV4-signed requests: a PII-tagged column reads as NULL in
// RunCatalogQuery (the dashboard's sample rows and SQL box, `sluice query --endpoint-url`) and in a
// quality result's failing rows for a key without sluice:ReadPiiColumn; an admin key reads it; a key
// allowed only EMAIL columns reads those. GetTable lists the column and its tag to everyone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_KEY, type TestKey, type TestServer } from '../helpers/server.js';
import { callRemote } from '../../src/api/http/client.js';

const READ_ONLY: TestKey = { id: 'AKIASLUICEREADONLY01', secret: 'sluice/test/readonly', policies: ['ReadOnlyAccess'] };
const EMAIL_READER: TestKey = {
  id: 'AKIASLUICEEMAILREAD1',
  secret: 'sluice/test/emailreader',
  policies: [
    'ReadOnlyAccess',
    {
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sluice:ReadPiiColumn',
          Resource: '*',
          Condition: { StringEquals: { 'sluice:PiiKind': 'EMAIL' } },
        },
      ],
    },
  ],
};

let s: TestServer;
const call = (key: TestKey, op: string, input: unknown) =>
  callRemote(op, input, {
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId: key.id, secretAccessKey: key.secret },
  }) as Promise<any>;
const RESULT_ID = 'dqresult-masking-0001';

beforeAll(async () => {
  s = await startTestServer({ keys: [TEST_KEY, READ_ONLY, EMAIL_READER] });
  const dir = join(s.dir, 'lake/raw/people');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'people.csv'), 'id,email,phone\n1,ann@example.com,+44 20 7946 0958\n2,bob@example,+1 202 555 0143\n');
  await call(TEST_KEY, 'CreateDatabase', { DatabaseInput: { Name: 'hr' } });
  await call(TEST_KEY, 'CreateTable', {
    DatabaseName: 'hr',
    TableInput: {
      Name: 'people',
      Parameters: { classification: 'csv', 'skip.header.line.count': '1' },
      StorageDescriptor: {
        Location: 'lake/raw/people',
        Columns: [
          { Name: 'id', Type: 'bigint' },
          { Name: 'email', Type: 'string', Parameters: { 'sluice.pii': 'EMAIL' } },
          { Name: 'phone', Type: 'string', Parameters: { 'sluice.pii': 'PHONE_NUMBER' } },
        ],
        SerdeInfo: { Parameters: { 'field.delim': ',' } },
      },
    },
  });
  // A stored result whose rule the second row fails (results come from evaluation runs; the failing
  // rows are evaluated again from the rules it lists).
  const doc = {
    ResultId: RESULT_ID,
    DataSource: { GlueTable: { DatabaseName: 'hr', TableName: 'people' } },
    StartedOn: new Date().toISOString(),
    RuleResults: [{ Name: 'Rule_1', Description: 'ColumnValues "email" matches "[a-z]+@[a-z]+\\.[a-z]+"', Result: 'FAIL' }],
  };
  await s.sluice.services.store.db
    .insertInto('dq_results')
    .values({
      result_id: RESULT_ID,
      source_key: '123456789012.hr.people',
      ruleset_name: null,
      run_id: null,
      job_name: null,
      job_run_id: null,
      started_on: Date.now(),
      doc: JSON.stringify(doc),
    })
    .execute();
});
afterAll(() => s?.cleanup());

const SQL = { Sql: 'SELECT id, email, phone FROM hr.people ORDER BY id' };

describe('column masking over HTTP', () => {
  it('shows PII columns to an admin key', async () => {
    const r = await call(TEST_KEY, 'RunCatalogQuery', SQL);
    expect(r.Rows[0]).toEqual({ id: 1, email: 'ann@example.com', phone: '+44 20 7946 0958' });
  });

  it('masks them as typed NULLs for a read-only key, and a WHERE on them matches nothing', async () => {
    const r = await call(READ_ONLY, 'RunCatalogQuery', SQL);
    expect(r.Columns).toEqual([
      { Name: 'id', Type: 'BIGINT' },
      { Name: 'email', Type: 'VARCHAR' },
      { Name: 'phone', Type: 'VARCHAR' },
    ]);
    expect(r.Rows).toEqual([
      { id: 1, email: null, phone: null },
      { id: 2, email: null, phone: null },
    ]);
    const probe = await call(READ_ONLY, 'RunCatalogQuery', { Sql: `SELECT count(*) AS n FROM hr.people WHERE email LIKE 'ann%'` });
    expect(probe.Rows).toEqual([{ n: 0 }]);
    const around = await call(READ_ONLY, 'RunCatalogQuery', {
      Sql: `SELECT * FROM hr.people, read_csv('${join(s.dir, 'lake/raw/people/people.csv')}')`,
    }).catch((e) => e);
    expect(around.name).toBe('AccessDeniedException');
  });

  it('lets a condition on sluice:PiiKind grant some kinds only', async () => {
    const r = await call(EMAIL_READER, 'RunCatalogQuery', SQL);
    expect(r.Rows[0]).toEqual({ id: 1, email: 'ann@example.com', phone: null });
  });

  it('still lists the column and its tag in GetTable', async () => {
    const { Table } = await call(READ_ONLY, 'GetTable', { DatabaseName: 'hr', Name: 'people' });
    expect(Table.StorageDescriptor.Columns[1]).toEqual({ Name: 'email', Type: 'string', Parameters: { 'sluice.pii': 'EMAIL' } });
  });

  it('masks the failing rows of a quality result, which are still judged on the stored values', async () => {
    const admin = await call(TEST_KEY, 'GetDataQualityFailingRows', { ResultId: RESULT_ID });
    expect([admin.RowsFailed, admin.Rows.map((r: any) => [r.id, r.email])]).toEqual([1, [[2, 'bob@example']]]);
    const masked = await call(READ_ONLY, 'GetDataQualityFailingRows', { ResultId: RESULT_ID });
    expect([masked.RowsFailed, masked.Rows.map((r: any) => [r.id, r.email, r.phone])]).toEqual([1, [[2, null, null]]]);
  });
});
