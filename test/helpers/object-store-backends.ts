// The ObjectStore backends the conformance suite runs against, each as a factory of fresh, empty
// stores: the local one in a new temporary folder, the S3 one as a new bucket on the in-process server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LocalObjectStore } from '../../src/storage/local-object-store.js';
import { openS3Store } from '../../src/storage/s3-open.js';
import type { ObjectStore } from '../../src/storage/object-store.js';
import { startS3Server, type TestS3Server } from './s3-server.js';

/** S3 list pages in the suite: small, so paging is covered without writing thousands of objects. */
export const S3_TEST_PAGE_SIZE = 100;

/** What a child process needs to open the same store (see killed-writer.ts). */
export type StoreSpec =
  | { kind: 'local'; root: string }
  | { kind: 's3'; bucket: string; tempDir: string; endpoint: string; region: string; accessKeyId: string; secretAccessKey: string };

export function openStoreFromSpec(spec: StoreSpec): ObjectStore {
  if (spec.kind === 'local') return new LocalObjectStore(spec.root);
  const { bucket, tempDir, endpoint, region, accessKeyId, secretAccessKey } = spec;
  return openS3Store(`s3://${bucket}`, bucket, { endpoint, region, accessKeyId, secretAccessKey, forcePathStyle: true }, tempDir, {
    listPageSize: S3_TEST_PAGE_SIZE,
  });
}

export interface StoreBackend {
  name: 'local' | 's3';
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  /** A fresh, empty store, with the spec to open it elsewhere. */
  fresh(): Promise<{ store: ObjectStore; spec: StoreSpec }>;
}

export function localBackend(): StoreBackend {
  const dirs: string[] = [];
  return {
    name: 'local',
    async setUp() {},
    async tearDown() {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
    async fresh() {
      const root = mkdtempSync(join(tmpdir(), 'sluice-os-'));
      dirs.push(root);
      const spec: StoreSpec = { kind: 'local', root };
      return { store: openStoreFromSpec(spec), spec };
    },
  };
}

export function s3Backend(): StoreBackend {
  let server: TestS3Server;
  let tempDir: string;
  return {
    name: 's3',
    async setUp() {
      server = await startS3Server();
      tempDir = mkdtempSync(join(tmpdir(), 'sluice-os-s3tmp-'));
    },
    async tearDown() {
      await server?.stop();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
    async fresh() {
      const bucket = `test-${randomBytes(5).toString('hex')}`;
      await server.createBucket(bucket);
      const { endpoint, region, accessKeyId, secretAccessKey } = server;
      const spec: StoreSpec = { kind: 's3', bucket, tempDir, endpoint, region, accessKeyId, secretAccessKey };
      return { store: openStoreFromSpec(spec), spec };
    },
  };
}
