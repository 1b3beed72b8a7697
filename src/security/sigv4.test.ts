// The signer's primitives against vectors of AWS's published SigV4 test suite (service "service").
import { describe, expect, it } from 'vitest';
import { canonicalRequest, sha256Hex, signatureOf, signingKey, stringToSign } from './sigv4.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const DATE = '20150830T123600Z';
const SCOPE = '20150830/us-east-1/service/aws4_request';

function suiteSignature(method: string, query: string, extra: Record<string, string>, body: string): string {
  const headers = { host: 'example.amazonaws.com', 'x-amz-date': DATE, ...extra };
  const signed = Object.keys(headers).sort();
  const canonical = canonicalRequest({ method, path: '/', query, headers, body: Buffer.from(body) }, signed, sha256Hex(body));
  return signatureOf(signingKey(SECRET, '20150830', 'us-east-1', 'service'), stringToSign(DATE, SCOPE, canonical));
}

describe('SigV4 primitives', () => {
  it('match get-vanilla', () => {
    expect(suiteSignature('GET', '', {}, '')).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it('match get-vanilla-query-order-key-case (query sorted by key)', () => {
    expect(suiteSignature('GET', 'Param2=value2&Param1=value1', {}, '')).toBe(
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    );
  });

  it('match post-vanilla', () => {
    expect(suiteSignature('POST', '', {}, '')).toBe('5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
  });

  it('match post-x-www-form-urlencoded (a body and a signed content-type)', () => {
    expect(suiteSignature('POST', '', { 'content-type': 'application/x-www-form-urlencoded' }, 'Param1=value1')).toBe(
      'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
    );
  });

  it('trim header values and collapse inner whitespace in the canonical request', () => {
    const c = canonicalRequest(
      { method: 'POST', path: '/', query: '', headers: { host: 'h', 'x-a': '  a   b  ' }, body: Buffer.alloc(0) },
      ['host', 'x-a'],
      'HASH',
    );
    expect(c).toBe('POST\n/\n\nhost:h\nx-a:a b\n\nhost;x-a\nHASH');
  });
});
