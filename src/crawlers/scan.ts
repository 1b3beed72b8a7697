// Scanning one include path: list it (minus exclusions and, for incremental crawls, folders already
// crawled), sample up to SampleSize files per leaf folder, classify the samples, and form units.
// A file that cannot be read or classified is reported and left out; it never fails the crawl.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectStore } from '../storage/object-store.js';
import type { Storage } from '../storage/storage.js';
import { classify, type CustomSpec } from './classify.js';
import type { CrawlProgress, Unreadable } from './crawl-store.js';
import { sampleFile, UnreadableFile } from './file-sample.js';
import { CrawlStopped } from './crawl-errors.js';
import { exclusionMatcher } from './glob.js';
import { listTarget, type ListedFile } from './listing.js';
import type { ParquetAccess } from './parquet-classifier.js';
import { folderUnits, mergeSchemas, signatureOf, type Unit, type UnitFile } from './units.js';
import type { FileSchema } from './file-schema.js';
import type { QueryEngine } from '../engine/query-engine.js';

export interface ScanContext {
  storage: Storage;
  customs: CustomSpec[];
  progress: CrawlProgress;
  unreadable(u: Unreadable): void;
  /** Throws when the crawl was asked to stop. */
  checkStop(): Promise<void>;
  engine(): Promise<QueryEngine>;
  /** Where S3 objects DuckDB must read (Parquet) are downloaded. */
  scratch: string;
}

export interface ScannedTarget {
  /** The include path as written, without a trailing '/'. */
  include: string;
  includeIsFile: boolean;
  store: ObjectStore;
  prefix: string;
  units: Unit[];
  /** Nothing at all is stored at the include path (a typo, a folder never made). */
  missing: boolean;
}

export interface ScanOptions {
  exclusions?: string[];
  sampleSize?: number;
  /** Folders (relative, ending '/') an incremental crawl skips. */
  skipFolder?: (relFolder: string) => boolean;
  /** Per-file notes: what a file's classifier left out of its sample (lines that do not parse). */
  warn?: (message: string) => void;
}

const CONCURRENCY = 8;

/** SampleSize files of a folder, spread evenly over its files in key order (deterministic). */
export function pickSample<T>(files: T[], size: number | undefined): T[] {
  if (!size || files.length <= size) return files;
  return Array.from({ length: size }, (_, i) => files[Math.floor((i * files.length) / size)]);
}

async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

export async function scanTarget(ctx: ScanContext, path: string, opts: ScanOptions): Promise<ScannedTarget> {
  const { store, key } = ctx.storage.resolve(path);
  const include = path.replace(/\/+$/, '');
  const single = key !== '' && !key.endsWith('/') ? await store.stat(key) : undefined;
  const prefix = single ? key.slice(0, key.lastIndexOf('/') + 1) : key === '' || key.endsWith('/') ? key : `${key}/`;
  const excluded = exclusionMatcher(opts.exclusions);
  const files: ListedFile[] = [];
  if (single) files.push({ key, rel: key.slice(prefix.length), size: single.size, lastModified: single.lastModified.getTime() });
  else {
    for await (const f of listTarget(store, prefix, opts.skipFolder)) {
      if (excluded(f.rel)) continue;
      files.push(f);
      if (++ctx.progress.filesListed % 1000 === 0) await ctx.checkStop();
    }
  }
  const missing = !single && files.length === 0 && !(await exists(store, prefix));
  const byFolder = new Map<string, UnitFile[]>();
  const folderOf = (f: ListedFile) => (single ? '' : f.rel.slice(0, f.rel.lastIndexOf('/') + 1));
  for (const f of files) {
    const folder = folderOf(f);
    let list = byFolder.get(folder);
    if (!list) byFolder.set(folder, (list = []));
    list.push(f);
  }
  const schemas = new Map<string, Map<string, FileSchema>>();
  const pathOf = (f: ListedFile) => `${include}${single ? '' : `/${f.rel}`}`;
  const toRead = [...byFolder.values()].flatMap((fs) => pickSample(fs, opts.sampleSize));
  ctx.progress.filesToRead += toRead.length;
  const broken = new Set<UnitFile>();
  await pool(toRead, CONCURRENCY, async (f) => {
    await ctx.checkStop();
    try {
      const sample = await sampleFile(store, f.key, f.size);
      const schema = await classify(sample, ctx.customs, parquetAccess(ctx, store, f.key));
      for (const problem of schema.problems ?? []) opts.warn?.(`${pathOf(f)}: read as ${schema.format.classification}, but ${problem}`);
      f.signature = signatureOf(schema);
      f.records = schema.records;
      const folder = folderOf(f);
      let merged = schemas.get(folder);
      if (!merged) schemas.set(folder, (merged = new Map()));
      const before = merged.get(f.signature);
      merged.set(f.signature, before ? mergeSchemas([before, schema]) : schema);
    } catch (e) {
      // Whatever goes wrong with one file (gone, unreadable, corrupt) is that file's problem only.
      if (e instanceof CrawlStopped) throw e;
      broken.add(f);
      const reason = e instanceof UnreadableFile ? e.message : `cannot be read: ${(e as Error).message}`;
      ctx.unreadable({ path: pathOf(f), reason });
    } finally {
      ctx.progress.filesRead++;
    }
  });
  const units = [...byFolder.entries()].flatMap(([folder, fs]) =>
    folderUnits(
      folder,
      fs.filter((f) => !broken.has(f)),
      schemas.get(folder) ?? new Map(),
    ),
  );
  return { include, includeIsFile: !!single, store, prefix, units, missing };
}

/** Whether anything (hidden files included) is stored under the prefix; a local folder may be empty. */
async function exists(store: ObjectStore, prefix: string): Promise<boolean> {
  const local = store.localPath(prefix);
  if (local !== undefined) return (await stat(local).catch(() => undefined)) !== undefined;
  for await (const _ of store.list(prefix)) return true;
  return false;
}

let downloads = 0;

function parquetAccess(ctx: ScanContext, store: ObjectStore, key: string): ParquetAccess {
  return {
    engine: () => ctx.engine(),
    async localFile() {
      const local = store.localPath(key);
      if (local !== undefined) return local;
      await mkdir(ctx.scratch, { recursive: true });
      const target = join(ctx.scratch, `${++downloads}.parquet`);
      await writeFile(target, await store.readBytes(key));
      return target;
    },
  };
}
