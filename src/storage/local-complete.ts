// Completing a sealed local stage, resumable from the staging entry alone (any process, any number
// of times). A replace swaps whole folders with two renames (target → old/, data/ → target), so
// readers see the old folder, then for an instant none, then the new one, never a mix. Where that
// cannot be done (the store's root, another filesystem, a folder that reappeared) the files move one
// by one and the others are deleted after; a `file-by-file` marker records that choice, so a resumed
// completion never swaps a half-filled target aside. A file already moved is skipped.
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SluiceError } from '../kernel/errors.js';
import { folderOf, joinKey } from './keys.js';
import { isMissing, moveFile, pruneEmptyDirs } from './fs-util.js';
import type { LocalObjectStore } from './local-object-store.js';
import type { ObjectInfo, SealedStage } from './object-store.js';

const exists = async (path: string) => (await stat(path).catch(() => undefined)) !== undefined;
const FILE_BY_FILE = 'file-by-file';

export async function completeLocalStage(
  store: LocalObjectStore,
  sealed: SealedStage,
  onMoved: (key: string) => void = () => {},
): Promise<ObjectInfo[]> {
  const entry = join(store.stagingDir, sealed.id);
  const target = store.localPath(sealed.prefix);
  if (!(await exists(entry))) {
    // Completed before, unless the staging was swept under us.
    for (const rel of sealed.files) if (!(await exists(join(target, rel)))) throw lost(sealed, rel, entry);
    return [];
  }
  const swapped =
    sealed.replace && sealed.prefix !== '' && !(await exists(join(entry, FILE_BY_FILE))) && (await swapFolders(entry, target, sealed));
  if (swapped) for (const rel of sealed.files) onMoved(joinKey(sealed.prefix, rel));
  else await moveOneByOne(store, entry, target, sealed, onMoved);
  await rm(entry, { recursive: true, force: true });
  const infos: ObjectInfo[] = [];
  for (const rel of sealed.files) {
    const info = await store.stat(joinKey(sealed.prefix, rel));
    if (info) infos.push(info);
  }
  return infos;
}

/** The two renames of a replace; false when the files have to move one by one instead. */
async function swapFolders(entry: string, target: string, sealed: SealedStage): Promise<boolean> {
  const data = join(entry, 'data');
  const old = join(entry, 'old');
  if (await exists(data)) {
    const asideBefore = await exists(old);
    if (!asideBefore) {
      try {
        await rename(target, old);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EXDEV') return fileByFile(entry);
        if (code !== 'ENOENT') throw e;
      }
    }
    try {
      await mkdir(dirname(target), { recursive: true });
      await rename(data, target);
    } catch (e) {
      if (!['EXDEV', 'ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      // Put the old folder back (when nothing took its place) before moving file by file.
      if ((await exists(old)) && !(await exists(target))) await rename(old, target);
      return fileByFile(entry);
    }
  } else {
    // data/ is gone: it is the target now, unless the staging was swept under us.
    for (const rel of sealed.files) if (!(await exists(join(target, rel)))) throw lost(sealed, rel, entry);
  }
  await rm(old, { recursive: true, force: true });
  return true;
}

async function fileByFile(entry: string): Promise<false> {
  await writeFile(join(entry, FILE_BY_FILE), '');
  return false;
}

async function moveOneByOne(
  store: LocalObjectStore,
  entry: string,
  target: string,
  sealed: SealedStage,
  onMoved: (key: string) => void,
): Promise<void> {
  const data = join(entry, 'data');
  for (const rel of sealed.files) {
    const from = join(data, rel);
    const to = join(target, rel);
    try {
      await moveFile(from, to);
      onMoved(joinKey(sealed.prefix, rel));
    } catch (e) {
      // Moved by an earlier completion: fine, if it is in place.
      if (!isMissing(e) || !(await exists(to))) throw isMissing(e) ? lost(sealed, rel, entry) : e;
    }
  }
  if (!sealed.replace) return;
  const folder = folderOf(sealed.prefix);
  const kept = new Set(sealed.files.map((f) => folder + f));
  for (const key of await store.keysUnder(folder)) if (!kept.has(key)) await store.delete(key);
  await pruneEmptyDirs(target, store.root);
  await rm(join(entry, 'old'), { recursive: true, force: true });
}

const lost = (sealed: SealedStage, rel: string, entry: string) =>
  new SluiceError(
    'InvalidStateException',
    `Cannot complete the commit to '${sealed.prefix}': ${rel} is neither staged in ${entry} nor in place (the staging was swept?)`,
  );
