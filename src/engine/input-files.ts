// Finding the files behind a FileSource path. Local files are read in place; S3 objects are
// downloaded into the engine's scratch folder first, because DuckDB here has no S3 access (httpfs).
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { invalidInput } from '../kernel/errors.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { Storage } from '../storage/storage.js';

export interface InputFile {
  /** Where DuckDB can read the file. */
  local: string;
  /** The path below the input's folder ('' parts for a single file), used to name copies and links. */
  rel: string;
  /** The file lives in the engine's scratch folder (a downloaded S3 object). */
  staged: boolean;
  /** The file's location in the form it was asked for (the path given, or the folder given + rel). */
  given: string;
}

export interface ExpandedInput {
  files: InputFile[];
  /** For a local glob pattern: the pattern itself (DuckDB expands it) and the folder it is confined to. */
  glob?: { pattern: string; dir: string };
}

const GLOB = /[*?[{]/;
const DOWNLOAD_CONCURRENCY = 8;

/** Hive and Spark skip files and folders starting with '_' or '.' (_SUCCESS, .crc, _temporary). */
const hidden = (rel: string) => rel.split('/').some((s) => s.startsWith('_') || s.startsWith('.'));

export async function expandInput(storage: Storage, path: string, downloadDir: string): Promise<ExpandedInput> {
  const { store, key } = storage.resolve(path);
  const local = (k: string) => store.localPath(k);
  if (GLOB.test(path)) {
    const pattern = local(key);
    if (pattern === undefined) throw invalidInput(`Glob patterns are only supported for local paths, not ${path}`);
    const head = pattern.slice(0, pattern.search(GLOB));
    return { files: [], glob: { pattern, dir: head.slice(0, head.lastIndexOf('/') + 1) || '/' } };
  }
  const single = key !== '' && !key.endsWith('/') ? await store.stat(key) : undefined;
  const entries = single ? [{ key, rel: lastSegment(key) }] : await listFolder(store, key);
  const files: InputFile[] = [];
  const downloads: { key: string; target: string }[] = [];
  for (const e of entries) {
    const inPlace = local(e.key);
    const given = single ? path : `${path.replace(/\/+$/, '')}/${e.rel}`;
    if (inPlace !== undefined) {
      files.push({ local: inPlace, rel: e.rel, staged: false, given });
    } else {
      const target = join(downloadDir, ...e.rel.split('/'));
      downloads.push({ key: e.key, target });
      files.push({ local: target, rel: e.rel, staged: true, given });
    }
  }
  // Several at a time: an S3 round trip, or decrypting a sealed object, is mostly waiting.
  let next = 0;
  const worker = async () => {
    while (next < downloads.length) {
      const d = downloads[next++];
      await download(store, d.key, d.target);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DOWNLOAD_CONCURRENCY, downloads.length) }, worker));
  return { files };
}

async function listFolder(store: ObjectStore, key: string): Promise<{ key: string; rel: string }[]> {
  const folder = key === '' || key.endsWith('/') ? key : `${key}/`;
  const out: { key: string; rel: string }[] = [];
  for await (const info of store.list(folder)) {
    const rel = info.key.slice(folder.length);
    if (!hidden(rel)) out.push({ key: info.key, rel });
  }
  return out;
}

async function download(store: ObjectStore, key: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  // Decrypted copies hold plain text: only the server's user may read them (scratch is 0700 too).
  if (store.download) return store.download(key, target);
  await pipeline(await store.read(key), createWriteStream(target, { mode: 0o600 }));
}

const lastSegment = (key: string) => key.slice(key.lastIndexOf('/') + 1);
