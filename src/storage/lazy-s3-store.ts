// An s3:// store that loads the AWS SDK on its first request. Resolving a location is synchronous
// and most runs never touch S3, while loading the SDK costs a job run about a tenth of a second of
// start-up; what can be said without it (the store's URLs, a missing s3 section, a bad bucket name
// or credentials) is still said at once.
import { checkKey } from './keys.js';
import { checkS3Location, type S3Config } from './s3-config.js';
import type { ObjectStore } from './object-store.js';

export function lazyS3Store(location: string, bucket: string, config: S3Config | undefined, tempDir: string): ObjectStore {
  checkS3Location(location, bucket, config);
  let opened: Promise<ObjectStore> | undefined;
  const store = () => (opened ??= import('./s3-open.js').then((m) => m.openS3Store(location, bucket, config, tempDir)));
  const url = `s3://${bucket}`;
  return {
    url,
    urlOf: (key) => (key === '' ? url : `${url}/${checkKey(key, 'key', true)}`),
    localPath: () => undefined,
    list: (prefix) => ({
      async *[Symbol.asyncIterator]() {
        yield* (await store()).list(prefix);
      },
    }),
    stat: async (key) => (await store()).stat(key),
    read: async (key) => (await store()).read(key),
    readBytes: async (key) => (await store()).readBytes(key),
    write: async (key, body) => (await store()).write(key, body),
    delete: async (key) => (await store()).delete(key),
    stage: async (prefix, options) => (await store()).stage(prefix, options),
    sweep: async (olderThanMs, options) => (await store()).sweep(olderThanMs, options),
    completeStaged: async (sealed, options) => (await store()).completeStaged(sealed, options),
  };
}
