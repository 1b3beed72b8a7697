// The ObjectStore seam's behaviour, run against every backend: the local filesystem and S3 (the
// in-process server of test/helpers/s3-server.ts). Each test gets a fresh, empty store.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGlueError } from '../helpers/expect-error.js';
import { S3_TEST_PAGE_SIZE, localBackend, s3Backend } from '../helpers/object-store-backends.js';
import type { ObjectStore } from '../../src/storage/object-store.js';

const keysOf = async (store: ObjectStore, prefix = '') => {
  const keys: string[] = [];
  for await (const o of store.list(prefix)) keys.push(o.key);
  return keys;
};
const text = async (store: ObjectStore, key: string) => (await store.readBytes(key)).toString('utf8');

for (const backend of [localBackend(), s3Backend()]) {
  describe(`ObjectStore on ${backend.name}`, () => {
    beforeAll(() => backend.setUp());
    afterAll(() => backend.tearDown());
    const fresh = async () => (await backend.fresh()).store;

    it('writes Buffers, strings and streams and reads them back whole', async () => {
      const store = await fresh();
      const info = await store.write('raw/a.bin', Buffer.from([0, 1, 2, 255]));
      expect(info).toMatchObject({ key: 'raw/a.bin', size: 4 });
      expect(info.lastModified).toBeInstanceOf(Date);
      await store.write('raw/b.txt', 'héllo');
      await store.write('raw/c.txt', Readable.from([Buffer.from('one,'), Buffer.from('two')]));
      expect([...(await store.readBytes('raw/a.bin'))]).toEqual([0, 1, 2, 255]);
      expect(await text(store, 'raw/b.txt')).toBe('héllo');
      expect((await store.stat('raw/b.txt'))?.size).toBe(6);
      const chunks: Buffer[] = [];
      for await (const c of await store.read('raw/c.txt')) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('one,two');
      await store.write('raw/b.txt', 'replaced');
      expect(await text(store, 'raw/b.txt')).toBe('replaced');
      expect(await keysOf(store)).toEqual(['raw/a.bin', 'raw/b.txt', 'raw/c.txt']);
    });

    it('reports missing objects: stat → undefined, read → EntityNotFoundException naming the key', async () => {
      const store = await fresh();
      await store.write('raw/there.csv', 'x');
      expect(await store.stat('raw/missing.csv')).toBeUndefined();
      expect(await store.stat('raw')).toBeUndefined(); // a folder is not an object
      await expectGlueError(store.read('raw/missing.csv'), 'EntityNotFoundException', /raw\/missing\.csv/);
      await expectGlueError(store.readBytes('raw/missing.csv'), 'EntityNotFoundException', /raw\/missing\.csv/);
      await expectGlueError(store.readBytes('raw'), 'EntityNotFoundException', /'raw'/);
    });

    it('a failing body stream leaves no object behind', async () => {
      const store = await fresh();
      await store.write('raw/keep.csv', 'old');
      const broken = new Readable({
        read() {
          this.destroy(new Error('source went away'));
        },
      });
      await expect(store.write('raw/keep.csv', broken)).rejects.toThrow(/source went away/);
      await expect(
        store.write(
          'raw/new.csv',
          Readable.from(
            (async function* () {
              yield 'partial';
              throw new Error('boom');
            })(),
          ),
        ),
      ).rejects.toThrow(/boom/);
      expect(await keysOf(store)).toEqual(['raw/keep.csv']);
      expect(await text(store, 'raw/keep.csv')).toBe('old');
    });

    it('lists recursively in UTF-8 key order with plain string-prefix semantics', async () => {
      const store = await fresh();
      const keys = ['b', 'a/c', 'a-b', 'a/b/d', 'Z', 'ä/x', 'a/b/e.csv', 'ab'];
      for (const k of keys) await store.write(k, k);
      expect(await keysOf(store)).toEqual(['Z', 'a-b', 'a/b/d', 'a/b/e.csv', 'a/c', 'ab', 'b', 'ä/x']);
      expect(await keysOf(store, 'a')).toEqual(['a-b', 'a/b/d', 'a/b/e.csv', 'a/c', 'ab']);
      expect(await keysOf(store, 'a/')).toEqual(['a/b/d', 'a/b/e.csv', 'a/c']);
      expect(await keysOf(store, 'a/b/e')).toEqual(['a/b/e.csv']);
      expect(await keysOf(store, 'nope/')).toEqual([]);
      const infos = [];
      for await (const o of store.list('a/b/')) infos.push(o);
      expect(infos.map((o) => o.size)).toEqual([5, 9]);
    });

    // Locally over 1,000 keys; on S3 the store asks for pages of S3_TEST_PAGE_SIZE keys (writing
    // 1,000 objects to s3rver takes ~10 s), so 250 keys still take three pages and two tokens.
    const many = backend.name === 's3' ? 250 : 1205;
    it(`lists ${many} keys completely and in order, across pages`, async () => {
      const store = await fresh();
      const keys = Array.from({ length: many }, (_, i) => `many/k${String(i).padStart(5, '0')}`);
      for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((k) => store.write(k, '')));
      await store.write('many0', 'outside the folder');
      expect(await keysOf(store, 'many/')).toEqual(keys);
      if (backend.name === 's3') expect(many).toBeGreaterThan(2 * S3_TEST_PAGE_SIZE);
    });

    it('deletes objects; deleting a missing key or a folder is not an error', async () => {
      const store = await fresh();
      await store.write('x/y/z.csv', '1');
      await store.write('x/w.csv', '2');
      await store.delete('x/y/z.csv');
      await store.delete('x/y/z.csv');
      await store.delete('x');
      expect(await keysOf(store)).toEqual(['x/w.csv']);
      // With x/y gone, 'x/y' may now be an object itself.
      await store.write('x/y', 'file');
      expect(await keysOf(store)).toEqual(['x/w.csv', 'x/y']);
    });

    it('rejects bad keys with InvalidInputException naming the key', async () => {
      const store = await fresh();
      for (const bad of ['/abs', 'a/../b', './a', 'a//b', '', 'dir/', '.sluice-staging/x', 'a\\b']) {
        await expectGlueError(store.write(bad, 'x'), 'InvalidInputException', bad === '' ? /empty/ : bad);
      }
      await expectGlueError(store.readBytes('../etc/passwd'), 'InvalidInputException', /'\.\.\/etc\/passwd'/);
      await expectGlueError((async () => store.list('../x')[Symbol.asyncIterator]().next())(), 'InvalidInputException', /prefix '\.\.\/x'/);
      await expectGlueError(store.stage('a/../..'), 'InvalidInputException', /a\/\.\.\/\.\./);
      expect(await keysOf(store)).toEqual([]);
    });

    it('stage: nothing is visible until commit, then everything is', async () => {
      const store = await fresh();
      await store.write('out/keep.csv', 'old');
      const staged = await store.stage('out');
      await staged.write('a.csv', 'A');
      await staged.write('sub/b.csv', Readable.from(['B']));
      const dir = await staged.localDir();
      mkdirSync(join(dir, 'dt=2024-01-01'), { recursive: true });
      writeFileSync(join(dir, 'dt=2024-01-01', 'part-0.parquet'), 'P');
      expect(await keysOf(store)).toEqual(['out/keep.csv']);
      expect(await store.stat('out/a.csv')).toBeUndefined();
      const committed = await staged.commit();
      expect(committed.map((o) => [o.key, o.size])).toEqual([
        ['out/a.csv', 1],
        ['out/dt=2024-01-01/part-0.parquet', 1],
        ['out/sub/b.csv', 1],
      ]);
      expect(await keysOf(store)).toEqual(['out/a.csv', 'out/dt=2024-01-01/part-0.parquet', 'out/keep.csv', 'out/sub/b.csv']);
      expect(await text(store, 'out/dt=2024-01-01/part-0.parquet')).toBe('P');
      await expectGlueError(staged.commit(), 'InvalidStateException', /already committed/);
      await expectGlueError(staged.write('c.csv', 'C'), 'InvalidStateException');
    });

    it('stage with replace swaps the folder and leaves its siblings alone', async () => {
      const store = await fresh();
      for (const k of [
        't/orders/old1.parquet',
        't/orders/dt=1/old2.parquet',
        't/orders/same.parquet',
        't/orders2/x',
        't/orders-b',
        't/other',
      ])
        await store.write(k, 'old');
      const staged = await store.stage('t/orders/');
      await staged.write('same.parquet', 'new');
      await staged.write('dt=2/new.parquet', 'new');
      expect(await keysOf(store, 't/orders/')).toEqual(['t/orders/dt=1/old2.parquet', 't/orders/old1.parquet', 't/orders/same.parquet']);
      await staged.commit({ replace: true });
      expect(await keysOf(store)).toEqual(['t/orders-b', 't/orders/dt=2/new.parquet', 't/orders/same.parquet', 't/orders2/x', 't/other']);
      expect(await text(store, 't/orders/same.parquet')).toBe('new');
      // Replacing a folder that does not exist yet simply creates it.
      const first = await store.stage('t/fresh');
      await first.write('a', '1');
      await first.commit({ replace: true });
      expect(await keysOf(store, 't/fresh/')).toEqual(['t/fresh/a']);
    });

    it('stage into the root, with and without replace', async () => {
      const store = await fresh();
      await store.write('old.csv', 'o');
      const a = await store.stage('');
      await a.write('x/a.csv', 'a');
      await a.commit();
      expect(await keysOf(store)).toEqual(['old.csv', 'x/a.csv']);
      const b = await store.stage('');
      await b.write('b.csv', 'b');
      await b.commit({ replace: true });
      expect(await keysOf(store)).toEqual(['b.csv']);
    });

    it('a sealed stage completes from its description alone, resumed after a crash part-way, and survives a sweep that keeps it', async () => {
      const store = await fresh();
      for (const k of ['t/o/old.parquet', 't/o/same.parquet', 't/o2/x']) await store.write(k, 'old');
      for (const replace of [false, true]) {
        const staged = await store.stage('t/o');
        for (const k of ['same.parquet', 'dt=1/a.parquet', 'dt=2/b.parquet']) await staged.write(k, `new-${replace}`);
        const sealed = await staged.seal({ replace });
        expect(sealed.files).toEqual(['dt=1/a.parquet', 'dt=2/b.parquet', 'same.parquet']);
        expect(await text(store, 't/o/same.parquet')).not.toBe(`new-${replace}`); // nothing visible yet
        // A sweep that is told to keep it (a recorded commit intent) leaves it, even at age 0.
        expect(await store.sweep(0, { keep: async () => new Set([sealed.id]) })).toBe(0);
        // The first completion dies after its first move (local: a replace swaps the whole folder at once).
        let moves = 0;
        const crash = store.completeStaged(sealed, {
          onMoved: () => {
            if (++moves === 1) throw new Error('killed');
          },
        });
        await expect(crash).rejects.toThrow('killed');
        await store.completeStaged(sealed);
        await store.completeStaged(sealed); // again: a no-op
        const expected = replace
          ? ['t/o/dt=1/a.parquet', 't/o/dt=2/b.parquet', 't/o/same.parquet', 't/o2/x']
          : ['t/o/dt=1/a.parquet', 't/o/dt=2/b.parquet', 't/o/old.parquet', 't/o/same.parquet', 't/o2/x'];
        expect(await keysOf(store)).toEqual(expected);
        expect(await text(store, 't/o/dt=2/b.parquet')).toBe(`new-${replace}`);
        expect(await store.sweep(0)).toBe(0); // no staging left
      }
      // A sealed stage whose staging was swept is refused, and nothing is deleted.
      const swept = await store.stage('t/o');
      await swept.write('c.parquet', 'c');
      const sealed = await swept.seal({ replace: true });
      await store.sweep(0);
      await expectGlueError(store.completeStaged(sealed), 'InvalidStateException', /neither staged .* nor in place/);
      expect(await keysOf(store, 't/o/')).toHaveLength(3);
    });

    it('abort discards everything staged; sweep leaves live writers alone', async () => {
      const store = await fresh();
      const aborted = await store.stage('out');
      await aborted.write('a.csv', 'A');
      writeFileSync(join(await aborted.localDir(), 'b.csv'), 'B');
      await aborted.abort();
      await aborted.abort();
      await expectGlueError(aborted.commit(), 'InvalidStateException', /already aborted/);
      expect(await keysOf(store)).toEqual([]);
      expect(await store.sweep(0)).toBe(0); // abort left nothing to sweep

      const live = await store.stage('out');
      await live.write('a.csv', 'A');
      expect(await store.sweep()).toBe(0); // its writer (this process) is alive
      await live.commit();
      expect(await keysOf(store)).toEqual(['out/a.csv']);

      const forgotten = await store.stage('out');
      await forgotten.write('z.csv', 'Z');
      expect(await store.sweep(0)).toBe(1); // 0: everything staged goes, the caller vouches no writer runs
      await expectGlueError(forgotten.commit(), 'InvalidStateException', /staging .* is gone/);
      expect(await keysOf(store)).toEqual(['out/a.csv']);
    });

    it('a writer killed with SIGKILL mid-write leaves nothing visible, and sweep removes its leftovers', async () => {
      const { store, spec } = await backend.fresh();
      await store.write('out/before.csv', 'kept');
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('../helpers/killed-writer.ts', import.meta.url)), JSON.stringify(spec)],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<NodeJS.Signals | null>((ok) => child.on('exit', (_code, signal) => ok(signal)));
      await new Promise<void>((ok, ko) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && ok());
        child.on('exit', (code) => ko(new Error(`the writer exited (${code}) before it was killed: ${stderr}`)));
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      expect(await keysOf(store)).toEqual(['out/before.csv']);
      expect(await store.stat('big.bin')).toBeUndefined();
      expect(await store.stat('out/a.csv')).toBeUndefined();
      // The writer is dead, so the default sweep takes its leftovers: the staged a.csv, the localDir
      // file and, locally, the partial temporary file of big.bin (on S3 that is an unfinished multipart
      // upload, which s3rver cannot list: it is invisible and left to the bucket's lifecycle rules).
      expect(await store.sweep()).toBe(backend.name === 'local' ? 3 : 2);
      expect(await store.sweep(0)).toBe(0);
      expect(await keysOf(store)).toEqual(['out/before.csv']);
    });
  });
}
