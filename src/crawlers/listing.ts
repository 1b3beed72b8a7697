// Listing a crawl target. Names starting with '.' or '_' (_SUCCESS, _temporary/, .crc) are skipped,
// as Hive and Sluice's readers skip them, so job markers never become tables of their own. An
// incremental crawl passes skipFolder to leave already-crawled folders out: over a local store whole
// folders are then never opened, which a recursive ObjectStore.list cannot offer.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { listDir } from '../storage/fs-util.js';
import type { ObjectStore } from '../storage/object-store.js';

export interface ListedFile {
  /** The object's key in its store. */
  key: string;
  /** The key relative to the include path. */
  rel: string;
  size: number;
  lastModified: number;
}

/** Folder paths are relative to the include path and end with '/'; '' is the include path itself. */
export type SkipFolder = (relFolder: string) => boolean;

const hiddenName = (name: string) => name.startsWith('.') || name.startsWith('_') || name.endsWith('_$folder$');
const hiddenRel = (rel: string) => rel.split('/').some(hiddenName);
const STAT_BATCH = 64;

export async function* listTarget(store: ObjectStore, prefix: string, skipFolder?: SkipFolder): AsyncGenerator<ListedFile> {
  const root = store.localPath(prefix);
  if (root !== undefined) {
    yield* walkLocal(root, prefix, '', skipFolder);
    return;
  }
  for await (const info of store.list(prefix)) {
    const rel = info.key.slice(prefix.length);
    if (rel === '' || rel.endsWith('/') || hiddenRel(rel)) continue;
    const folder = rel.slice(0, rel.lastIndexOf('/') + 1);
    if (skipFolder && folder !== '' && skipFolder(folder)) continue;
    yield { key: info.key, rel, size: info.size, lastModified: info.lastModified.getTime() };
  }
}

async function* walkLocal(dir: string, prefix: string, rel: string, skipFolder?: SkipFolder): AsyncGenerator<ListedFile> {
  const visible = (await listDir(dir)).filter((d) => !hiddenName(d.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Symbolic links to files are followed; links to folders are not (a loop would never end).
  const files = visible.filter((d) => d.isFile() || d.isSymbolicLink());
  // Stats in parallel: one folder of many small files is otherwise a long chain of round trips.
  for (let i = 0; i < files.length; i += STAT_BATCH) {
    const batch = files.slice(i, i + STAT_BATCH);
    const stats = await Promise.all(batch.map((d) => stat(join(dir, d.name)).catch(() => undefined)));
    for (let j = 0; j < batch.length; j++) {
      const s = stats[j];
      if (!s?.isFile()) continue; // deleted while we looked, or a link to a folder
      const r = rel + batch[j].name;
      yield { key: prefix + r, rel: r, size: s.size, lastModified: s.mtimeMs };
    }
  }
  for (const d of visible) {
    if (!d.isDirectory()) continue;
    const sub = `${rel}${d.name}/`;
    if (skipFolder?.(sub)) continue;
    yield* walkLocal(join(dir, d.name), prefix, sub, skipFolder);
  }
}
