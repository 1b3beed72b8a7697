// Resolves locations to ObjectStores. Local paths inside the project share one store rooted at the
// project (staging in .sluice/.sluice-staging); a path outside it gets a store rooted at its parent folder
// (staging in a hidden .sluice-staging beside it), so staging always sits on the data's filesystem.
// s3://bucket/prefix goes to one store per bucket, reached through the `s3` section of sluice.yaml
// (the AWS SDK loads on the store's first request).
import { dirname, isAbsolute, join, relative, resolve, sep, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invalidInput } from '../kernel/errors.js';
import type { SluiceConfig } from '../config/schema.js';
import { STAGING } from './keys.js';
import { LocalObjectStore } from './local-object-store.js';
import { lazyS3Store } from './lazy-s3-store.js';
import type { ObjectStore } from './object-store.js';
import type { ResolvedLocation, Storage } from './storage.js';
import { encryptedStore, plainStore } from './encryption/encrypted-store.js';
import { zonePolicy } from './encryption/zone-policy.js';
import { keyRing } from '../security/kms/index.js';

export function createStorage(root: string, config: SluiceConfig): Storage {
  const projectRoot = resolve(root);
  const stores = new Map<string, ObjectStore>();
  const ring = () => keyRing(projectRoot, config);
  // Every store is wrapped: reads decrypt sealed objects wherever they are; writes into encrypted
  // zones are sealed (encryption/encrypted-store.ts).
  const policy = zonePolicy(config, (location) => plain.resolve(location));
  const cached = (id: string, make: () => ObjectStore) => {
    let store = stores.get(id);
    if (!store) {
      const inner = make();
      stores.set(id, (store = encryptedStore(inner, ring, (key) => policy(inner, key))));
    }
    return store;
  };

  const resolveLocal = (path: string, trailingSlash: boolean): ResolvedLocation => {
    const abs = resolve(projectRoot, path);
    const rel = relative(projectRoot, abs);
    const slash = trailingSlash && rel !== '' ? '/' : '';
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
      const store = cached(
        `file:${projectRoot}`,
        () => new LocalObjectStore(projectRoot, { stagingDir: join(projectRoot, '.sluice', STAGING) }),
      );
      return { store, key: rel.split(sep).join('/') + slash };
    }
    const parent = dirname(abs);
    const store = cached(`file:${parent}`, () => new LocalObjectStore(parent));
    return { store, key: abs === parent ? '' : basename(abs) + slash };
  };

  const storage: Storage = {
    resolve(location: string): ResolvedLocation {
      if (typeof location !== 'string' || location.trim() === '') throw invalidInput('A storage location must be a non-empty path or URL');
      const trailingSlash = location.endsWith('/');
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase();
      if (scheme === undefined) return resolveLocal(location, trailingSlash);
      if (scheme === 'file') {
        let path: string;
        try {
          path = fileURLToPath(location);
        } catch (e) {
          throw invalidInput(`The location ${location} is not a usable file:// URL: ${(e as Error).message}`);
        }
        return resolveLocal(path, trailingSlash);
      }
      if (scheme === 's3') {
        const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(location);
        if (!m) throw invalidInput(`The location ${location} names no bucket; expected s3://bucket/prefix`);
        const [, bucket, key = ''] = m;
        const store = cached(`s3:${bucket}`, () => lazyS3Store(location, bucket, config.s3, join(projectRoot, '.sluice', 'tmp')));
        return { store, key };
      }
      throw invalidInput(
        `The location ${location} uses the scheme '${scheme}://', which Sluice cannot reach; use a local path, file:// or s3://`,
      );
    },
  };
  /** The same locations, resolved to the stores under the encryption layer. */
  const plain: Storage = {
    resolve(location) {
      const { store, key } = storage.resolve(location);
      return { store: plainStore(store), key };
    },
  };
  return storage;
}
