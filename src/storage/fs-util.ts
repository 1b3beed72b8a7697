// Filesystem helpers for the local store and its neighbours: writing a body to a file, moving files
// without ever exposing a partial one, listing folders, and walking a folder in S3 key order.
import { createWriteStream, type Dirent } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { STAGING, TEMP_PREFIX, compareKeys } from './keys.js';

export type Body = Buffer | Uint8Array | string | Readable;

/** Writes body to a new file; with sync, the data is on disk before it returns. */
export async function writeBody(path: string, body: Body, sync = false): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  if (body instanceof Readable) {
    await pipeline(body, createWriteStream(path, { flags: 'wx' }));
  } else if (typeof body === 'string' || body instanceof Uint8Array) {
    await writeFile(path, body, { flag: 'wx' });
  } else {
    throw new TypeError(`A body must be a Buffer, a string or a Readable stream, got ${Object.prototype.toString.call(body)}`);
  }
  if (sync) {
    const fh = await open(path, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}

/**
 * Moves a file into place atomically. rename() is atomic on one filesystem; across filesystems
 * (EXDEV, e.g. a zone symlinked to another disk) the file is copied to a hidden temporary name
 * beside its destination first, and that one is renamed.
 */
export async function moveFile(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    const tmp = join(dirname(to), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
    try {
      await copyFile(from, tmp);
      await rename(tmp, to);
    } finally {
      await rm(tmp, { force: true });
    }
    await rm(from, { force: true });
  }
}

/** True for an error that says a path is not there: no such entry, or a file where a folder was named. */
export function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The entries of one folder (with recursive, of all below it), unsorted; a folder that is not there has none. */
export async function listDir(dir: string, recursive = false): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true, recursive });
  } catch (e) {
    if (isMissing(e)) return [];
    throw e;
  }
}

/** True for names the stores keep out of sight. */
export function isHiddenName(name: string): boolean {
  return name === STAGING || name.startsWith(TEMP_PREFIX);
}

/**
 * Every file under dir, as '/'-separated paths relative to dir, in S3 key order. Directory entries
 * sort as 'name/' so that 'a-b' comes before 'a/c', exactly as the keys compare. skip(rel) prunes.
 */
export async function* walkFiles(dir: string, skip: (rel: string) => boolean = () => false, rel = ''): AsyncGenerator<string> {
  const named = (await listDir(dir))
    .filter((d) => !isHiddenName(d.name) && (d.isFile() || d.isDirectory()))
    .map((d) => ({ d, sortName: d.isDirectory() ? `${d.name}/` : d.name }))
    .sort((a, b) => compareKeys(a.sortName, b.sortName));
  for (const { d } of named) {
    const r = rel === '' ? d.name : `${rel}/${d.name}`;
    if (skip(r)) continue;
    if (d.isDirectory()) yield* walkFiles(join(dir, d.name), skip, r);
    else yield r;
  }
}

/**
 * Every file under dir, as '/'-separated paths relative to dir, in no particular order and hiding
 * nothing: for a scratch folder that only Sluice writes. A folder that is not there has no files.
 */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await listDir(dir, true);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** Removes empty folders from dir up to (not including) stop, so deleted objects leave no husks. */
export async function pruneEmptyDirs(dir: string, stop: string): Promise<void> {
  while (dir.length > stop.length && dir.startsWith(stop)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}
