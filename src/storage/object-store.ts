// The ObjectStore seam: a bucket-like namespace of keys, implemented over the local filesystem and
// over any S3-compatible store. Keys use '/' separators and never start with '/'.
import type { Readable } from 'node:stream';

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
  etag?: string;
}

export interface ObjectStore {
  /** A URL naming the store's root, e.g. 'file:///data/lake' or 's3://bucket'. */
  readonly url: string;
  /** Every object whose key starts with prefix (recursively), in key order. Staging areas are hidden. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** The object's metadata, or undefined when there is no such object. */
  stat(key: string): Promise<ObjectInfo | undefined>;
  /** Throws EntityNotFoundException when there is no such object. */
  read(key: string): Promise<Readable>;
  /** Throws EntityNotFoundException when there is no such object. */
  readBytes(key: string): Promise<Buffer>;
  /** Writes the whole object atomically: readers see the old object or the new one, never a part. */
  write(key: string, body: Buffer | string | Readable): Promise<ObjectInfo>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Starts a multi-object write under prefix. Nothing written through it is visible to list/stat/read
   * until commit(); abort() (or a crash, followed by sweep) leaves nothing visible.
   */
  stage(prefix: string): Promise<StagedWrite>;
  /** Removes staging left behind by writers that died. Returns how many objects were removed. */
  sweep(olderThanMs?: number): Promise<number>;
}

export interface StagedWrite {
  /** key is relative to the staged prefix. */
  write(key: string, body: Buffer | string | Readable): Promise<void>;
  /** A local directory the caller may fill directly (e.g. DuckDB's COPY … TO); committed with the rest. */
  localDir(): Promise<string>;
  /** Makes every staged object visible under the prefix. With replace, what was under prefix before is removed. */
  commit(options?: { replace?: boolean }): Promise<ObjectInfo[]>;
  abort(): Promise<void>;
}
