// An in-process S3-compatible server for tests: s3rver on a random loopback port, keeping its objects
// in a temporary folder that stop() removes. Clients use path-style addressing and the credentials
// returned here (s3rver checks SigV4 signatures against its built-in S3RVER account).
//
// s3rver 3.7.1 handles put, get, head, delete, DeleteObjects, copy and multipart with the current
// SDK, but its ListObjectsV2 is unusable: continuation tokens are DES-encrypted, which OpenSSL 3
// (Node ≥ 17) refuses (jamhall/s3rver#818: every second page is a 500), and keys come back in
// filesystem-walk order instead of S3's UTF-8 order. So ListObjectsV2 without a delimiter is
// answered here, from s3rver's own store; everything else goes to s3rver untouched.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';

export interface TestS3Server {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Every request's method, path and headers, in order (tests of what a client asked for). */
  requests: { method: string; path: string; headers: Record<string, string | string[] | undefined> }[];
  /** Creates a bucket directly in the server's store (no client round trip). */
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startS3Server(): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-s3-'));
  const s3rver = new S3rver({ silent: true, directory });
  const handle = s3rver.callback();
  const requests: TestS3Server['requests'] = [];
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ method: req.method ?? '', path: decodeURIComponent(url.pathname), headers: req.headers });
    const bucket = /^\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    if (req.method === 'GET' && bucket && url.searchParams.get('list-type') === '2' && !url.searchParams.get('delimiter')) {
      listObjectsV2(s3rver, decodeURIComponent(bucket), url.searchParams, res).catch((e) => fail(res, 500, 'InternalError', String(e)));
    } else {
      handle(req, res);
    }
  });
  await new Promise<void>((ok, ko) => http.once('error', ko).listen(0, '127.0.0.1', ok));
  return {
    endpoint: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    requests,
    async createBucket(name: string) {
      await s3rver.store.putBucket(name);
    },
    async stop() {
      http.closeAllConnections();
      await new Promise<void>((ok) => http.close(() => ok()));
      s3rver.logger?.close?.();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function listObjectsV2(s3rver: S3rver, bucket: string, q: URLSearchParams, res: ServerResponse): Promise<void> {
  if (!(await s3rver.store.getBucket(bucket))) return fail(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
  const prefix = q.get('prefix') ?? '';
  const maxKeys = Math.min(1000, Number(q.get('max-keys') ?? 1000));
  const token = q.get('continuation-token');
  const after = token ? Buffer.from(token, 'base64url').toString('utf8') : (q.get('start-after') ?? '');
  const { objects } = await s3rver.store.listObjects(bucket, { prefix, maxKeys: Infinity });
  const sorted = objects.filter((o) => utf8Compare(o.key, after) > 0).sort((a, b) => utf8Compare(a.key, b.key));
  const page = sorted.slice(0, maxKeys);
  const truncated = sorted.length > page.length;
  const contents = page.map(
    (o) =>
      `<Contents><Key>${esc(o.key)}</Key><LastModified>${o.lastModifiedDate.toISOString()}</LastModified>` +
      `<ETag>${esc(o.metadata.etag ?? '')}</ETag><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
  );
  const next = truncated
    ? `<NextContinuationToken>${Buffer.from(page[page.length - 1].key).toString('base64url')}</NextContinuationToken>`
    : '';
  res.writeHead(200, { 'content-type': 'application/xml' });
  res.end(
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Name>${esc(bucket)}</Name><Prefix>${esc(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>` +
      `<IsTruncated>${truncated}</IsTruncated>${token ? `<ContinuationToken>${esc(token)}</ContinuationToken>` : ''}${next}${contents.join('')}</ListBucketResult>`,
  );
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${esc(message)}</Message></Error>`);
}

const utf8Compare = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
