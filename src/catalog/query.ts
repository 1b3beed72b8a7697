// SQL over catalog tables (`sluice query`): every db.table the SQL names becomes a view over the
// table's files (table-view.ts), then the SQL runs in a sandboxed engine that can read nothing else.
import { SluiceError, notFound } from '../kernel/errors.js';
import type { Services } from '../kernel/services.js';
import type { QueryResult } from '../engine/query-engine.js';
import { findTable, norm } from './common.js';
import { registerTableView } from './table-view.js';
import { maskedColumns, type PiiReadCheck } from './column-masking.js';

export interface CatalogQueryOptions {
  /** Default: the account's own catalog. */
  catalogId?: string;
  /** Returns at most this many rows (and truncated: true when there were more). */
  maxRows?: number;
  /** Checks that the caller may read a table before it is registered (the HTTP face's policies). */
  authorizeTable?: (database: string, table: string) => Promise<void>;
  /** Whether the caller may read a PII column unmasked; without it every column reads as stored. */
  mayReadPii?: PiiReadCheck;
}

export async function queryCatalog(services: Services, sql: string, options: CatalogQueryOptions = {}): Promise<QueryResult> {
  try {
    return await attempt(services, sql, options, false);
  } catch (e) {
    // Files written before the table's schema grew lack the new columns, and the catalog did not
    // say so: read again matching every file's columns by name (slower: no file is skipped unopened).
    if (!(e instanceof SluiceError && e.type === 'InvalidInputException' && /schema mismatch/i.test(e.message))) throw e;
    return attempt(services, sql, options, true);
  }
}

async function attempt(services: Services, sql: string, options: CatalogQueryOptions, unionByName: boolean): Promise<QueryResult> {
  const catalogId = options.catalogId ?? services.config.account.id;
  const engine = await services.openEngine({ sandbox: true });
  try {
    for (const ref of await engine.referencedTables(sql)) {
      // Names without a database are CTEs or DuckDB's own tables; catalog tables are database.table.
      if (!ref.schema || ref.catalog) continue;
      const [database, name] = [norm(ref.schema), norm(ref.name)];
      await options.authorizeTable?.(database, name);
      const table = await findTable(services.store.db, catalogId, database, name);
      if (!table) throw notFound(`Table ${database}.${name} not found in the Data Catalog`);
      const masked = (await maskedColumns(table, options.mayReadPii)).map((c) => c.name);
      await registerTableView(engine, services.store.db, catalogId, table, { viewName: `${database}.${name}`, unionByName, masked });
    }
    return await engine.query(sql, { maxRows: options.maxRows });
  } finally {
    await engine.close();
  }
}
