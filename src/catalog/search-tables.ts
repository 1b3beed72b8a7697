// SearchTables: tables across every database of the catalog, matched by SearchText (name,
// description, columns, parameters) and Filters on properties, sorted by SortCriteria.
import { glueOperation } from '../kernel/registry.js';
import { invalidInput } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import { pageByOffset } from '../kernel/pagination.js';
import type { PropertyPredicate, Table } from '../kernel/glue-types.js';
import { catalogIdOf } from './common.js';

/** The value a filter or sort key names: a top-level field, or Parameters.<key>. */
function property(table: Table, key: string): string | undefined {
  if (key.startsWith('Parameters.')) return table.Parameters?.[key.slice('Parameters.'.length)];
  const v = (table as unknown as Record<string, unknown>)[key];
  if (v instanceof Date) return String(v.getTime());
  return v === undefined || v === null ? undefined : String(v);
}

function compare(a: string, b: string): number {
  const na = Number(a),
    nb = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a.localeCompare(b);
}

function matchesFilter(table: Table, f: PropertyPredicate): boolean {
  if (!f.Key) throw invalidInput('Each SearchTables filter needs a Key.');
  const v = property(table, f.Key);
  if (v === undefined) return false;
  const c = compare(v, f.Value ?? '');
  switch (f.Comparator ?? 'EQUALS') {
    case 'EQUALS':
      return f.Key === 'Name' || f.Key === 'Description' ? v.toLowerCase().includes((f.Value ?? '').toLowerCase()) : c === 0;
    case 'GREATER_THAN':
      return c > 0;
    case 'LESS_THAN':
      return c < 0;
    case 'GREATER_THAN_EQUALS':
      return c >= 0;
    case 'LESS_THAN_EQUALS':
      return c <= 0;
  }
}

function matchesText(table: Table, text: string): boolean {
  const needle = text.toLowerCase();
  const hay = [
    table.Name,
    table.DatabaseName,
    table.Description,
    ...(table.StorageDescriptor?.Columns ?? []).flatMap((c) => [c.Name, c.Comment]),
    ...(table.PartitionKeys ?? []).flatMap((c) => [c.Name, c.Comment]),
    ...Object.entries(table.Parameters ?? {}).flat(),
  ];
  return hay.some((h) => h?.toLowerCase().includes(needle));
}

export const searchTablesOperation = glueOperation(
  'SearchTables',
  async (input, ctx) => {
    const rows = await ctx.services.store.db
      .selectFrom('catalog_tables')
      .select('doc')
      .where('catalog_id', '=', catalogIdOf(input, ctx))
      .orderBy('database_name')
      .orderBy('name')
      .execute();
    let tables = rows.map((r) => reviveDates<Table>('Table', JSON.parse(r.doc)));
    if (input.SearchText) tables = tables.filter((t) => matchesText(t, input.SearchText!));
    for (const f of input.Filters ?? []) tables = tables.filter((t) => matchesFilter(t, f));
    const sort = input.SortCriteria?.[0];
    if (sort?.FieldName) {
      const dir = sort.Sort === 'DESC' ? -1 : 1;
      tables.sort((a, b) => dir * compare(property(a, sort.FieldName!) ?? '', property(b, sort.FieldName!) ?? ''));
    }
    const page = pageByOffset(tables, input.NextToken, input.MaxResults);
    return { TableList: page.items, NextToken: page.nextToken };
  },
  { partial: 'ResourceShareType is ignored (a local catalog has no shared resources)' },
);
