// SigV4 verification as the SDK meets it: good key, wrong secret, unsigned, expired, unknown key;
// the account comes from the key's configuration (and bounds what the key reaches) and the region
// from the credential scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetDatabasesCommand, GlueServiceException, type GlueClient } from '@aws-sdk/client-glue';
import { OTHER_ACCOUNT_KEY, startTestServer, TEST_KEY, type TestServer } from '../helpers/server.js';
import { glueClient, sendByName } from '../helpers/glue-client.js';
import { INVALID_TOKEN, SIGNATURE_MISMATCH } from '../../src/security/authenticator.js';
import { signRequest } from '../../src/security/sigv4.js';

let s: TestServer;
const clients: GlueClient[] = [];
const client = (...args: Parameters<typeof glueClient>) => {
  const c = glueClient(...args);
  clients.push(c);
  return c;
};
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await s?.cleanup();
});

async function rejection(p: Promise<unknown>): Promise<GlueServiceException> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'expected the call to be rejected').toBeInstanceOf(GlueServiceException);
  return e as GlueServiceException;
}

describe('SigV4 verification', () => {
  it('accepts a configured key; the account comes from the key and the region from the scope', async () => {
    const other = client(s.url, OTHER_ACCOUNT_KEY, { region: 'eu-west-1' });
    await sendByName(other, 'CreateDatabase', { DatabaseInput: { Name: 'acct' }, Tags: { k: 'v' } });
    expect((await sendByName(other, 'GetDatabase', { Name: 'acct' })).Database.CatalogId).toBe('210987654321');
    const arn = 'arn:aws:glue:eu-west-1:210987654321:database/acct';
    expect((await sendByName(other, 'GetTags', { ResourceArn: arn })).Tags).toEqual({ k: 'v' });
    // The default key acts in its own account's catalog, where that database does not exist.
    const mine = client(s.url, TEST_KEY);
    expect((await rejection(sendByName(mine, 'GetDatabase', { Name: 'acct' }))).name).toBe('EntityNotFoundException');
    // Nor may it reach into the other account by naming it.
    const denied = await rejection(sendByName(mine, 'GetDatabase', { CatalogId: '210987654321', Name: 'acct' }));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toBe(
      `User: arn:aws:iam::123456789012:user/${TEST_KEY.id} is not authorized to perform: glue:GetDatabase on resource: arn:aws:glue:us-east-1:210987654321:catalog because no resource-based policy allows the glue:GetDatabase action`,
    );
    expect((await rejection(sendByName(mine, 'GetTags', { ResourceArn: arn }))).name).toBe('AccessDeniedException');
    expect((await sendByName(mine, 'GetDatabases', { CatalogId: '123456789012' })).DatabaseList).toEqual([]);
  });

  it('rejects a wrong secret with InvalidSignatureException', async () => {
    const e = await rejection(client(s.url, { id: TEST_KEY.id, secret: 'not-the-secret' }).send(new GetDatabasesCommand({})));
    expect(e.name).toBe('InvalidSignatureException');
    expect(e.message).toBe(SIGNATURE_MISMATCH);
    expect(e.$metadata.httpStatusCode).toBe(400);
  });

  it('rejects an unknown key with UnrecognizedClientException', async () => {
    const e = await rejection(client(s.url, { id: 'AKIANOTCONFIGURED01', secret: 'x' }).send(new GetDatabasesCommand({})));
    expect(e.name).toBe('UnrecognizedClientException');
    expect(e.message).toBe(INVALID_TOKEN);
  });

  it('rejects a signature more than 15 minutes old or ahead', async () => {
    const expired = await rejection(client(s.url, TEST_KEY, { systemClockOffset: -20 * 60_000 }).send(new GetDatabasesCommand({})));
    expect(expired.name).toBe('InvalidSignatureException');
    expect(expired.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    const ahead = await rejection(client(s.url, TEST_KEY, { systemClockOffset: 20 * 60_000 }).send(new GetDatabasesCommand({})));
    expect(ahead.message).toMatch(/^Signature not yet current/);
  });

  it('lets the SDK correct its clock skew from the Date header and retry, as against AWS', async () => {
    const skewed = client(s.url, TEST_KEY, { systemClockOffset: -20 * 60_000, maxAttempts: 2 });
    const out = await skewed.send(new GetDatabasesCommand({}));
    expect(out.$metadata.attempts).toBe(2);
  });

  it('rejects unsigned requests with MissingAuthenticationTokenException, and changed bodies', async () => {
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSGlue.GetDatabases' };
    const unsigned = await fetch(`${s.url}/`, { method: 'POST', headers, body: '{}' });
    expect(unsigned.status).toBe(400);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await unsigned.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });

    const url = new URL(`${s.url}/`);
    const signed = signRequest(
      { method: 'POST', url, headers, body: Buffer.from('{}') },
      { accessKeyId: TEST_KEY.id, secretAccessKey: TEST_KEY.secret },
      'us-east-1',
    );
    expect((await fetch(url, { method: 'POST', headers: signed, body: '{}' })).status).toBe(200);
    const tampered = await fetch(url, { method: 'POST', headers: signed, body: '{"MaxResults":1}' });
    expect(await tampered.json()).toEqual({ __type: 'InvalidSignatureException', message: SIGNATURE_MISMATCH });
  });
});
