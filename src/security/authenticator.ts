// Who is calling: verifies a request's SigV4 signature against the configured access keys and
// returns the principal the call runs as (account from the key's configuration, region from the
// credential scope). Rejections use the exception names and messages AWS services return, so SDK
// retry and clock-skew logic behaves as it does against Glue.
import { timingSafeEqual } from 'node:crypto';
import { SluiceError } from '../kernel/errors.js';
import type { AccessKeys } from './access-keys.js';
import { parseAuthorization, type ParsedAuthorization } from './authorization.js';
import type { CompiledPolicy } from './iam/policy.js';
import { canonicalRequest, sha256Hex, signatureOf, signingKey, stringToSign, type SignableRequest } from './sigv4.js';

export interface Principal {
  accountId: string;
  region: string;
  /** Absent for unsigned requests in dev mode. */
  accessKeyId?: string;
  /** The key's IAM principal, arn:aws:iam::<account>:user/<name>. */
  arn?: string;
  /** The key's compiled policies (absent in dev mode, where nothing is authorized). */
  policies?: readonly CompiledPolicy[];
}

export interface AuthenticatorOptions {
  keys: AccessKeys;
  /** Accept any signature, or none (local emulator behaviour). */
  dev: boolean;
  defaultAccountId: string;
  defaultRegion: string;
  /** The clock, in epoch milliseconds (tests pin it). */
  now?: () => number;
}

export type Authenticator = (req: SignableRequest) => Principal;

/** AWS accepts signatures up to 15 minutes from the server's clock, either way. */
export const MAX_SKEW_MS = 15 * 60_000;

const invalidSignature = (message: string) => new SluiceError('InvalidSignatureException', message);
export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const INVALID_TOKEN = 'The security token included in the request is invalid.';

const header = (req: SignableRequest, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function createAuthenticator(o: AuthenticatorOptions): Authenticator {
  const now = o.now ?? Date.now;
  return (req) => {
    const authorization = header(req, 'authorization');
    if (o.dev) return devPrincipal(o, authorization);
    if (!authorization) throw new SluiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    const auth = parseAuthorization(authorization);
    const key = o.keys.get(auth.accessKeyId);
    // Configured keys are long-term keys: a session token can only come from somewhere else.
    if (!key || header(req, 'x-amz-security-token')) throw new SluiceError('UnrecognizedClientException', INVALID_TOKEN);
    requireSignedHeaders(req, auth.signedHeaders);
    const amzDate = requestDate(req, authorization);
    checkDate(auth, amzDate, now());
    const canonical = canonicalRequest(req, auth.signedHeaders, sha256Hex(req.body));
    const expected = signatureOf(
      signingKey(key.secret, auth.date, auth.region, auth.service),
      stringToSign(amzDate, auth.scope, canonical),
    );
    const given = Buffer.from(auth.signature);
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) throw invalidSignature(SIGNATURE_MISMATCH);
    return { accountId: key.accountId, region: auth.region, accessKeyId: key.id, arn: key.arn, policies: key.policies };
  };
}

/**
 * The operation and the body's type must be covered by the signature: a request signed over
 * host;x-amz-date only could be replayed with its X-Amz-Target changed (GetDatabase → DeleteDatabase).
 * Every AWS SDK and the CLI sign both.
 */
const MUST_SIGN = [
  ['x-amz-target', 'X-Amz-Target'],
  ['content-type', 'Content-Type'],
] as const;

function requireSignedHeaders(req: SignableRequest, signed: string[]): void {
  for (const [name, display] of MUST_SIGN) {
    if (header(req, name) !== undefined && !signed.includes(name)) {
      throw invalidSignature(`'${display}' must be a 'SignedHeader' in the AWS Authorization.`);
    }
  }
}

function devPrincipal(o: AuthenticatorOptions, authorization: string | undefined): Principal {
  let auth: ParsedAuthorization | undefined;
  try {
    auth = authorization ? parseAuthorization(authorization) : undefined;
  } catch {
    auth = undefined; // dev mode accepts anything, however it is signed
  }
  if (!auth) return { accountId: o.defaultAccountId, region: o.defaultRegion };
  return { accountId: o.keys.get(auth.accessKeyId)?.accountId ?? o.defaultAccountId, region: auth.region, accessKeyId: auth.accessKeyId };
}

/** The request's timestamp in ISO 8601 basic format, from X-Amz-Date or else Date. */
function requestDate(req: SignableRequest, authorization: string): string {
  const amz = header(req, 'x-amz-date');
  if (amz !== undefined) {
    if (!/^\d{8}T\d{6}Z$/.test(amz)) {
      throw new SluiceError(
        'IncompleteSignatureException',
        `Date must be in ISO-8601 'basic format'. Got '${amz}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    }
    return amz;
  }
  const date = header(req, 'date');
  const parsed = date ? new Date(date) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new SluiceError(
      'IncompleteSignatureException',
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authorization}`,
    );
  }
  return basic(parsed.getTime());
}

const basic = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const epochOf = (amz: string) =>
  Date.UTC(+amz.slice(0, 4), +amz.slice(4, 6) - 1, +amz.slice(6, 8), +amz.slice(9, 11), +amz.slice(11, 13), +amz.slice(13, 15));

function checkDate(auth: ParsedAuthorization, amzDate: string, nowMs: number): void {
  if (auth.date !== amzDate.slice(0, 8)) {
    throw invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  const t = epochOf(amzDate);
  if (t < nowMs - MAX_SKEW_MS) {
    throw invalidSignature(`Signature expired: ${amzDate} is now earlier than ${basic(nowMs - MAX_SKEW_MS)} (${basic(nowMs)} - 15 min.)`);
  }
  if (t > nowMs + MAX_SKEW_MS) {
    throw invalidSignature(
      `Signature not yet current: ${amzDate} is still later than ${basic(nowMs + MAX_SKEW_MS)} (${basic(nowMs)} + 15 min.)`,
    );
  }
}
