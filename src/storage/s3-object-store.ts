// ObjectStore over one bucket of an S3-compatible store. A single PutObject or a completed multipart
// upload is atomic, so write() needs no staging; multi-object writes stage under the hidden
// .sluice-staging/ prefix of the bucket and are copied into place on commit (see README.md).
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { notFound } from '../kernel/errors.js';
import { STAGING, checkKey, checkObjectKey, isHiddenKey } from './keys.js';
import { isS3NotFound, s3Error } from './s3-errors.js';
import { S3StagedWrite, completeS3Stage } from './s3-staged-write.js';
import { sweepS3Staging } from './s3-sweep.js';
import { newStagingId } from './staging-id.js';
import type {
  ObjectBody,
  ObjectEncryption,
  ObjectInfo,
  ObjectStore,
  SealedStage,
  StagedWrite,
  StageOptions,
  SweepOptions,
} from './object-store.js';

export interface S3StoreOptions {
  /** Local folder for StagedWrite.localDir(); default: the OS temp folder. */
  tempDir?: string;
  /** Only for error messages. */
  endpoint?: string;
  /** Keys per ListObjectsV2 request (S3 caps it at 1000); smaller pages let tests cover paging cheaply. */
  listPageSize?: number;
}

export class S3ObjectStore implements ObjectStore {
  readonly url: string;
  readonly tempDir: string | undefined;
  readonly endpoint: string | undefined;
  private readonly listPageSize: number | undefined;

  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    options: S3StoreOptions = {},
  ) {
    this.url = `s3://${bucket}`;
    this.tempDir = options.tempDir;
    this.endpoint = options.endpoint;
    this.listPageSize = options.listPageSize;
  }

  urlOf(key: string): string {
    return key === '' ? this.url : `${this.url}/${checkKey(key, 'key', true)}`;
  }

  localPath(): undefined {
    return undefined;
  }

  error(e: unknown, what: string) {
    return s3Error(e, what, this.bucket, this.endpoint);
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    checkKey(prefix, 'prefix', true);
    yield* this.listRaw(prefix, (key) => !isHiddenKey(key));
  }

  /** Lists every key under prefix that keep() accepts, staging included when asked for. */
  async *listRaw(prefix: string, keep: (key: string) => boolean): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix || undefined,
            ContinuationToken: token,
            MaxKeys: this.listPageSize,
          }),
        );
      } catch (e) {
        throw this.error(e, `listing ${this.urlOf(prefix)}`);
      }
      for (const o of page.Contents ?? []) {
        // Keys ending in '/' are folder markers made by consoles, not objects.
        if (!o.Key || o.Key.endsWith('/') || !keep(o.Key)) continue;
        yield { key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0), etag: o.ETag };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async stat(key: string): Promise<ObjectInfo | undefined> {
    checkObjectKey(key);
    try {
      const h = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: h.ContentLength ?? 0, lastModified: h.LastModified ?? new Date(0), etag: h.ETag };
    } catch (e) {
      if (isS3NotFound(e)) return undefined;
      throw this.error(e, `reading the metadata of ${this.urlOf(key)}`);
    }
  }

  async read(key: string): Promise<Readable> {
    checkObjectKey(key);
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return r.Body as Readable;
    } catch (e) {
      if (isS3NotFound(e)) throw notFound(`No object ${this.urlOf(key)} (key '${key}')`);
      throw this.error(e, `reading ${this.urlOf(key)}`);
    }
  }

  async readBytes(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.read(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async write(key: string, body: ObjectBody): Promise<ObjectInfo> {
    checkObjectKey(key);
    await this.upload(key, body, `writing ${this.urlOf(key)}`);
    const info = await this.stat(key);
    if (!info) throw this.error(new Error('the object is missing right after it was written'), `writing ${this.urlOf(key)}`);
    return info;
  }

  /** One PutObject, or a multipart upload for large bodies; either is all-or-nothing. */
  async upload(key: string, body: ObjectBody, what: string, sse: ServerSide = {}): Promise<void> {
    if (!(body instanceof Readable) && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError(`A body must be a Buffer, a string or a Readable stream, got ${Object.prototype.toString.call(body)}`);
    }
    try {
      await new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body, ...sse },
      }).done();
    } catch (e) {
      throw this.error(e, what);
    }
  }

  async delete(key: string): Promise<void> {
    checkObjectKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (e) {
      if (!isS3NotFound(e)) throw this.error(e, `deleting ${this.urlOf(key)}`);
    }
  }

  /** Deletes many keys, 1000 per request (the S3 limit). */
  async deleteMany(keys: string[], what: string): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      try {
        const r = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        );
        const failed = r.Errors?.[0];
        if (failed) throw Object.assign(new Error(`${failed.Key}: ${failed.Message}`), { name: failed.Code ?? 'DeleteFailed' });
      } catch (e) {
        throw this.error(e, what);
      }
    }
  }

  async stage(prefix: string, options: StageOptions = {}): Promise<StagedWrite> {
    checkKey(prefix, 'prefix', true);
    return new S3StagedWrite(this, prefix, newStagingId(), serverSide(options.encryption));
  }

  /** The hidden prefix under which one staged write keeps its objects. */
  stagingPrefix(id: string): string {
    return `${STAGING}/${id}/`;
  }

  async sweep(olderThanMs?: number, options?: SweepOptions): Promise<number> {
    return sweepS3Staging(this, olderThanMs, options?.keep);
  }

  completeStaged(sealed: SealedStage, options: { onMoved?: (key: string) => void } = {}): Promise<ObjectInfo[]> {
    return completeS3Stage(this, sealed, options.onMoved);
  }
}

/** The headers that ask S3 to encrypt an object (x-amz-server-side-encryption, …-aws-kms-key-id). */
export interface ServerSide {
  ServerSideEncryption?: 'AES256' | 'aws:kms';
  SSEKMSKeyId?: string;
}

function serverSide(e: ObjectEncryption | undefined): ServerSide {
  if (e?.mode === 'SSE-S3') return { ServerSideEncryption: 'AES256' };
  if (e?.mode === 'SSE-KMS') return { ServerSideEncryption: 'aws:kms', ...(e.key ? { SSEKMSKeyId: e.key } : {}) };
  return {};
}
