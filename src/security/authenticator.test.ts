import { describe, expect, it } from 'vitest';
import { createAuthenticator, INVALID_TOKEN, SIGNATURE_MISMATCH } from './authenticator.js';
import { accessKeyWarnings, resolveAccessKeys } from './access-keys.js';
import { securitySchema } from './config.js';
import { sha256Hex, signRequest, type SignableRequest } from './sigv4.js';
import { SluiceError } from '../kernel/errors.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const security = securitySchema.parse({
  accessKeys: [
    { id: 'AKIATESTKEY1', secret: { env: 'AUTH_TEST_SECRET_1' } },
    { id: 'AKIATESTKEY2', secret: { env: 'AUTH_TEST_SECRET_2' }, accountId: '111122223333' },
  ],
});
const env = { AUTH_TEST_SECRET_1: 'secret-one', AUTH_TEST_SECRET_2: 'secret-two' };
const keys = resolveAccessKeys(security, '123456789012', env);
const verify = createAuthenticator({ keys, dev: false, defaultAccountId: '123456789012', defaultRegion: 'us-east-1', now: () => NOW });

const url = new URL('http://127.0.0.1:4590/');
const body = Buffer.from('{"Name":"sales"}');

function signed(
  o: { id?: string; secret?: string; at?: number; region?: string; token?: string; extra?: Record<string, string> } = {},
): SignableRequest {
  const headers = signRequest(
    {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSGlue.GetDatabase', ...o.extra },
      body,
    },
    { accessKeyId: o.id ?? 'AKIATESTKEY1', secretAccessKey: o.secret ?? 'secret-one', sessionToken: o.token },
    o.region ?? 'eu-west-1',
    new Date(o.at ?? NOW),
  );
  return { method: 'POST', path: '/', query: '', headers, body };
}

function rejection(req: SignableRequest): SluiceError {
  try {
    verify(req);
  } catch (e) {
    expect(e).toBeInstanceOf(SluiceError);
    return e as SluiceError;
  }
  throw new Error('expected the request to be rejected');
}

