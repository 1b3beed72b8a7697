// A multi-object write on S3. Objects are uploaded under .sluice-staging/<id>/ and, on commit (seal,
// then completeS3Stage, which any process can resume), copied into place (server-side) and then
// deleted from staging. S3 has no multi-object transaction, so a
// commit is visible object by object: readers that must see all-or-nothing go through the catalog or
// the run's commit, which is recorded only after this returns (see README.md).
import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SluiceError } from '../kernel/errors.js';
import { checkObjectKey, compareKeys, folderOf, joinKey } from './keys.js';
import { walkFiles } from './fs-util.js';
import type { S3ObjectStore, ServerSide } from './s3-object-store.js';
import type { ObjectBody, ObjectInfo, SealedStage, StagedWrite } from './object-store.js';

/** Parallel copies per commit: enough to hide latency, few enough not to trip request limits. */
const COPY_CONCURRENCY = 8;

export const S3_LOCAL_STAGING = 'sluice-s3-staging';

export class S3StagedWrite implements StagedWrite {
  private state: 'open' | 'sealed' | 'committed' | 'aborted' = 'open';
  private local: string | undefined;
  /** Keys staged through write(); if fewer are found at commit, the staging was swept under us. */
  private readonly written = new Set<string>();

  constructor(
    private readonly store: S3ObjectStore,
    readonly prefix: string,
    private readonly id: string,
    /** Asked of the store on every upload and copy (a security configuration's SSE-S3 / SSE-KMS). */
    private readonly sse: ServerSide = {},
  ) {}

  private get staging(): string {
    return this.store.stagingPrefix(this.id);
  }

  private assertOpen(action: string): void {
    if (this.state !== 'open')
      throw new SluiceError(
        'InvalidStateException',
        `Cannot ${action}: the staged write to '${this.store.urlOf(this.prefix)}' was already ${this.state}`,
      );
  }

  async write(key: string, body: ObjectBody): Promise<void> {
    this.assertOpen('write');
    checkObjectKey(key);
    await this.store.upload(this.staging + key, body, `staging ${key} for ${this.store.urlOf(this.prefix)}`, this.sse);
    this.written.add(key);
  }

  async localDir(): Promise<string> {
    this.assertOpen('use localDir');
    this.local ??= join(this.store.tempDir ?? tmpdir(), S3_LOCAL_STAGING, this.id);
    await mkdir(this.local, { recursive: true });
    return this.local;
  }

  async seal(options: { replace?: boolean } = {}): Promise<SealedStage> {
    this.assertOpen('commit');
    if (this.local) {
      const dir = this.local;
      const files: string[] = [];
      for await (const rel of walkFiles(dir)) files.push(checkObjectKey(rel));
      await forEachLimit(files, COPY_CONCURRENCY, (rel) =>
        this.store.upload(
          this.staging + rel,
          createReadStream(join(dir, rel)),
          `staging ${rel} for ${this.store.urlOf(this.prefix)}`,
          this.sse,
        ),
      );
    }
    const found: string[] = [];
    for await (const o of this.store.listRaw(this.staging, () => true)) found.push(o.key.slice(this.staging.length));
    const have = new Set(found);
    if ([...this.written].some((k) => !have.has(k))) {
      throw new SluiceError(
        'InvalidStateException',
        `Cannot commit to '${this.store.urlOf(this.prefix)}': its staging ${this.store.url}/${this.staging} is gone (swept?)`,
      );
    }
    this.state = 'sealed';
    if (this.local) await rm(this.local, { recursive: true, force: true });
    return {
      id: this.id,
      prefix: this.prefix,
      files: found.sort(compareKeys),
      replace: options.replace === true,
      ...(Object.keys(this.sse).length ? { serverSide: this.sse } : {}),
    };
  }

  async commit(options: { replace?: boolean } = {}): Promise<ObjectInfo[]> {
    const sealed = await this.seal(options);
    const infos = await completeS3Stage(this.store, sealed);
    this.state = 'committed';
    return infos;
  }

  async abort(): Promise<void> {
    if (this.state === 'committed' || this.state === 'aborted') return;
    this.state = 'aborted';
    const staged: string[] = [];
    for await (const o of this.store.listRaw(this.staging, () => true)) staged.push(o.key);
    await this.cleanUp(staged);
  }

  private async cleanUp(stagedKeys: string[]): Promise<void> {
    await this.store.deleteMany(stagedKeys, `removing the staging of ${this.store.urlOf(this.prefix)}`);
    if (this.local) await rm(this.local, { recursive: true, force: true });
  }
}

/**
 * Completes a sealed stage: copies what is still staged into place (server-side), with replace
 * deletes the objects under the folder that are not the stage's, then deletes the staging. Staged
 * objects are deleted only after every copy, so one missing from staging was copied before: a
 * resumed completion copies the rest again (harmless) and ends the same way.
 */
export async function completeS3Stage(
  store: S3ObjectStore,
  sealed: SealedStage,
  onMoved: (key: string) => void = () => {},
): Promise<ObjectInfo[]> {
  const staging = store.stagingPrefix(sealed.id);
  const present = new Map<string, ObjectInfo>();
  for await (const o of store.listRaw(staging, () => true)) present.set(o.key.slice(staging.length), o);
  const folder = folderOf(sealed.prefix);
  const missing = sealed.files.filter((f) => !present.has(f));
  let before: Set<string> | undefined;
  if (missing.length || sealed.replace) {
    before = new Set();
    for await (const o of store.list(folder)) before.add(o.key);
  }
  const lost = missing.find((f) => !before!.has(joinKey(sealed.prefix, f)));
  if (lost !== undefined) {
    throw new SluiceError(
      'InvalidStateException',
      `Cannot complete the commit to '${store.urlOf(sealed.prefix)}': ${lost} is neither staged in ${store.url}/${staging} nor in place (the staging was swept?)`,
    );
  }
  const committed: ObjectInfo[] = [];
  await forEachLimit([...present], COPY_CONCURRENCY, async ([rel, o]) => {
    const key = joinKey(sealed.prefix, rel);
    try {
      const r = await store.client.send(
        new CopyObjectCommand({ Bucket: store.bucket, Key: key, CopySource: copySource(store.bucket, o.key), ...sealed.serverSide }),
      );
      committed.push({ key, size: o.size, lastModified: r.CopyObjectResult?.LastModified ?? new Date(), etag: r.CopyObjectResult?.ETag });
    } catch (e) {
      throw store.error(e, `committing ${store.urlOf(key)}`);
    }
    onMoved(key);
  });
  if (sealed.replace) {
    const kept = new Set(sealed.files.map((f) => joinKey(sealed.prefix, f)));
    await store.deleteMany(
      [...before!].filter((k) => !kept.has(k)),
      `replacing the objects under ${store.urlOf(folder)}`,
    );
  }
  await store.deleteMany(
    [...present.values()].map((o) => o.key),
    `removing the staging of ${store.urlOf(sealed.prefix)}`,
  );
  return committed.sort((a, b) => compareKeys(a.key, b.key));
}

/**
 * The x-amz-copy-source header: URL-encoded, but reserved characters such as '=' (hive partition
 * folders) left as they are, since AWS accepts them raw and some servers (s3rver) only decodeURI();
 * '?' and '#' must still be encoded, or they would start a query (versionId) or fragment.
 */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${encodeURI(key).replace(/\?/g, '%3F').replace(/#/g, '%23')}`;
}

async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
