// From a scanned include path to named tables: new folders of an incremental crawl first join the
// existing table they are partitions of; the rest are grouped, named (with TablePrefix, and a hash
// when the name is taken by another location) and built.
import type { Table } from '../kernel/glue-types.js';
import { groupTables, type TableGroup } from './grouping.js';
import { baseName, locationHash, withPrefix } from './naming.js';
import type { ScannedTarget } from './scan.js';
import { buildTable, locationOf, type BuildContext, type CrawledTable } from './table-build.js';
import type { Unit } from './units.js';
import type { FileSchema } from './file-schema.js';
import type { CrawlerSettings } from './configuration.js';

const trimSlash = (s: string | undefined) => (s ?? '').replace(/\/+$/, '');
const depthOf = (folder: string) => (folder === '' ? 0 : folder.split('/').length - 1);

export interface GroupContext {
  settings: CrawlerSettings;
  tablePrefix?: string;
  existing: Map<string, Table>;
  /** Names already given in this crawl. */
  taken: Set<string>;
  build: Omit<BuildContext, 'include' | 'includeIsFile' | 'exclusions'>;
  warn(message: string): void;
}

/**
 * Folders that sit where a partitioned table this crawler made expects its partitions join that
 * table, whatever their schema's similarity: once a table exists, later crawls keep it (schema
 * changes become versions) instead of regrouping the folders. In an incremental crawl a folder of
 * another format is left out and logged, as Glue does; in a full crawl it is grouped afresh.
 */
function joinExisting(
  scanned: ScannedTarget,
  units: Unit[],
  incremental: boolean,
  ctx: GroupContext,
): { joined: { table: Table; group: TableGroup }[]; rest: Unit[] } {
  const tables = [...ctx.existing.values()].flatMap((t) => {
    const loc = trimSlash(t.StorageDescriptor?.Location);
    const keys = t.PartitionKeys?.length ?? 0;
    if (t.Parameters?.UPDATED_BY_CRAWLER !== ctx.build.crawlerName) return [];
    if (loc === scanned.include) return [{ table: t, root: '', keys }];
    return loc.startsWith(`${scanned.include}/`) ? [{ table: t, root: `${loc.slice(scanned.include.length + 1)}/`, keys }] : [];
  });
  const joined = new Map<Table, Unit[]>();
  const rest: Unit[] = [];
  for (const u of units) {
    const home = !u.single && tables.find((t) => u.folder.startsWith(t.root) && depthOf(u.folder) - depthOf(t.root) === t.keys);
    if (!home) {
      rest.push(u);
      continue;
    }
    const params = home.table.Parameters ?? {};
    const [classification, compression] = u.signature.split('|');
    if (params.classification !== classification || (params.compressionType ?? 'none') !== compression) {
      if (!incremental) {
        rest.push(u);
        continue;
      }
      ctx.warn(
        `${locationOf({ ...ctx.build, include: scanned.include }, u.folder)} is ${classification}/${compression} but table ${home.table.Name} is ${params.classification}/${params.compressionType}: not added as a partition`,
      );
      continue;
    }
    joined.set(home.table, [...(joined.get(home.table) ?? []), u]);
  }
  return {
    joined: [...joined.entries()].map(([table, us]) => {
      const root = tables.find((t) => t.table === table)!.root;
      return { table, group: { root, units: us, depth: depthOf(us[0].folder) - depthOf(root) } };
    }),
    rest,
  };
}

function includeLevel(scanned: ScannedTarget): number {
  const local = scanned.store.localPath(scanned.prefix);
  if (local !== undefined) return local.split('/').filter(Boolean).length;
  // s3://bucket/a/b/: the bucket is level 1.
  return 1 + scanned.prefix.split('/').filter(Boolean).length;
}

function nameOf(group: TableGroup, scanned: ScannedTarget, ctx: GroupContext, location: string): string {
  const includeName =
    scanned.include
      .replace(/^[a-z0-9+.-]+:\/\//i, '')
      .split('/')
      .filter(Boolean)
      .pop() ?? 'root';
  const base = baseName(group, includeName);
  const plain = withPrefix(ctx.tablePrefix, base);
  const other = ctx.existing.get(plain);
  const clash = ctx.taken.has(plain) || (other !== undefined && trimSlash(other.StorageDescriptor?.Location) !== trimSlash(location));
  if (!clash) return plain;
  // A folder mixing formats gives tables of one location: its format tells them apart.
  const signature = group.units[0]?.signature ?? '';
  for (let n = 0; ; n++) {
    const name = withPrefix(ctx.tablePrefix, base, locationHash(n === 0 ? location : `${location}|${signature}|${n}`));
    if (!ctx.taken.has(name)) return name;
  }
}

/** A folder crawled before and not listed now (incremental): it shapes the folder tree, nothing more. */
function knownFolder(folder: string): Unit {
  return {
    folder,
    signature: '',
    files: [],
    schema: {
      format: {} as FileSchema['format'],
      compression: 'none',
      columns: [],
      records: 0,
      sampleBytes: 0,
      complete: true,
      values: new Map(),
    },
  };
}

export function tablesOf(
  scanned: ScannedTarget,
  exclusions: string[] | undefined,
  mode: { incremental: boolean; known: string[] },
  ctx: GroupContext,
): CrawledTable[] {
  const { incremental } = mode;
  const build: BuildContext = { ...ctx.build, include: scanned.include, includeIsFile: scanned.includeIsFile, exclusions };
  const out: CrawledTable[] = [];
  const { joined, rest } = joinExisting(scanned, scanned.units, incremental, ctx);
  for (const { table, group } of joined) {
    ctx.taken.add(table.Name);
    out.push(buildTable(group, table.Name, build));
  }
  // Units left out of an incremental crawl's tables (another format) are not grouped either.
  const free = new Set(rest);
  const placeholders = mode.known.map(knownFolder);
  const claimed = new Set([...scanned.units.filter((u) => !free.has(u)), ...placeholders]);
  const { groups, misfits } = groupTables([...scanned.units, ...placeholders], {
    combineCompatibleSchemas: ctx.settings.combineCompatibleSchemas,
    tableLevel: ctx.settings.tableLevel,
    includeLevel: includeLevel(scanned),
    claimed,
  });
  for (const m of misfits) ctx.warn(`${locationOf(build, m.unit.folder)} was left out: ${m.reason}`);
  for (const group of groups) {
    const location = locationOf(build, group.root);
    const name = nameOf(group, scanned, ctx, location);
    ctx.taken.add(name);
    out.push(buildTable(group, name, build));
  }
  return out;
}
