// A multi-object write on the local filesystem. Layout of one staging entry:
//   <staging>/<id>/manifest.json  the target, so sweep() can roll back an interrupted replace
//   <staging>/<id>/data/          staged files (also the localDir() handed to DuckDB)
//   <staging>/<id>/old/           during a replace, the previous contents of the target folder
// A replace swaps folders with two renames, so readers see the old folder, then (for an instant)
// none, then the new one, never a mix. Without replace, files are renamed in one by one.
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SluiceError } from '../kernel/errors.js';
import { checkObjectKey, folderOf, joinKey } from './keys.js';
import { moveFile, pruneEmptyDirs, walkFiles, writeBody } from './fs-util.js';
import type { LocalObjectStore } from './local-object-store.js';
import type { ObjectBody, ObjectInfo, StagedWrite } from './object-store.js';

export interface LocalManifest {
  prefix: string;
  target: string;
}

export class LocalStagedWrite implements StagedWrite {
  private state: 'open' | 'committed' | 'aborted' = 'open';

  private constructor(
    private readonly store: LocalObjectStore,
    readonly prefix: string,
    private readonly entry: string,
  ) {}

  static async create(store: LocalObjectStore, prefix: string, entry: string): Promise<LocalStagedWrite> {
    await mkdir(join(entry, 'data'), { recursive: true });
    const manifest: LocalManifest = { prefix, target: store.localPath(prefix) };
    await writeFile(join(entry, 'manifest.json'), JSON.stringify(manifest));
    return new LocalStagedWrite(store, prefix, entry);
  }

  private get data(): string {
    return join(this.entry, 'data');
  }

  private assertOpen(action: string): void {
    if (this.state !== 'open')
      throw new SluiceError('InvalidStateException', `Cannot ${action}: the staged write to '${this.prefix}' was already ${this.state}`);
  }

  async write(key: string, body: ObjectBody): Promise<void> {
    this.assertOpen('write');
    checkObjectKey(key);
    const path = join(this.data, key);
    await rm(path, { force: true }); // a second write of the same key replaces the first
    await writeBody(path, body);
  }

  async localDir(): Promise<string> {
    this.assertOpen('use localDir');
    return this.data;
  }

  async commit(options: { replace?: boolean } = {}): Promise<ObjectInfo[]> {
    this.assertOpen('commit');
    if (!(await stat(this.data).catch(() => undefined))) {
      throw new SluiceError('InvalidStateException', `Cannot commit to '${this.prefix}': its staging ${this.entry} is gone (swept?)`);
    }
    const files: string[] = [];
    for await (const rel of walkFiles(this.data)) files.push(checkObjectKey(rel));
    const target = this.store.localPath(this.prefix);
    let swapped = false;
    if (options.replace) swapped = await this.swapFolder(target, files);
    if (!swapped) {
      for (const rel of files) await moveFile(join(this.data, rel), join(target, rel));
    }
    this.state = 'committed';
    await rm(this.entry, { recursive: true, force: true });
    const infos: ObjectInfo[] = [];
    for (const rel of files) {
      const info = await this.store.stat(joinKey(this.prefix, rel));
      if (info) infos.push(info);
    }
    return infos;
  }

  /**
   * Replaces the target folder by the staged one with two renames. Returns false when the new files
   * still have to be moved in one by one (root of the store, another filesystem, a racing writer);
   * in that case the old objects that are not rewritten are deleted here, after the move.
   */
  private async swapFolder(target: string, files: string[]): Promise<boolean> {
    const old = join(this.entry, 'old');
    if (this.prefix !== '') {
      let movedAside = true;
      try {
        await rename(target, old);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') movedAside = false;
        else if (code !== 'EXDEV') throw e;
        else return this.deleteOthersAfterMove(target, files);
      }
      try {
        await mkdir(dirname(target), { recursive: true });
        await rename(this.data, target);
      } catch (e) {
        // Put the old folder back before moving file by file.
        if (movedAside) await rename(old, target).catch(() => {});
        if (!['EXDEV', 'ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
        return this.deleteOthersAfterMove(target, files);
      }
      await rm(old, { recursive: true, force: true });
      return true;
    }
    return this.deleteOthersAfterMove(target, files);
  }

  private async deleteOthersAfterMove(target: string, files: string[]): Promise<true> {
    const folder = folderOf(this.prefix);
    const before = await this.store.keysUnder(folder);
    for (const rel of files) await moveFile(join(this.data, rel), join(target, rel));
    const kept = new Set(files.map((f) => folder + f));
    for (const key of before) if (!kept.has(key)) await this.store.delete(key);
    await pruneEmptyDirs(target, this.store.root);
    return true;
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    await rm(this.entry, { recursive: true, force: true });
  }
}
