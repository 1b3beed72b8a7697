// Turns the API's DataSource (a catalog table) into views in a query engine, through the catalog's
// own table-view code, so data quality reads tables exactly as `sluice query` does.
import type { Services } from '../../kernel/services.js';
import type { DataSource, GlueTable } from '../../kernel/glue-types.js';
import { invalidInput } from '../../kernel/errors.js';
import type { QueryEngine } from '../../engine/query-engine.js';
import { requireTable } from '../../catalog/common.js';
import { registerTableView } from '../../catalog/table-view.js';
import { ident } from '../eval/sql.js';

export function glueTable(source: DataSource | undefined): GlueTable {
  const t = source?.GlueTable ?? source?.DataQualityGlueTable;
  if (!t) throw invalidInput('DataSource must name a GlueTable (DatabaseName and TableName)');
  return t;
}

/** Fails with EntityNotFoundException when the database or table does not exist. */
export async function requireSourceTable(services: Services, source: DataSource | undefined, accountId: string) {
  const t = glueTable(source);
  return requireTable(services.store.db, t.CatalogId || accountId, t.DatabaseName, t.TableName);
}

/** Registers the table as a view (before any query: a sandboxed engine locks on the first one) and returns its SQL name. */
export async function registerSource(
  engine: QueryEngine,
  services: Services,
  source: DataSource | undefined,
  accountId: string,
  viewName: string,
): Promise<string> {
  const t = glueTable(source);
  const catalogId = t.CatalogId || accountId;
  const table = await requireTable(services.store.db, catalogId, t.DatabaseName, t.TableName);
  await registerTableView(engine, services.store.db, catalogId, table, { viewName });
  return viewName.split('.').map(ident).join('.');
}

/** Registers the primary source and every additional one; returns their SQL relations. */
export async function registerSources(
  engine: QueryEngine,
  services: Services,
  accountId: string,
  primary: DataSource,
  additional: Record<string, DataSource> = {},
) {
  const primarySql = await registerSource(engine, services, primary, accountId, 'dq_sources.primary_data');
  const refs: Record<string, string> = {};
  let i = 0;
  for (const [alias, source] of Object.entries(additional))
    refs[alias] = await registerSource(engine, services, source, accountId, `dq_sources.ref_${i++}`);
  return { primary: primarySql, additional: refs };
}
