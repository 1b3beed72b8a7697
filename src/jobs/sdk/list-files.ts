// The files behind a source location, with what the file bookmark needs (path, size, mtime) and
// where DuckDB reads each one (in place for local files, by URL for S3). Names starting with '.'
// or '_' are skipped, as Hive and Spark do.
import type { Services } from '../../kernel/services.js';
import type { FileEntry } from '../bookmarks/file-bookmark.js';

export interface ListedFile extends FileEntry {
  /** What the engine is given to read. */
  readPath: string;
}

const hidden = (rel: string) => rel.split('/').some((s) => s.startsWith('_') || s.startsWith('.'));

export async function listFiles(services: Services, location: string): Promise<ListedFile[]> {
  const { store, key } = services.storage.resolve(location);
  const entry = (k: string, size: number, lastModified: Date): ListedFile => ({
    path: store.urlOf(k),
    size,
    mtime: lastModified.getTime(),
    readPath: store.localPath(k) ?? store.urlOf(k),
  });
  if (key !== '' && !key.endsWith('/')) {
    const single = await store.stat(key);
    if (single) return [entry(single.key, single.size, single.lastModified)];
  }
  const folder = key === '' || key.endsWith('/') ? key : `${key}/`;
  const out: ListedFile[] = [];
  for await (const info of store.list(folder)) {
    if (!hidden(info.key.slice(folder.length))) out.push(entry(info.key, info.size, info.lastModified));
  }
  return out;
}
