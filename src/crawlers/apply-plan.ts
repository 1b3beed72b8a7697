// Writes a crawl's plan into the catalog, inside the caller's transaction (which also ends the crawl),
// so readers see all of a crawl's changes or none. Every table change is a new version; statistics
// alone are rewritten in place, keeping the version.
import { crashPoint } from '../runs/crash-points.js';
import type { Transaction } from 'kysely';
import type { Table, TableInput } from '../kernel/glue-types.js';
import { findTable, norm } from '../catalog/common.js';
import {
  deletePartitionRow,
  partitionDocs,
  partitionFromInput,
  partitionRow,
  replacePartitionRow,
  valuesKey,
} from '../catalog/partition-rows.js';
import { deleteTableRows, saveTable, tableFromInput } from '../catalog/tables.js';
import type { DB } from '../store/schema.js';
import { emptyCounts, type CrawlCounts } from './crawl-store.js';
import type { CrawlPlan } from './crawl-plan.js';
import type { PlannedTable } from './plan.js';

export async function ensureDatabase(trx: Transaction<DB>, catalogId: string, name: string): Promise<void> {
  const exists = await trx
    .selectFrom('catalog_databases')
    .select('name')
    .where('catalog_id', '=', catalogId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (exists) return;
  const now = new Date();
  const doc = {
    Name: name,
    CreateTime: now,
    CatalogId: catalogId,
    CreateTableDefaultPermissions: [{ Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Permissions: ['ALL'] }],
  };
  await trx
    .insertInto('catalog_databases')
    .values({ catalog_id: catalogId, name, doc: JSON.stringify(doc), create_time: now.getTime() })
    .execute();
}

async function refreshInPlace(trx: Transaction<DB>, catalogId: string, table: Table): Promise<void> {
  const doc = JSON.stringify(table);
  const where = { catalog_id: catalogId, database_name: table.DatabaseName!, name: table.Name };
  await trx
    .updateTable('catalog_tables')
    .set({ doc, update_time: table.UpdateTime!.getTime() })
    .where('catalog_id', '=', where.catalog_id)
    .where('database_name', '=', where.database_name)
    .where('name', '=', where.name)
    .execute();
  await trx
    .updateTable('catalog_table_versions')
    .set({ doc })
    .where('catalog_id', '=', where.catalog_id)
    .where('database_name', '=', where.database_name)
    .where('table_name', '=', where.name)
    .where('version_id', '=', Number(table.VersionId))
    .execute();
}

async function writeTable(
  trx: Transaction<DB>,
  catalogId: string,
  database: string,
  p: PlannedTable,
  write: TableInput,
  createdBy: string,
): Promise<Table> {
  const current = p.existing ? await findTable(trx, catalogId, database, p.name) : undefined;
  const version = current ? Number(current.VersionId) + (p.action === 'refresh' ? 0 : 1) : 0;
  const table = tableFromInput(write, {
    database,
    catalogId,
    createTime: current?.CreateTime ?? new Date(),
    version,
    createdBy: current?.CreatedBy ?? createdBy,
  });
  if (p.action === 'refresh' && current) await refreshInPlace(trx, catalogId, table);
  else await saveTable(trx, catalogId, table, !current);
  return table;
}

export async function applyPlan(trx: Transaction<DB>, catalogId: string, plan: CrawlPlan, createdBy: string): Promise<CrawlCounts> {
  const counts = emptyCounts();
  const database = norm(plan.database);
  await ensureDatabase(trx, catalogId, database);
  for (const p of plan.tables) {
    if (p.action === 'delete') {
      if (await deleteTableRows(trx, catalogId, database, p.name)) counts.tablesDeleted++;
      continue;
    }
    let table = p.existing;
    if (p.write) {
      table = await writeTable(trx, catalogId, database, p, p.write, createdBy);
      if (p.action === 'create') counts.tablesCreated++;
      else if (p.action === 'update') counts.tablesUpdated++;
      else if (p.action === 'deprecate') counts.tablesDeprecated++;
    }
    if (!table) continue;
    const now = new Date();
    for (const input of p.partitions.create) {
      await trx
        .insertInto('catalog_partitions')
        .values(partitionRow(catalogId, partitionFromInput(input, table, catalogId, now)))
        .execute();
      counts.partitionsCreated++;
      crashPoint('crawl-partitions');
    }
    const rewritten = [...p.partitions.update, ...p.partitions.refresh];
    // A rewritten partition keeps the time it was first created.
    const docs = rewritten.length
      ? await partitionDocs(
          trx,
          catalogId,
          table,
          rewritten.map((x) => valuesKey(x.Values!)),
        )
      : new Map<string, string>();
    for (const input of rewritten) {
      const created = JSON.parse(docs.get(valuesKey(input.Values!)) ?? '{}').CreationTime;
      await replacePartitionRow(
        trx,
        catalogId,
        table,
        input.Values!,
        partitionFromInput(input, table, catalogId, created ? new Date(created) : now),
      );
    }
    counts.partitionsUpdated += p.partitions.update.length;
    for (const values of p.partitions.delete) if (await deletePartitionRow(trx, catalogId, table, values)) counts.partitionsDeleted++;
  }
  return counts;
}
