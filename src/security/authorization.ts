// Parsing the SigV4 Authorization header. Malformed headers get AWS's IncompleteSignatureException
// wording, so a client author sees the same hint they would get from Glue.
import { SluiceError } from '../kernel/errors.js';
import { ALGORITHM, SERVICE } from './sigv4.js';

export interface ParsedAuthorization {
  accessKeyId: string;
  /** yyyymmdd from the credential scope. */
  date: string;
  region: string;
  service: string;
  /** "<date>/<region>/<service>/aws4_request" */
  scope: string;
  signedHeaders: string[];
  signature: string;
}

const incomplete = (message: string) => new SluiceError('IncompleteSignatureException', message);

export function parseAuthorization(header: string): ParsedAuthorization {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM)
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}'. Sluice accepts ${ALGORITHM} (Signature Version 4) only.`);
  const params = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const i = part.indexOf('=');
    if (i > 0) params.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((k) => !params.get(k));
  if (missing.length) {
    throw incomplete(`${missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ')} Authorization=${header}`);
  }
  const credential = params.get('Credential')!.split('/');
  if (credential.length !== 5 || credential[4] !== 'aws4_request' || !/^\d{8}$/.test(credential[1])) {
    throw incomplete(
      `Credential should be scoped to a valid region, service and date: expected <AccessKeyId>/<yyyymmdd>/<region>/${SERVICE}/aws4_request, got '${params.get('Credential')}'.`,
    );
  }
  const [accessKeyId, date, region, service] = credential;
  if (service !== SERVICE)
    throw new SluiceError('InvalidSignatureException', `Credential should be scoped to correct service: '${SERVICE}'. `);
  const signedHeaders = params
    .get('SignedHeaders')!
    .split(';')
    .map((h) => h.trim().toLowerCase());
  if (!signedHeaders.includes('host')) {
    throw new SluiceError('InvalidSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return { accessKeyId, date, region, service, scope: credential.slice(1).join('/'), signedHeaders, signature: params.get('Signature')! };
}
