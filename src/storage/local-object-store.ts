// ObjectStore over a local folder. Atomicity comes from rename(): every write lands in the hidden
// staging folder (on the same filesystem as the root) and is renamed into place.
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable } from 'node:stream';
import { SluiceError, invalidInput, notFound } from '../kernel/errors.js';
import { STAGING, checkKey, checkObjectKey } from './keys.js';
import { isMissing, moveFile, pruneEmptyDirs, walkFiles, writeBody } from './fs-util.js';
import { newStagingId } from './staging-id.js';
import { LocalStagedWrite } from './local-staged-write.js';
import { sweepLocalStaging } from './local-sweep.js';
import { completeLocalStage } from './local-complete.js';
import type { ObjectBody, ObjectInfo, ObjectStore, SealedStage, StagedWrite, SweepOptions } from './object-store.js';

export interface LocalStoreOptions {
  /** Where staging lives; must be on the root's filesystem. Default: <root>/.sluice-staging. */
  stagingDir?: string;
}

export class LocalObjectStore implements ObjectStore {
  readonly root: string;
  readonly stagingDir: string;
  readonly url: string;
  /** The staging folder relative to root, when it lies inside it (list() must skip it). */
  private readonly stagingRel: string | undefined;

  constructor(root: string, options: LocalStoreOptions = {}) {
    this.root = resolve(root);
    this.stagingDir = resolve(options.stagingDir ?? join(this.root, STAGING));
    const rel = relative(this.root, this.stagingDir);
    this.stagingRel = rel && !rel.startsWith('..') ? rel.split(sep).join('/') : undefined;
    this.url = pathToFileURL(this.root).href;
  }

  urlOf(key: string): string {
    return pathToFileURL(this.localPath(key)).href;
  }

  localPath(key: string): string {
    return key === '' ? this.root : join(this.root, checkKey(key, 'key', true));
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    checkKey(prefix, 'prefix', true);
    // Walk only the folder the prefix points into, and only branches that can still match.
    const base = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keep = (r: string) => r.startsWith(prefix) || prefix.startsWith(`${r}/`);
    const skip = (r: string) => r === this.stagingRel || !keep(r);
    for await (const key of walkFiles(this.localPath(base), skip, base)) {
      if (!key.startsWith(prefix)) continue;
      const info = await this.stat(key);
      if (info) yield info; // a file deleted while we walk is simply not listed
    }
  }

  async stat(key: string): Promise<ObjectInfo | undefined> {
    checkObjectKey(key);
    try {
      const s = await stat(this.localPath(key));
      return s.isFile() ? { key, size: s.size, lastModified: s.mtime } : undefined;
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async read(key: string): Promise<Readable> {
    checkObjectKey(key);
    // Open first so that a missing key fails here, not later as a stream error.
    let fh;
    try {
      fh = await open(this.localPath(key), 'r');
      if (!(await fh.stat()).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    } catch (e) {
      await fh?.close();
      if (isMissing(e) || (e as NodeJS.ErrnoException).code === 'EISDIR') throw notFound(`No object ${this.urlOf(key)} (key '${key}')`);
      throw e;
    }
    return createReadStream('', { fd: fh });
  }

  async readBytes(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.read(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async write(key: string, body: ObjectBody): Promise<ObjectInfo> {
    checkObjectKey(key);
    const tmp = join(this.stagingDir, `${newStagingId()}.tmp`);
    try {
      await mkdir(this.stagingDir, { recursive: true });
      await writeBody(tmp, body, true);
      await moveFile(tmp, this.localPath(key));
    } catch (e) {
      await rm(tmp, { force: true });
      throw explainWriteError(e, key);
    }
    return (await this.stat(key))!;
  }

  async delete(key: string): Promise<void> {
    checkObjectKey(key);
    try {
      await unlink(this.localPath(key));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A folder is not an object: like S3, deleting a key that names no object does nothing.
      if (isMissing(e) || code === 'EISDIR' || code === 'EPERM') return;
      throw e;
    }
    await pruneEmptyDirs(dirname(this.localPath(key)), this.root);
  }

  async stage(prefix: string): Promise<StagedWrite> {
    checkKey(prefix, 'prefix', true);
    const target = this.localPath(prefix);
    if (prefix !== '' && (this.stagingDir + sep).startsWith(target + sep)) {
      throw invalidInput(`Cannot stage into '${prefix}': it contains the staging folder ${this.stagingDir}`);
    }
    return LocalStagedWrite.create(this, prefix, newStagingId());
  }

  async sweep(olderThanMs?: number, options?: SweepOptions): Promise<number> {
    return sweepLocalStaging(this.stagingDir, olderThanMs, options?.keep);
  }

  completeStaged(sealed: SealedStage, options: { onMoved?: (key: string) => void } = {}): Promise<ObjectInfo[]> {
    return completeLocalStage(this, sealed, options.onMoved);
  }

  /** Every key under the folder prefix, skipping staging (used by replace). */
  async keysUnder(folder: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const info of this.list(folder)) keys.push(info.key);
    return keys;
  }
}

function explainWriteError(e: unknown, key: string): unknown {
  if (e instanceof SluiceError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') {
    return invalidInput(`Cannot write object '${key}': a folder of objects already has that name`);
  }
  if (code === 'ENOTDIR') return invalidInput(`Cannot write object '${key}': one of its parent folders is an object`);
  return e;
}
