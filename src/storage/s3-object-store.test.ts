// S3 failures become SluiceErrors that say what was being reached: a missing bucket, refused
// credentials, an endpoint nobody listens on.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import { startS3Server, type TestS3Server } from '../../test/helpers/s3-server.js';
import { openS3Store } from './s3-open.js';

describe('S3ObjectStore errors', () => {
  let server: TestS3Server;
  beforeAll(async () => {
    server = await startS3Server();
    await server.createBucket('present');
  });
  afterAll(() => server?.stop());
  const open = (bucket: string, extra: Record<string, unknown> = {}) =>
    openS3Store(
      `s3://${bucket}`,
      bucket,
      {
        endpoint: server.endpoint,
        region: server.region,
        forcePathStyle: true,
        accessKeyId: server.accessKeyId,
        secretAccessKey: server.secretAccessKey,
        ...extra,
      },
      '/tmp',
    );

  it('names a missing bucket', async () => {
    const store = open('absent');
    await expectGlueError(store.write('a.csv', 'x'), 'EntityNotFoundException', /Bucket 'absent' does not exist at http:\/\/127\.0\.0\.1/);
    await expectGlueError(store.list('')[Symbol.asyncIterator]().next(), 'EntityNotFoundException', /Bucket 'absent'/);
  });

  it('turns refused credentials into AccessDeniedException', async () => {
    const store = open('present', { accessKeyId: 'WRONG', secretAccessKey: 'WRONG' });
    await expectGlueError(store.write('a.csv', 'x'), 'AccessDeniedException', /writing s3:\/\/present\/a\.csv.*credentials/);
  });

  it('names an endpoint that does not answer', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((ok) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => ok(p));
      });
    });
    const store = open('present', { endpoint: `http://127.0.0.1:${port}` });
    await expectGlueError(
      store.readBytes('a.csv'),
      'InternalServiceException',
      new RegExp(`Cannot reach the S3 endpoint at http://127\\.0\\.0\\.1:${port}.*ECONNREFUSED`),
    );
  });
});
