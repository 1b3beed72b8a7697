// The MetadataStore seam: migrations, transactions and concurrent writers, on SQLite and PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { openStore, type StoreConfig } from '../../src/store/store.js';
import { PG_ADMIN_URL, postgresAvailable } from '../helpers/backends.js';

const hasPg = await postgresAvailable();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function freshConfig(kind: 'sqlite' | 'postgres'): Promise<StoreConfig> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-store-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return { kind, path: join(dir, 'nested', 'metadata.db') };
  }
  const name = `sluice_store_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { kind, url: url.toString() };
}

const row = (name: string) => ({ catalog_id: '1', name, doc: '{}', create_time: Date.now() });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe.skipIf(kind === 'postgres' && !hasPg)(`metadata store on ${kind}`, () => {
    it('migrates a fresh store, and opening it again (even twice at once) migrates nothing twice', async () => {
      const config = await freshConfig(kind);
      const [a, b] = await Promise.all([openStore(config), openStore(config)]);
      await a.db.insertInto('catalog_databases').values(row('x')).execute();
      expect(await b.db.selectFrom('catalog_databases').select('name').execute()).toEqual([{ name: 'x' }]);
      await Promise.all([a.close(), b.close()]);
      const c = await openStore(config);
      const migrations = await c.db
        .selectFrom('kysely_migration' as any)
        .selectAll()
        .execute();
      expect(migrations.length).toBeGreaterThan(0);
      expect(new Set(migrations.map((m: any) => m.name)).size).toBe(migrations.length);
      await c.close();
    });

    it('commits a transaction whole or not at all', async () => {
      const store = await openStore(await freshConfig(kind));
      await expect(
        store.transaction(async (trx) => {
          await trx.insertInto('catalog_databases').values(row('a')).execute();
          await trx.insertInto('catalog_databases').values(row('a')).execute(); // duplicate key
        }),
      ).rejects.toThrow();
      expect(await store.db.selectFrom('catalog_databases').selectAll().execute()).toEqual([]);
      await store.close();
    });

    it('reads bigints back as numbers', async () => {
      const store = await openStore(await freshConfig(kind));
      await store.db
        .insertInto('catalog_databases')
        .values({ ...row('t'), create_time: 1_700_000_000_123 })
        .execute();
      const r = await store.db.selectFrom('catalog_databases').select('create_time').executeTakeFirstOrThrow();
      expect(r.create_time).toBe(1_700_000_000_123);
      await store.close();
    });

    it('lets several processes write at once without losing a row', async () => {
      const config = await freshConfig(kind);
      (await openStore(config)).close();
      const script = `
        import { openStore } from './src/store/store.ts';
        const s = await openStore(JSON.parse(process.argv[1]));
        for (let i = 0; i < 25; i++) {
          await s.transaction(async (t) => { await t.insertInto('catalog_databases').values({ catalog_id: '1', name: process.argv[2] + '-' + i, doc: '{}', create_time: Date.now() }).execute(); });
        }
        await s.close();`;
      const runs = ['p', 'q', 'r'].map(
        (tag) =>
          new Promise<number>((resolve) => {
            const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify(config), tag], {
              stdio: 'inherit',
            });
            child.on('exit', (code) => resolve(code ?? -1));
          }),
      );
      expect(await Promise.all(runs)).toEqual([0, 0, 0]);
      const store = await openStore(config);
      const n = await store.db
        .selectFrom('catalog_databases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(75);
      await store.close();
    });
  });
}
