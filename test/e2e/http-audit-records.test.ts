// ListAuditRecords over HTTP: an admin key reads its account's records (newest first) with the
// chain's verification; a read-only key is refused (sluice:ListAuditRecords is not a glue:List*);
// another account sees only its own principals' records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_ACCOUNT_KEY, startTestServer, TEST_KEY, type TestKey, type TestServer } from '../helpers/server.js';
import { callRemote } from '../../src/api/http/client.js';

const READ_ONLY: TestKey = { id: 'AKIASLUICEREADONLY01', secret: 'sluice/test/readonly', policies: ['ReadOnlyAccess'] };
let s: TestServer;
const call = (key: TestKey, op: string, input: unknown) =>
  callRemote(op, input, {
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId: key.id, secretAccessKey: key.secret },
  }) as Promise<any>;

beforeAll(async () => {
  s = await startTestServer({ keys: [TEST_KEY, OTHER_ACCOUNT_KEY, READ_ONLY] });
  await call(TEST_KEY, 'CreateDatabase', { DatabaseInput: { Name: 'audited' } });
  await call(READ_ONLY, 'DeleteDatabase', { Name: 'audited' }).catch(() => undefined);
  await call(OTHER_ACCOUNT_KEY, 'CreateDatabase', { DatabaseInput: { Name: 'theirs' } });
});
afterAll(() => s?.cleanup());

describe('ListAuditRecords', () => {
  it("gives an admin its account's records, newest first, and the chain's verification", async () => {
    const r = await call(TEST_KEY, 'ListAuditRecords', { Verify: true });
    expect(r.Records.map((x: any) => [x.Operation, x.Outcome, x.AccessKey])).toEqual([
      ['DeleteDatabase', 'Denied', READ_ONLY.id],
      ['CreateDatabase', 'Allowed', TEST_KEY.id],
    ]);
    expect(r.Verification).toMatchObject({ Ok: true, Records: 3, Problems: [] });
    const denied = await call(TEST_KEY, 'ListAuditRecords', { Outcome: 'Denied' });
    expect(denied.Records.map((x: any) => x.Operation)).toEqual(['DeleteDatabase']);
  });

  it('refuses a read-only key, and shows another account only its own', async () => {
    const e = await call(READ_ONLY, 'ListAuditRecords', {}).catch((x) => x);
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toMatch(/not authorized to perform: sluice:ListAuditRecords/);
    const theirs = await call(OTHER_ACCOUNT_KEY, 'ListAuditRecords', {});
    expect(theirs.Records.map((x: any) => [x.Operation, x.AccessKey])).toEqual([['CreateDatabase', OTHER_ACCOUNT_KEY.id]]);
  });
});
