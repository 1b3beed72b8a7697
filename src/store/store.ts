// The MetadataStore seam: one Kysely schema and one set of queries; the dialect only opens the
// connection and runs migrations. SQLite (a file in .sluice/) is the embedded default.
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DB } from './schema.js';
import { migrations } from './migrations/index.js';

export type StoreConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

export interface Store {
  readonly kind: StoreConfig['kind'];
  readonly db: Kysely<DB>;
  /** Runs fn in one transaction; everything it writes is committed together or not at all. */
  transaction<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  const db = new Kysely<DB>({ dialect: config.kind === 'sqlite' ? sqliteDialect(config.path) : await postgresDialect(config.url) });
  await migrate(db);
  return {
    kind: config.kind,
    db,
    transaction: (fn) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}

/**
 * Transactions begin IMMEDIATE: each takes SQLite's write lock as it starts, so a writer waits for
 * another process's transaction (busy_timeout) instead of failing with "database is locked", which
 * is what SQLite answers when a transaction that began by reading later tries to write after
 * another process has written in between (its snapshot can no longer become a write).
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): SqliteDriver {
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      }
    })(this.settings);
  }
}

function sqliteDialect(path: string) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  // WAL lets background runs write while the CLI or server reads; busy_timeout makes concurrent
  // writers from several processes wait for each other instead of failing with SQLITE_BUSY.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 10000');
  database.pragma('foreign_keys = ON');
  return new ImmediateSqliteDialect({ database });
}

async function postgresDialect(url: string) {
  // Loaded only for PostgreSQL stores: an embedded (SQLite) project never pays for it.
  const { default: pg } = await import('pg');
  // int8 (bigint) comes back as a JS number: our bigints are epoch milliseconds, far below 2^53.
  const types = {
    getTypeParser: (oid: number, format?: any) => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)),
  };
  // A process cut off mid-transaction (a network partition, a stopped machine) would hold its row
  // locks until TCP gives up, minutes later, stalling every other writer (src/cluster/): the server
  // ends such a session instead. Sluice's transactions never wait on the client for this long.
  const pool = new pg.Pool({ connectionString: url, max: 10, types, options: '-c idle_in_transaction_session_timeout=15000' });
  // An idle connection the server closes (a restart, pg_terminate_backend, a dropped database) is
  // reported on the pool; the pool has already discarded it and reconnects on the next query, so it
  // must not become an uncaught exception that kills the server or a run.
  pool.on('error', () => {});
  return new PostgresDialect({ pool });
}

/** One query instead of the Migrator's several when nothing is left to run (every run's worker opens the store). */
async function upToDate(db: Kysely<DB>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
    const done = new Set(rows.map((r) => r.name));
    return Object.keys(migrations).every((name) => done.has(name));
  } catch {
    return false; // a new store: no migration table yet
  }
}

async function migrate(db: Kysely<DB>) {
  if (await upToDate(db)) return;
  // Concepts add migrations independently; a store may have run a later-numbered one first.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  let { error, results } = await migrator.migrateToLatest();
  // Two processes opening a fresh SQLite store race: Kysely's migration lock is a no-op there. Each
  // migration runs in its own transaction, so the loser's failed attempt left nothing; by now the
  // winner has recorded it, and trying again finds nothing left to do.
  for (let attempt = 0; error && attempt < 5; attempt++) {
    await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`metadata store migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
