// The ObjectStore seam: a bucket-like namespace of keys, implemented over the local filesystem and
// over any S3-compatible store. Keys use '/' separators and never start with '/'; keys with '.' or
// '..' segments, or naming the hidden staging area, are rejected with InvalidInputException.
import type { Readable } from 'node:stream';

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
  etag?: string;
}

export type ObjectBody = Buffer | Uint8Array | string | Readable;

export interface ObjectStore {
  /** A URL naming the store's root, e.g. 'file:///data/lake' or 's3://bucket'. */
  readonly url: string;
  /** The URL of one key, e.g. 'file:///data/lake/raw/a.csv' or 's3://bucket/raw/a.csv'. */
  urlOf(key: string): string;
  /** The absolute filesystem path of a key for a local store (DuckDB reads it in place); undefined for S3. */
  localPath(key: string): string | undefined;
  /**
   * Every object whose key starts with prefix (a plain string prefix, as S3: 'raw/a' matches
   * 'raw/ab.csv'; use 'raw/a/' for a folder), recursively, in UTF-8 key order. Staging is hidden.
   */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** The object's metadata, or undefined when there is no such object. */
  stat(key: string): Promise<ObjectInfo | undefined>;
  /** Throws EntityNotFoundException (naming the key) when there is no such object. */
  read(key: string): Promise<Readable>;
  /** Throws EntityNotFoundException (naming the key) when there is no such object. */
  readBytes(key: string): Promise<Buffer>;
  /**
   * Optional: writes the object's content, as read() gives it, into the new local file `target`
   * (mode 0600), faster than piping read() (the encryption layer decrypts a sealed local file with
   * positioned reads). Callers fall back to read() without it.
   */
  download?(key: string, target: string): Promise<void>;
  /** Writes the whole object atomically: readers see the old object or the new one, never a part. */
  write(key: string, body: ObjectBody): Promise<ObjectInfo>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Starts a multi-object write into the folder prefix ('' for the root). Nothing written through it
   * is visible to list/stat/read until commit(); abort() (or a crash, followed by sweep) leaves
   * nothing visible.
   */
  stage(prefix: string, options?: StageOptions): Promise<StagedWrite>;
  /**
   * Removes staging left behind by writers that died: on this host, staging whose writer process is
   * gone; anywhere, staging older than olderThanMs (default 24 h; 0 removes all staging, including
   * live writers', so pass 0 only when no writer can be running). Returns how many entries
   * (objects, files or staged objects) were removed.
   */
  sweep(olderThanMs?: number, options?: SweepOptions): Promise<number>;
  /**
   * Makes a sealed stage's objects visible (see StagedWrite.seal), from this process or any other
   * (a run's commit, or recovery after the run died). Idempotent: objects already moved are skipped,
   * so calling it again after a crash part-way finishes the job; a stage already completed does
   * nothing. Returns what this call moved. Throws InvalidStateException when a staged object is in
   * neither the staging nor its target (the staging was swept): nothing is deleted then.
   */
  completeStaged(sealed: SealedStage, options?: { onMoved?: (key: string) => void }): Promise<ObjectInfo[]>;
}

export interface SweepOptions {
  /**
   * Staging ids that must survive the sweep, asked for after the abandoned entries are chosen (so a
   * writer that records an intent and dies just before cannot be missed): a run's decided commit.
   */
  keep?: () => Promise<ReadonlySet<string>>;
}

/**
 * A staged write whose objects are all in staging and will not change: everything a commit needs,
 * as plain data, so a run can record it durably before anything becomes visible.
 */
export interface SealedStage {
  /** The staging entry (its name says which process made it, staging-id.ts). */
  id: string;
  /** The folder prefix the objects land in. */
  prefix: string;
  /** Keys relative to prefix, in key order. */
  files: string[];
  /** Whether objects under prefix/ that are not among files are removed. */
  replace: boolean;
  /**
   * S3 only: the server-side encryption headers the objects are copied into place with, so a commit
   * completed by recovery encrypts as the run asked.
   */
  serverSide?: { ServerSideEncryption?: 'AES256' | 'aws:kms'; SSEKMSKeyId?: string };
}

/**
 * How staged objects are encrypted at rest (a Glue security configuration's S3Encryption, or an
 * encrypted zone): 'client' seals each object on Sluice's side with envelope encryption under a KMS
 * key of the local key service; SSE-S3 and SSE-KMS are asked of an S3-compatible store, and done on
 * the client under the same key on a local folder, which has no server side (encryption/README.md).
 */
export type ObjectEncryption = { mode: 'client'; key: string } | { mode: 'SSE-S3' } | { mode: 'SSE-KMS'; key?: string };

export interface StageOptions {
  encryption?: ObjectEncryption;
}

export interface StagedWrite {
  /** The folder the staged objects will land in. */
  readonly prefix: string;
  /** key is relative to the staged prefix. */
  write(key: string, body: ObjectBody): Promise<void>;
  /**
   * A local directory the caller may fill directly (e.g. DuckDB's COPY … TO); its files are committed
   * with the rest, under the same relative paths.
   */
  localDir(): Promise<string>;
  /**
   * Makes every staged object visible under the prefix and returns them in key order. With replace,
   * every object that was under the folder prefix before and is not rewritten is removed.
   * Throws InvalidStateException after commit() or abort().
   */
  commit(options?: { replace?: boolean }): Promise<ObjectInfo[]>;
  /**
   * Ends staging (S3: uploads localDir()'s files) and describes the stage, for
   * ObjectStore.completeStaged. Nothing is visible yet. After it, only abort() may be called here.
   * Throws InvalidStateException after commit() or abort(), or when the staging was swept.
   */
  seal(options?: { replace?: boolean }): Promise<SealedStage>;
  /** Discards everything staged; calling it after commit() or twice does nothing. */
  abort(): Promise<void>;
}