describe('SigV4 verification', () => {
  it('accepts a good signature: account from the key, region from the credential scope', () => {
    expect(verify(signed())).toMatchObject({
      accountId: '123456789012',
      region: 'eu-west-1',
      accessKeyId: 'AKIATESTKEY1',
      arn: 'arn:aws:iam::123456789012:user/AKIATESTKEY1',
    });
    expect(verify(signed({ id: 'AKIATESTKEY2', secret: 'secret-two', region: 'ap-south-1' }))).toMatchObject({
      accountId: '111122223333',
      region: 'ap-south-1',
    });
  });

  it('accepts clock skew up to 15 minutes either way, and rejects beyond', () => {
    expect(() => verify(signed({ at: NOW - 14 * 60_000 }))).not.toThrow();
    expect(() => verify(signed({ at: NOW + 14 * 60_000 }))).not.toThrow();
    const expired = rejection(signed({ at: NOW - 16 * 60_000 }));
    expect(expired.type).toBe('InvalidSignatureException');
    expect(expired.message).toBe('Signature expired: 20260301T114400Z is now earlier than 20260301T114500Z (20260301T120000Z - 15 min.)');
    const future = rejection(signed({ at: NOW + 16 * 60_000 }));
    expect(future.message).toMatch(/^Signature not yet current: 20260301T121600Z is still later than 20260301T121500Z/);
  });

  it('rejects a wrong secret with the signature-mismatch message', () => {
    const e = rejection(signed({ secret: 'not-the-secret' }));
    expect(e.type).toBe('InvalidSignatureException');
    expect(e.message).toBe(SIGNATURE_MISMATCH);
  });

  it('rejects an unknown key and a session token with UnrecognizedClientException', () => {
    expect(rejection(signed({ id: 'AKIAUNKNOWN' }))).toMatchObject({ type: 'UnrecognizedClientException', message: INVALID_TOKEN });
    expect(rejection(signed({ token: 'session' })).type).toBe('UnrecognizedClientException');
  });

  it('rejects an unsigned request with MissingAuthenticationTokenException', () => {
    const req = signed();
    delete req.headers.authorization;
    expect(rejection(req)).toMatchObject({ type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('hashes the body it received: a changed body or a lying x-amz-content-sha256 does not verify', () => {
    const req = signed({ extra: { 'x-amz-content-sha256': sha256Hex(body) } });
    expect(() => verify(req)).not.toThrow();
    expect(rejection({ ...req, body: Buffer.from('{"Name":"other"}') }).message).toBe(SIGNATURE_MISMATCH);
  });

  it('rejects changed signed headers, and a signature over another service', () => {
    const req = signed();
    expect(rejection({ ...req, headers: { ...req.headers, 'x-amz-target': 'AWSGlue.DeleteDatabase' } }).message).toBe(SIGNATURE_MISMATCH);
    const other = { ...req, headers: { ...req.headers, authorization: String(req.headers.authorization).replace('/glue/', '/s3/') } };
    expect(rejection(other)).toMatchObject({
      type: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'glue'. ",
    });
  });

  it('explains malformed Authorization headers with IncompleteSignatureException', () => {
    const req = signed();
    const withAuth = (authorization: string) => ({ ...req, headers: { ...req.headers, authorization } });
    expect(rejection(withAuth('AWS4-HMAC-SHA256 Credential=AKIATESTKEY1/20260301/us-east-1/glue/aws4_request')).message).toMatch(
      /^Authorization header requires 'SignedHeaders' parameter\. Authorization header requires 'Signature' parameter\./,
    );
    expect(rejection(withAuth('AWS AKIATESTKEY1:abc')).type).toBe('IncompleteSignatureException');
    const noDate = { ...req, headers: { ...req.headers, 'x-amz-date': undefined } };
    expect(rejection(noDate).message).toMatch(/requires existence of either a 'X-Amz-Date' or a 'Date' header/);
  });

  it('in dev mode accepts anything, taking the region from the scope when there is one', () => {
    const dev = createAuthenticator({ keys, dev: true, defaultAccountId: '123456789012', defaultRegion: 'us-east-1', now: () => NOW });
    expect(dev(signed({ secret: 'wrong', at: NOW - 3600_000 }))).toMatchObject({ accountId: '123456789012', region: 'eu-west-1' });
    expect(dev(signed({ id: 'AKIATESTKEY2', secret: 'wrong' }))).toMatchObject({ accountId: '111122223333' });
    expect(dev({ method: 'POST', path: '/', query: '', headers: {}, body })).toEqual({ accountId: '123456789012', region: 'us-east-1' });
    expect(dev({ method: 'POST', path: '/', query: '', headers: { authorization: 'garbage' }, body }).region).toBe('us-east-1');
  });
});

describe('access keys', () => {
  it('names every missing secret variable at once', () => {
    expect(() => resolveAccessKeys(security, '123456789012', {})).toThrow(
      /2 access keys:\n {2}security.accessKeys AKIATESTKEY1: environment variable AUTH_TEST_SECRET_1 is not set\n {2}security.accessKeys AKIATESTKEY2: .*AUTH_TEST_SECRET_2/,
    );
  });

  it('refuses literal secrets and duplicate key ids in sluice.yaml', () => {
    expect(securitySchema.safeParse({ accessKeys: [{ id: 'AKIATESTKEY1', secret: 'literal' }] }).success).toBe(false);
    const dup = securitySchema.safeParse({
      accessKeys: [
        { id: 'AKIAX000', secret: { env: 'A' } },
        { id: 'AKIAX000', secret: { env: 'B' } },
      ],
    });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0].message).toBe('access key AKIAX000 is listed twice');
  });

  it("compiles each key's policies and warns at start-up about keys that can do nothing", () => {
    const withPolicies = securitySchema.parse({
      accessKeys: [
        { id: 'AKIAADMIN', secret: { env: 'A' }, user: 'alice', policies: ['AdministratorAccess'] },
        { id: 'AKIANOTHING', secret: { env: 'B' } },
      ],
    });
    const resolved = resolveAccessKeys(withPolicies, '123456789012', { A: 'a', B: 'b' });
    expect(resolved.get('AKIAADMIN')).toMatchObject({ arn: 'arn:aws:iam::123456789012:user/alice' });
    expect(resolved.get('AKIAADMIN')!.policies.map((p) => p.name)).toEqual(['AdministratorAccess']);
    expect(accessKeyWarnings(resolved)).toEqual([
      'access key AKIANOTHING has no policies, so every call it signs is refused; give it policies: [AdministratorAccess] or another policy in sluice.yaml',
    ]);
    const unknown = securitySchema.safeParse({ accessKeys: [{ id: 'AKIAX001', secret: { env: 'A' }, policies: ['PowerUser'] }] });
    expect(unknown.error?.issues[0].message).toMatch(/^a policy name is one of the managed policies Sluice ships: AdministratorAccess/);
  });
});
