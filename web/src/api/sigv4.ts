// AWS Signature Version 4 for the Glue endpoint, in the browser (WebCrypto): what the server verifies
// when it is not in dev mode. Only what a POST / with a JSON body needs.
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

const enc = new TextEncoder();
const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
const sha256 = async (s: string) => hex(await crypto.subtle.digest('SHA-256', enc.encode(s)));

async function hmac(key: ArrayBuffer | Uint8Array, data: string): Promise<ArrayBuffer> {
  const k = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, enc.encode(data));
}

/** The headers that sign a POST of `body` to `url` with `headers` (lower-case names). */
export async function signHeaders(
  url: URL,
  headers: Record<string, string>,
  body: string,
  c: Credentials,
  now = new Date(),
): Promise<Record<string, string>> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const all: Record<string, string> = { ...headers, host: url.host, 'x-amz-date': amzDate };
  const names = Object.keys(all)
    .map((n) => n.toLowerCase())
    .sort();
  const canonicalHeaders = names.map((n) => `${n}:${all[n].trim()}\n`).join('');
  const signed = names.join(';');
  const canonical = ['POST', url.pathname || '/', '', canonicalHeaders, signed, await sha256(body)].join('\n');
  const scope = `${day}/${c.region}/glue/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256(canonical)].join('\n');
  let key = await hmac(enc.encode(`AWS4${c.secretAccessKey}`), day);
  for (const part of [c.region, 'glue', 'aws4_request']) key = await hmac(key, part);
  const signature = hex(await hmac(key, toSign));
  // The browser sets Host itself; it is signed with the value it will send.
  return {
    'x-amz-date': amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=${c.accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`,
  };
}
