// Column masking of personal data (issue 14, Lake Formation-style): a column whose Parameters carry
// `sluice.pii` (the crawler's tag, crawlers/pii.ts, or one set by hand) reads as a typed NULL for a
// principal the policies do not allow `sluice:ReadPiiColumn` on the table. Masking is applied where
// rows leave the catalog: the table view behind `sluice query`/RunCatalogQuery, catalog sources of
// jobs under a role, and the failing rows of a quality result. GetTable still lists the column.
import type { Column, Table } from '../kernel/glue-types.js';
import { SluiceError } from '../kernel/errors.js';
import { glueArn } from '../kernel/arn.js';
import type { CallContext } from '../kernel/registry.js';
import { ident } from '../engine/sql-text.js';
import { duckdbType } from './column-types.js';

/** The column parameter that tags personal data; its value is the kind (EMAIL, PHONE_NUMBER …). */
export const PII_PARAMETER = 'sluice.pii';
/** The IAM action that lets a principal read PII columns unmasked (not granted by glue:*). */
export const READ_PII_ACTION = 'sluice:ReadPiiColumn';

export interface PiiColumn {
  name: string;
  kind: string;
  /** DuckDB's type of the column, for its typed NULL. */
  type: string;
}

/** Whether the caller may read this PII column of database.table unmasked. */
export type PiiReadCheck = (database: string, table: string, column: PiiColumn) => Promise<boolean> | boolean;

const untagged = (v: string | undefined) => v === undefined || ['', 'false', 'none', 'no'].includes(v.trim().toLowerCase());

/** The table's columns and partition keys tagged as PII. */
export function piiColumns(table: Table): PiiColumn[] {
  const all: Column[] = [...(table.StorageDescriptor?.Columns ?? []), ...(table.PartitionKeys ?? [])];
  return all
    .filter((c) => !untagged(c.Parameters?.[PII_PARAMETER]))
    .map((c) => ({ name: c.Name, kind: c.Parameters![PII_PARAMETER].trim(), type: duckdbType(c.Type) }));
}

/** The PII columns the check refuses; none without a check (embedded use, dev mode, a job without a bounded role). */
export async function maskedColumns(table: Table, mayRead: PiiReadCheck | undefined): Promise<PiiColumn[]> {
  if (!mayRead) return [];
  const out: PiiColumn[] = [];
  for (const c of piiColumns(table)) if (!(await mayRead(table.DatabaseName ?? '', table.Name, c))) out.push(c);
  return out;
}

/** A PiiReadCheck from an authorizer that throws AccessDeniedException (CallContext.authorize, RoleBounds). */
export function piiCheckFrom(authorize: (database: string, table: string, column: PiiColumn) => Promise<void> | void): PiiReadCheck {
  return async (database, table, column) => {
    try {
      await authorize(database, table, column);
      return true;
    } catch (e) {
      if (e instanceof SluiceError && e.type === 'AccessDeniedException') return false;
      throw e;
    }
  };
}

/**
 * The caller's check over the HTTP face: sluice:ReadPiiColumn on the table's ARNs (catalog, database,
 * table, as glue:GetTable), with condition keys sluice:ColumnName and sluice:PiiKind. Undefined
 * where nothing is authorized (embedded use, dev mode).
 */
export function callerPiiCheck(ctx: CallContext, catalogId = ctx.accountId): PiiReadCheck | undefined {
  const authorize = ctx.authorize;
  if (!authorize) return undefined;
  const at = { region: ctx.region, accountId: catalogId };
  return piiCheckFrom((database, table, column) =>
    authorize(
      READ_PII_ACTION,
      [`arn:aws:glue:${ctx.region}:${catalogId}:catalog`, glueArn(at, 'database', database), glueArn(at, 'table', database, table)],
      { 'sluice:columnname': column.name.toLowerCase(), 'sluice:piikind': column.kind },
    ),
  );
}

/** `SELECT * REPLACE (…)` list that nulls the masked columns of rows already read; '' when none. */
export function maskReplace(masked: PiiColumn[]): string {
  if (!masked.length) return '';
  return ` REPLACE (${masked.map((c) => `CAST(NULL AS ${c.type}) AS ${ident(c.name)}`).join(', ')})`;
}
