// Sweeping S3 staging: staged objects of dead or old writers, their local folders (localDir()), and
// multipart uploads that were never completed (a killed write() leaves those, invisible but billed).
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAGING } from './keys.js';
import { walkFiles } from './fs-util.js';
import { DEFAULT_SWEEP_AGE_MS, isAbandoned } from './staging-id.js';
import { S3_LOCAL_STAGING } from './s3-staged-write.js';
import type { S3ObjectStore } from './s3-object-store.js';

export async function sweepS3Staging(
  store: S3ObjectStore,
  olderThanMs = DEFAULT_SWEEP_AGE_MS,
  keep: () => Promise<ReadonlySet<string>> = async () => new Set(),
): Promise<number> {
  const byId = new Map<string, { keys: string[]; oldest: number }>();
  for await (const o of store.listRaw(`${STAGING}/`, () => true)) {
    const id = o.key.split('/')[1];
    const entry = byId.get(id) ?? { keys: [], oldest: Infinity };
    entry.keys.push(o.key);
    entry.oldest = Math.min(entry.oldest, o.lastModified.getTime());
    byId.set(id, entry);
  }
  const abandoned = [...byId].filter(([id, e]) => isAbandoned(id, olderThanMs, e.oldest));
  const kept = abandoned.length ? await keep() : new Set<string>();
  const doomed = abandoned.filter(([id]) => !kept.has(id)).flatMap(([, e]) => e.keys);
  await store.deleteMany(doomed, `sweeping ${store.url}/${STAGING}/`);
  return doomed.length + (await sweepLocal(store, olderThanMs)) + (await abortOldUploads(store, olderThanMs));
}

async function sweepLocal(store: S3ObjectStore, olderThanMs: number): Promise<number> {
  const dir = join(store.tempDir ?? tmpdir(), S3_LOCAL_STAGING);
  let removed = 0;
  for (const id of await readdir(dir).catch(() => [] as string[])) {
    const s = await stat(join(dir, id)).catch(() => undefined);
    if (!s || !isAbandoned(id, olderThanMs, s.mtimeMs)) continue;
    for await (const _ of walkFiles(join(dir, id))) removed++;
    await rm(join(dir, id), { recursive: true, force: true });
  }
  return removed;
}

async function abortOldUploads(store: S3ObjectStore, olderThanMs: number): Promise<number> {
  let aborted = 0;
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  do {
    let page;
    try {
      page = await store.client.send(
        new ListMultipartUploadsCommand({ Bucket: store.bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
      );
    } catch (e) {
      // Some S3-compatible servers do not list uploads; they are left to the bucket's lifecycle rules.
      if ((e as { name?: string }).name === 'NotImplemented') return aborted;
      throw store.error(e, `listing the unfinished uploads of ${store.url}`);
    }
    for (const u of page.Uploads ?? []) {
      if (!u.Key || !u.UploadId || Date.now() - (u.Initiated?.getTime() ?? 0) < olderThanMs) continue;
      await store.client.send(new AbortMultipartUploadCommand({ Bucket: store.bucket, Key: u.Key, UploadId: u.UploadId })).catch(() => {});
      aborted++;
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
  } while (keyMarker);
  return aborted;
}
