// Where a table's files live, and reading its metadata: locations are URIs (file:///…, s3://…) as
// the spec wants; the ObjectStore reaches them through the storage seam.
import type { Storage } from '../../storage/storage.js';
import type { ObjectStore } from '../../storage/object-store.js';
import { parseMetadata, selectSnapshot, type SnapshotSelector } from './metadata.js';
import { readManifest, readManifestList } from './manifests.js';
import { DELETED, type ManifestEntry, type ManifestFile, type Snapshot, type TableMetadata } from './types.js';

export interface TableFiles {
  store: ObjectStore;
  /** The table's key in its store, without a trailing '/'. */
  key: string;
  /** The table location as a URI. */
  uri: string;
  /** The key and URI of a file under the table, from its path relative to the table. */
  file(relative: string): { store: ObjectStore; key: string; uri: string };
}

export function tableFiles(storage: Storage, location: string): TableFiles {
  const { store, key: raw } = storage.resolve(location);
  const key = raw.replace(/\/+$/, '');
  const uri = store.urlOf(key);
  return { store, key, uri, file: (rel) => ({ store, key: key ? `${key}/${rel}` : rel, uri: store.urlOf(key ? `${key}/${rel}` : rel) }) };
}

export async function readMetadata(storage: Storage, metadataLocation: string): Promise<TableMetadata> {
  const { store, key } = storage.resolve(metadataLocation);
  return parseMetadata((await store.readBytes(key)).toString('utf8'));
}

export interface LiveFile {
  entry: ManifestEntry;
  manifest: ManifestFile;
}

/** The data files a snapshot holds (entries not DELETED across its manifest list). */
export async function liveFiles(storage: Storage, snapshot: Snapshot | undefined): Promise<LiveFile[]> {
  if (!snapshot) return [];
  const list = storage.resolve(snapshot['manifest-list']);
  const out: LiveFile[] = [];
  for (const manifest of await readManifestList(list.store, list.key)) {
    if (manifest.content !== 0) continue; // delete files: Sluice writes none, and copy-on-write needs none
    const m = storage.resolve(manifest.manifest_path);
    for (const entry of await readManifest(m.store, m.key, manifest)) {
      if (entry.status !== DELETED && entry.data_file.content === 0) out.push({ entry, manifest });
    }
  }
  return out;
}

export async function snapshotFiles(storage: Storage, metadataLocation: string, sel: SnapshotSelector = {}) {
  const metadata = await readMetadata(storage, metadataLocation);
  const snapshot = selectSnapshot(metadata, sel);
  return { metadata, snapshot, files: await liveFiles(storage, snapshot) };
}
