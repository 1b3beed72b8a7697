// Local-only behaviour the conformance suite cannot reach: crash recovery of a replace, staging on
// another filesystem (EXDEV) and the layout of staging.
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from './local-object-store.js';

const dirs: string[] = [];
const tempDir = (base = tmpdir()) => {
  const d = mkdtempSync(join(base, 'sluice-local-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const keysOf = async (store: LocalObjectStore, prefix = '') => {
  const keys: string[] = [];
  for await (const o of store.list(prefix)) keys.push(o.key);
  return keys;
};

describe('LocalObjectStore', () => {
  it('keeps staging in a hidden folder of the root and names urls and paths', async () => {
    const root = tempDir();
    const store = new LocalObjectStore(root);
    expect(store.url).toBe(`file://${root}`);
    expect(store.urlOf('raw/a b.csv')).toBe(`file://${root}/raw/a%20b.csv`);
    expect(store.localPath('raw/a.csv')).toBe(join(root, 'raw/a.csv'));
    const staged = await store.stage('raw');
    await staged.write('a.csv', 'x');
    expect(readdirSync(join(root, '.sluice-staging'))).toHaveLength(1);
    expect(await keysOf(store)).toEqual([]);
    await staged.commit();
    expect(readdirSync(join(root, '.sluice-staging'))).toEqual([]);
  });

  it('sweep rolls back a replace that died between moving the old folder aside and moving the new one in', async () => {
    const root = tempDir();
    const store = new LocalObjectStore(root);
    await store.write('t/old.parquet', 'old');
    const staged = await store.stage('t');
    await staged.write('new.parquet', 'new');
    // Recreate the moment of the crash: the first rename of commit({ replace: true }) has happened.
    const entry = dirname(await staged.localDir());
    renameSync(join(root, 't'), join(entry, 'old'));
    expect(await keysOf(store)).toEqual([]);
    expect(await store.sweep(0)).toBe(1);
    expect(await keysOf(store)).toEqual(['t/old.parquet']);
    expect(existsSync(entry)).toBe(false);
  });

  it('refuses to stage into a folder that holds its own staging', async () => {
    const root = tempDir();
    const store = new LocalObjectStore(root, { stagingDir: join(root, 'lake', '.sluice-staging') });
    await expect(store.stage('lake')).rejects.toThrow(/contains the staging folder/);
  });

  it('explains writes that collide with folders', async () => {
    const store = new LocalObjectStore(tempDir());
    await store.write('a/b.csv', 'x');
    await expect(store.write('a', 'y')).rejects.toMatchObject({ type: 'InvalidInputException', message: /'a'.*folder/ });
    await expect(store.write('a/b.csv/c', 'y')).rejects.toMatchObject({ type: 'InvalidInputException', message: /'a\/b\.csv\/c'.*parent/ });
    expect(await keysOf(store)).toEqual(['a/b.csv']);
  });

  // /dev/shm is a tmpfs on Linux: staging there and data in the temp folder forces EXDEV on rename.
  const shm = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev;
  it.skipIf(!shm)('still writes and commits atomically when staging is on another filesystem', async () => {
    const root = tempDir();
    const store = new LocalObjectStore(root, { stagingDir: join(tempDir('/dev/shm'), 'staging') });
    await store.write('a.csv', 'one');
    expect(await store.readBytes('a.csv')).toEqual(Buffer.from('one'));
    await store.write('t/x', 'old');
    const staged = await store.stage('t');
    await staged.write('y', 'new');
    await staged.commit({ replace: true });
    expect(await keysOf(store)).toEqual(['a.csv', 't/y']);
    expect(readdirSync(join(root, 't'))).toEqual(['y']); // no temporary files left beside the data
  });
});
