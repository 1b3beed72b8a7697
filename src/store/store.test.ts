import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './store.js';

describe('SQLite transactions', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-store-'));
    store = await openStore({ kind: 'sqlite', path: join(dir, 'metadata.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hold the write lock from their start, so a write after another process wrote cannot fail with "database is locked"', async () => {
    // Another process's connection; without a busy timeout it reports a held lock at once instead of waiting.
    const other = new Database(join(dir, 'metadata.db'), { timeout: 0 });
    try {
      const job = (name: string) => ({ name, doc: '{}', run_seq: 0, created_on: 0, updated_on: 0 });
      await store.transaction(async (trx) => {
        await trx.selectFrom('jobs').select('name').execute();
        // Begun DEFERRED, the transaction would hold only a read snapshot here: the other write would
        // go through, and the insert below would then fail with SQLITE_BUSY ("database is locked").
        expect(() => other.prepare("INSERT INTO jobs (name, doc, created_on, updated_on) VALUES ('b', '{}', 0, 0)").run()).toThrow(
          /locked/,
        );
        await trx.insertInto('jobs').values(job('a')).execute();
      });
      other.prepare("INSERT INTO jobs (name, doc, created_on, updated_on) VALUES ('b', '{}', 0, 0)").run();
      expect((await store.db.selectFrom('jobs').select('name').orderBy('name').execute()).map((r) => r.name)).toEqual(['a', 'b']);
    } finally {
      other.close();
    }
  });
});
