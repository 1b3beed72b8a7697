// A minimal Glue client over HTTP, for the CLI's remote mode (`--endpoint-url`): signs with SigV4
// when credentials are given, and turns the answer back into what the embedded registry would have
// returned (Dates revived by the output shape, errors as SluiceError), so output is identical.
import { loadGlueModel } from '../../kernel/model.js';
import { signRequest, type Credentials } from '../../security/sigv4.js';
import { CONTENT_TYPE, TARGET_PREFIX, errorFromResponse } from './protocol.js';
import { decodeWire, encodeWire } from './wire.js';

export interface RemoteOptions {
  endpoint: string;
  region: string;
  /** Omitted: the request goes unsigned (accepted by dev-mode servers only). */
  credentials?: Credentials;
}

export async function callRemote(operation: string, input: unknown, o: RemoteOptions): Promise<unknown> {
  const url = new URL(o.endpoint);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  const body = Buffer.from(encodeWire(input));
  const base = { 'content-type': CONTENT_TYPE, 'x-amz-target': `${TARGET_PREFIX}${operation}` };
  const headers = o.credentials ? signRequest({ method: 'POST', url, headers: base, body }, o.credentials, o.region) : base;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body });
  } catch (e) {
    // The AWS CLI's wording, so scripts that grep for it keep working.
    throw new Error(`Could not connect to the endpoint URL: "${url.href}"`, { cause: e });
  }
  const text = await res.text();
  if (!res.ok) throw errorFromResponse(res.status, res.headers.get('x-amzn-errortype'), text);
  const outputShape = loadGlueModel().operations[operation]?.output?.shape;
  return decodeWire(outputShape, text ? JSON.parse(text) : {});
}
