// A crawl up to (not including) its writes: read the crawler's settings and classifiers, scan every
// target, form and name the tables, enforce TableThreshold, and decide per table what to write.
// The background crawl applies the plan; --dry-run prints it.
import type { Kysely } from 'kysely';
import type { Crawler, Table } from '../kernel/glue-types.js';
import { reviveDates } from '../kernel/shape-codec.js';
import { norm } from '../catalog/common.js';
import { tablePartitions } from '../catalog/table-view.js';
import type { DB } from '../store/schema.js';
import { catalogTargetTables } from './catalog-targets.js';
import { jdbcTargetTables } from './jdbc-targets.js';
import type { Services } from '../kernel/services.js';
import { loadCustomSpecs } from './classifier-store.js';
import { parseConfiguration } from './configuration.js';
import { CrawlFailed } from './crawl-errors.js';
import type { Unreadable } from './crawl-store.js';
import { planTables, type PlannedTable } from './plan.js';
import { scanTarget, type ScanContext } from './scan.js';
import type { CrawledTable } from './table-build.js';
import { tablesOf, type GroupContext } from './table-groups.js';

export interface CrawlPlan {
  crawlerName: string;
  database: string;
  incremental: boolean;
  tables: PlannedTable[];
  /** Leaf folders (locations) crawled, with the table each feeds. */
  folders: { folder: string; table: string }[];
  unreadable: Unreadable[];
  warnings: string[];
  /** Include paths under which nothing is stored: a warning in a crawl, an error in a dry run. */
  missingTargets: string[];
}

export interface PlanContext {
  db: Kysely<DB>;
  catalogId: string;
  crawlId: string;
  scan: Omit<ScanContext, 'customs'>;
  /** Told each warning as it arises, so a crawl that fails later still reports it. */
  warn?: (message: string) => void;
  /** For JdbcTargets: connections' credentials and secrets. */
  services?: Services;
}

async function databaseTables(db: Kysely<DB>, catalogId: string, database: string): Promise<Map<string, Table>> {
  const rows = await db
    .selectFrom('catalog_tables')
    .select('doc')
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', database)
    .execute();
  return new Map(rows.map((r) => reviveDates<Table>('Table', JSON.parse(r.doc))).map((t) => [t.Name, t]));
}

async function knownFolders(db: Kysely<DB>, crawler: string): Promise<string[]> {
  const rows = await db.selectFrom('crawler_folders').select('folder').where('crawler_name', '=', crawler).execute();
  return rows.map((r) => r.folder);
}

/** For an include path, the relative folders already crawled (ending '/'). */
function knownUnder(include: string, folders: string[]): string[] {
  const base = `${include.replace(/\/+$/, '')}/`;
  return folders.filter((f) => f.startsWith(base) && f.endsWith('/')).map((f) => f.slice(base.length));
}

export async function planCrawl(crawler: Crawler, ctx: PlanContext): Promise<CrawlPlan> {
  const name = crawler.Name!;
  const settings = parseConfiguration(crawler.Configuration);
  const scan: ScanContext = { ...ctx.scan, customs: await loadCustomSpecs(ctx.db, crawler.Classifiers ?? []) };
  const targets = crawler.Targets ?? {};
  const catalogMode = !!targets.CatalogTargets?.length;
  const database = norm(catalogMode ? targets.CatalogTargets![0].DatabaseName : (crawler.DatabaseName ?? 'default'));
  const folders = await knownFolders(ctx.db, name);
  // The first crawl of an incremental crawler lists everything, as Glue's does.
  const incremental = crawler.RecrawlPolicy?.RecrawlBehavior === 'CRAWL_NEW_FOLDERS_ONLY' && folders.length > 0;
  const existing = await databaseTables(ctx.db, ctx.catalogId, database);
  const warnings: string[] = [];
  const unreadable: Unreadable[] = [];
  scan.unreadable = (u) => {
    unreadable.push(u);
    ctx.scan.unreadable(u);
  };
  const build = {
    crawlerName: name,
    crawlId: ctx.crawlId,
    createPartitionIndex: settings.createPartitionIndex,
    inheritFromTable: settings.inheritFromTable,
  };
  const warn = (m: string) => {
    warnings.push(m);
    ctx.warn?.(m);
  };
  let computed: CrawledTable[] = [];
  const roots: string[] = [];
  const missingTargets: string[] = [];
  if (catalogMode) {
    for (const t of targets.CatalogTargets!) computed.push(...(await catalogTargetTables(scan, [t], existing, build, warn)));
  } else {
    if (targets.JdbcTargets?.length) {
      if (!ctx.services) throw new CrawlFailed('JdbcTargets need the project services');
      const jdbc = {
        services: ctx.services,
        catalogId: ctx.catalogId,
        crawlerName: name,
        crawlId: ctx.crawlId,
        tablePrefix: crawler.TablePrefix,
        warn,
      };
      computed.push(...(await jdbcTargetTables(targets.JdbcTargets, jdbc)));
    }
    const group: GroupContext = { settings, tablePrefix: crawler.TablePrefix, existing, taken: new Set(), build, warn };
    for (const t of targets.S3Targets ?? []) {
      const path = t.Path!;
      const known = incremental ? knownUnder(path, folders) : [];
      const skip = new Set(known);
      const scanned = await scanTarget(scan, path, {
        exclusions: t.Exclusions,
        sampleSize: t.SampleSize,
        skipFolder: incremental ? (rel) => skip.has(rel) : undefined,
        warn,
      });
      if (scanned.missing) {
        missingTargets.push(path);
        warn(`Target ${path} does not exist: nothing is stored there, so the crawl found no files in it`);
      }
      roots.push(scanned.include);
      computed = computed.concat(tablesOf(scanned, t.Exclusions, { incremental, known }, group));
    }
  }
  if (settings.tableThreshold !== undefined && computed.length > settings.tableThreshold) {
    throw new CrawlFailed(
      `Table Threshold value = ${settings.tableThreshold}, Tables detected - ${computed.length}. The crawl wrote nothing.`,
    );
  }
  ctx.scan.progress.tables = computed.length;
  const policy = crawler.SchemaChangePolicy ?? {};
  const tables = await planTables(computed, existing, (t) => tablePartitions(ctx.db, ctx.catalogId, t), {
    crawlerName: name,
    update: policy.UpdateBehavior ?? 'UPDATE_IN_DATABASE',
    delete: catalogMode ? 'LOG' : (policy.DeleteBehavior ?? 'DEPRECATE_IN_DATABASE'),
    mergeNewColumns: settings.mergeNewColumns,
    inheritFromTable: settings.inheritFromTable,
    incremental,
    roots,
    now: Date.now(),
  });
  return {
    crawlerName: name,
    database,
    incremental,
    tables,
    folders: computed.flatMap((c) => c.folders.map((folder) => ({ folder, table: c.name }))),
    unreadable,
    warnings,
    missingTargets,
  };
}
