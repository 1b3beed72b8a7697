// Table versions: GetTableVersion(s), DeleteTableVersion, BatchDeleteTableVersion. VersionId is
// "a string representation of an integer", incremented by one on every UpdateTable.
import type { Kysely } from 'kysely';
import { glueOperation } from '../kernel/registry.js';
import { invalidInput, notFound } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import { pageByOffset } from '../kernel/pagination.js';
import type { Table } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';
import { catalogIdOf, requireTable } from './common.js';

function versionNumber(v: string): number {
  if (!/^\d+$/.test(v)) throw invalidInput(`Invalid VersionId ${v}: a version id is a non-negative integer.`);
  return Number(v);
}

async function deleteVersion(db: Kysely<DB>, catalogId: string, table: Table, versionId: string): Promise<string | undefined> {
  const n = versionNumber(versionId);
  if (String(n) === table.VersionId) return `Cannot delete the current version ${versionId} of table ${table.Name}.`;
  const r = await db
    .deleteFrom('catalog_table_versions')
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', table.DatabaseName!)
    .where('table_name', '=', table.Name)
    .where('version_id', '=', n)
    .executeTakeFirst();
  return Number(r.numDeletedRows) ? undefined : `Version ${versionId} of table ${table.Name} not found.`;
}

export const tableVersionOperations = [
  glueOperation('GetTableVersion', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const table = await requireTable(ctx.services.store.db, catalogId, input.DatabaseName, input.TableName);
    const n = input.VersionId === undefined ? Number(table.VersionId) : versionNumber(input.VersionId);
    const row = await ctx.services.store.db
      .selectFrom('catalog_table_versions')
      .select('doc')
      .where('catalog_id', '=', catalogId)
      .where('database_name', '=', table.DatabaseName!)
      .where('table_name', '=', table.Name)
      .where('version_id', '=', n)
      .executeTakeFirst();
    // Glue's words, whichever version was asked for.
    if (!row) throw notFound('Version not found.');
    return { TableVersion: { Table: reviveDates<Table>('Table', JSON.parse(row.doc)), VersionId: String(n) } };
  }),

  glueOperation('GetTableVersions', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const table = await requireTable(ctx.services.store.db, catalogId, input.DatabaseName, input.TableName);
    const rows = await ctx.services.store.db
      .selectFrom('catalog_table_versions')
      .select(['version_id', 'doc'])
      .where('catalog_id', '=', catalogId)
      .where('database_name', '=', table.DatabaseName!)
      .where('table_name', '=', table.Name)
      .orderBy('version_id', 'desc')
      .execute();
    const page = pageByOffset(rows, input.NextToken, input.MaxResults);
    return {
      TableVersions: page.items.map((r) => ({ Table: reviveDates<Table>('Table', JSON.parse(r.doc)), VersionId: String(r.version_id) })),
      NextToken: page.nextToken,
    };
  }),

  glueOperation('DeleteTableVersion', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await ctx.services.store.transaction(async (trx) => {
      const table = await requireTable(trx, catalogId, input.DatabaseName, input.TableName);
      const problem = await deleteVersion(trx, catalogId, table, input.VersionId);
      if (problem) throw problem.startsWith('Cannot') ? invalidInput(problem) : notFound(problem);
    });
    return {};
  }),

  glueOperation('BatchDeleteTableVersion', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const Errors: { TableName: string; VersionId: string; ErrorDetail: { ErrorCode: string; ErrorMessage: string } }[] = [];
    await ctx.services.store.transaction(async (trx) => {
      const table = await requireTable(trx, catalogId, input.DatabaseName, input.TableName);
      for (const v of input.VersionIds) {
        const problem = await deleteVersion(trx, catalogId, table, v);
        if (problem) {
          const ErrorCode = problem.startsWith('Cannot') ? 'InvalidInputException' : 'EntityNotFoundException';
          Errors.push({ TableName: table.Name, VersionId: v, ErrorDetail: { ErrorCode, ErrorMessage: problem } });
        }
      }
    });
    return { Errors };
  }),
];
