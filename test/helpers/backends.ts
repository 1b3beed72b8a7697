// Test fixtures shared by the conformance suites: a temporary project, opened over SQLite or over
// a fresh PostgreSQL database that is dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { initProject } from '../../src/config/project.js';
import { openSluice, type Sluice } from '../../src/config/compose.js';
import type { StoreConfig } from '../../src/store/store.js';

export const PG_ADMIN_URL = process.env.SLUICE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgAvailable: boolean | undefined;

/** In CI PostgreSQL is required; on a laptop without it the PostgreSQL suites are skipped with a message. */
export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== undefined) return pgAvailable;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    pgAvailable = true;
  } catch (e) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI but ${PG_ADMIN_URL} is unreachable: ${(e as Error).message}`);
    console.warn(`PostgreSQL at ${PG_ADMIN_URL} is unreachable; skipping the PostgreSQL conformance suites.`);
    pgAvailable = false;
  } finally {
    await client.end().catch(() => {});
  }
  return pgAvailable;
}

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];

export interface TestProject {
  dir: string;
  sluice: Sluice;
  /** The metadata store it was opened with (for child processes opening the same project). */
  storeConfig: StoreConfig;
  cleanup(): Promise<void>;
}

/** A fresh project in a temporary folder, with its metadata in the given backend. */
export async function openTestProject(backend: Backend = 'sqlite'): Promise<TestProject> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-test-'));
  const project = initProject(dir);
  let store: StoreConfig = { kind: 'sqlite', path: join(dir, '.sluice', 'metadata.db') };
  let dropDb: (() => Promise<void>) | undefined;
  if (backend === 'postgres') {
    const name = `sluice_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    store = { kind: 'postgres', url: url.toString() };
    dropDb = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const sluice = await openSluice({ project, store });
  return {
    dir,
    sluice,
    storeConfig: store,
    async cleanup() {
      await sluice.close();
      await dropDb?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
