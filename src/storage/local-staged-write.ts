// A multi-object write on the local filesystem. Layout of one staging entry:
//   <staging>/<id>/manifest.json  the target, so sweep() can roll back an interrupted replace
//   <staging>/<id>/data/          staged files (also the localDir() handed to DuckDB)
//   <staging>/<id>/old/           during a replace, the previous contents of the target folder
// Committing is sealing (listing what was staged) and completing (local-complete.ts), which any
// process can resume from the entry alone.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SluiceError } from '../kernel/errors.js';
import { checkObjectKey, compareKeys } from './keys.js';
import { walkFiles, writeBody } from './fs-util.js';
import type { LocalObjectStore } from './local-object-store.js';
import type { ObjectBody, ObjectInfo, SealedStage, StagedWrite } from './object-store.js';

export interface LocalManifest {
  prefix: string;
  target: string;
}

export class LocalStagedWrite implements StagedWrite {
  private state: 'open' | 'sealed' | 'committed' | 'aborted' = 'open';

  private constructor(
    private readonly store: LocalObjectStore,
    readonly prefix: string,
    private readonly id: string,
  ) {}

  static async create(store: LocalObjectStore, prefix: string, id: string): Promise<LocalStagedWrite> {
    const entry = join(store.stagingDir, id);
    await mkdir(join(entry, 'data'), { recursive: true });
    const manifest: LocalManifest = { prefix, target: store.localPath(prefix) };
    await writeFile(join(entry, 'manifest.json'), JSON.stringify(manifest));
    return new LocalStagedWrite(store, prefix, id);
  }

  private get entry(): string {
    return join(this.store.stagingDir, this.id);
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

  async seal(options: { replace?: boolean } = {}): Promise<SealedStage> {
    this.assertOpen('commit');
    if (!(await stat(this.data).catch(() => undefined))) {
      throw new SluiceError('InvalidStateException', `Cannot commit to '${this.prefix}': its staging ${this.entry} is gone (swept?)`);
    }
    const files: string[] = [];
    for await (const rel of walkFiles(this.data)) files.push(checkObjectKey(rel));
    this.state = 'sealed';
    return { id: this.id, prefix: this.prefix, files: files.sort(compareKeys), replace: options.replace === true };
  }

  async commit(options: { replace?: boolean } = {}): Promise<ObjectInfo[]> {
    const sealed = await this.seal(options);
    const infos = await this.store.completeStaged(sealed);
    this.state = 'committed';
    return infos;
  }

  async abort(): Promise<void> {
    if (this.state === 'committed' || this.state === 'aborted') return;
    this.state = 'aborted';
    await rm(this.entry, { recursive: true, force: true });
  }
}
