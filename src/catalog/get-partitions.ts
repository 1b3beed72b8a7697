// GetPartitions. A listing reads only the values_key column of the table's partitions (narrowed in
// SQL when the Expression pins the first key, or the first key of a partition index), filters and orders those values in TypeScript, and
// reads the documents of one page only: a 10,000-partition table costs 10,000 short strings per
// call, not 10,000 documents. Order is by values, each compared by its key's type (an int key puts
// 9 before 10), which SQL cannot do portably; the page token carries the last values returned, so
// partitions created or deleted between pages neither shift nor repeat the rest of the listing.
import { glueOperation } from '../kernel/registry.js';
import { invalidInput } from '../kernel/errors.js';
import { decodeToken, encodeToken } from '../kernel/pagination.js';
import type { PartitionIndexDescriptor, Segment, Table } from '../kernel/glue-types.js';
import { catalogIdOf, requireTable } from './common.js';
import { compilePartitionExpression, type PartitionFilter, type PartitionKey } from './partition-expression.js';
import { listPartitionIndexes } from './partition-indexes.js';
import { compareSortKeys, keyFamily, sortKey, type SortKey } from './partition-key-types.js';
import { partitionDocs, reviveWithoutColumns } from './partition-rows.js';

const DEFAULT_PAGE = 1000;

/** Which of TotalSegments a partition falls in: a stable hash of its key, so segments never overlap. */
export function segmentOf(key: string, total: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % total;
}

function checkSegment(segment: Segment | undefined): Segment | undefined {
  if (segment && segment.SegmentNumber >= segment.TotalSegments) {
    throw invalidInput(`Invalid Segment: SegmentNumber ${segment.SegmentNumber} must be less than TotalSegments ${segment.TotalSegments}.`);
  }
  return segment && segment.TotalSegments > 1 ? segment : undefined;
}

function decodeAfter(token: string | undefined, keyCount: number): string[] | undefined {
  const state = decodeToken<{ after?: unknown }>(token);
  if (!state) return undefined;
  const after = state.after;
  if (!Array.isArray(after) || after.length !== keyCount || !after.every((v) => typeof v === 'string')) {
    throw invalidInput('Invalid pagination token: the NextToken was not issued by this listing.');
  }
  return after;
}

/**
 * The values_key filter SQL can apply when the Expression pins the key at position `at`: the key's
 * JSON array has that value's JSON there (`[%,"v",%]`). It only narrows (SQLite's LIKE ignores ASCII
 * case, % and _ in a value match more, a `%,` can span a comma inside a value), and the Expression is
 * evaluated on every row that comes back; a backslash would be PostgreSQL's LIKE escape, so a value
 * holding one is not pushed down.
 */
function pinnedPatterns(values: string[] | undefined, at: number, keyCount: number): string[] | undefined {
  if (!values) return undefined;
  const patterns = values.map((v) => `[${'%,'.repeat(at)}${JSON.stringify(v)}${at < keyCount - 1 ? ',%' : ''}]`);
  return patterns.some((p) => p.includes('\\')) ? undefined : patterns;
}

/** Which key to narrow by: the first key when pinned, else the first key of a partition index that is pinned. */
function narrowing(filter: PartitionFilter | undefined, keys: PartitionKey[], indexes: PartitionIndexDescriptor[]) {
  if (!filter) return undefined;
  const positions = [0, ...indexes.map((i) => keys.findIndex((k) => k.Name.toLowerCase() === i.Keys[0]?.Name.toLowerCase()))];
  for (const at of positions.filter((p) => p >= 0)) {
    const patterns = pinnedPatterns(filter.pinnedValues(at), at, keys.length);
    if (patterns) return { patterns, exact: keys.length === 1 };
  }
  return undefined;
}

async function matchingKeys(db: Parameters<typeof requireTable>[0], catalogId: string, table: Table, narrow: ReturnType<typeof narrowing>) {
  let q = db
    .selectFrom('catalog_partitions')
    .select('values_key')
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', table.DatabaseName!)
    .where('table_name', '=', table.Name);
  if (narrow) {
    const { patterns, exact } = narrow;
    q = exact ? q.where('values_key', 'in', patterns) : q.where((eb) => eb.or(patterns.map((p) => eb('values_key', 'like', p))));
  }
  return (await q.execute()).map((r) => r.values_key);
}

export const getPartitionsOperation = glueOperation(
  'GetPartitions',
  async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const db = ctx.services.store.db;
    const table = await requireTable(db, catalogId, input.DatabaseName, input.TableName);
    const keys = table.PartitionKeys ?? [];
    const filter = input.Expression?.trim() ? compilePartitionExpression(input.Expression, keys) : undefined;
    const segment = checkSegment(input.Segment);
    const after = decodeAfter(input.NextToken, keys.length);
    const families = keys.map((k) => keyFamily(k.Type));
    const afterKey = after && sortKey(after, families);

    const candidates: { key: string; values: string[]; sort: SortKey }[] = [];
    const indexes = filter ? await listPartitionIndexes(db, catalogId, table) : [];
    for (const key of await matchingKeys(db, catalogId, table, narrowing(filter, keys, indexes))) {
      if (segment && segmentOf(key, segment.TotalSegments) !== segment.SegmentNumber) continue;
      const values = JSON.parse(key) as string[];
      if (filter && !filter.matches(values)) continue;
      const sort = sortKey(values, families);
      if (afterKey && compareSortKeys(sort, afterKey) <= 0) continue;
      candidates.push({ key, values, sort });
    }
    candidates.sort((a, b) => compareSortKeys(a.sort, b.sort));

    const page = candidates.slice(0, input.MaxResults ?? DEFAULT_PAGE);
    const docs = await partitionDocs(
      db,
      catalogId,
      table,
      page.map((c) => c.key),
    );
    // A partition deleted between the two reads is simply left out of this page.
    const Partitions = page
      .filter((c) => docs.has(c.key))
      .map((c) => reviveWithoutColumns(docs.get(c.key)!, input.ExcludeColumnSchema === true));
    const last = page.at(-1);
    const NextToken = page.length < candidates.length && last ? encodeToken({ after: last.values }) : undefined;
    return { Partitions, NextToken };
  },
  { partial: 'TransactionId and QueryAsOfTime are accepted and ignored: the catalog keeps no partition history' },
);
