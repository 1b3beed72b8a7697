// JdbcTargets: the crawler connects through the target's connection, lists the tables its Path
// includes (`database/schema/table` on PostgreSQL, `database/table` on MySQL/MariaDB; `%` for any
// schema or table, as Glue's include paths; names compare case-sensitively) minus the Exclusions
// (Glue's globs, matched against the path below the database, e.g. `public/tmp_*` or `**_old`), and
// catalogs each with Glue's JDBC types. As Glue's crawler: the table is named
// <database>_<schema>_<table> (<database>_<table> on MySQL), its Location is database.schema.table,
// and its Parameters carry classification (postgresql | mysql), connectionName and typeOfData.
import { invalidInput } from '../kernel/errors.js';
import type { JdbcTarget, TableInput } from '../kernel/glue-types.js';
import type { Services } from '../kernel/services.js';
import { glueTypeOf, namedEndpoint, remoteTables, withJdbc, type RemoteTable } from '../connectors/index.js';
import { globToRegExp } from './glob.js';
import { sanitizeName, withPrefix } from './naming.js';
import type { CrawledTable } from './table-build.js';

export interface JdbcCrawlContext {
  services: Services;
  catalogId: string;
  crawlerName: string;
  crawlId: string;
  tablePrefix?: string;
  warn(message: string): void;
}

const likeToRegExp = (part: string) =>
  new RegExp(
    `^${part
      .split('%')
      .map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
  );

export async function jdbcTargetTables(targets: JdbcTarget[], ctx: JdbcCrawlContext): Promise<CrawledTable[]> {
  const out: CrawledTable[] = [];
  for (const t of targets) {
    if (!t.ConnectionName) throw invalidInput('Every JdbcTarget needs a ConnectionName.');
    const ep = await namedEndpoint(ctx.services, ctx.catalogId, t.ConnectionName);
    const pg = ep.url.engine === 'postgresql';
    const parts = (t.Path ?? '').split('/');
    const [database, ...rest] = parts;
    if (!database || rest.length !== (pg ? 2 : 1))
      throw invalidInput(
        `JdbcTarget path ${t.Path} must be ${pg ? 'database/schema/table' : 'database/table'} (% matches any schema or table)`,
      );
    if (database !== ep.url.database)
      throw invalidInput(
        `JdbcTarget path ${t.Path} names database ${database}, but connection ${t.ConnectionName} opens ${ep.url.database}`,
      );
    const include = rest.map(likeToRegExp);
    const exclusions = (t.Exclusions ?? []).map(globToRegExp);
    const schemaOnly = pg && !rest[0].includes('%') ? rest[0] : undefined;
    const tables = await withJdbc(ep, (c) => remoteTables(c, schemaOnly), 'listing tables');
    const picked = tables.filter((rt) => {
      const path = pg ? [rt.schema!, rt.name] : [rt.name];
      if (!path.every((p, i) => include[i].test(p))) return false;
      return !exclusions.some((re) => re.test(path.join('/')) || re.test(rt.name));
    });
    if (!picked.length) ctx.warn(`JdbcTarget ${t.ConnectionName}:${t.Path} matched no table`);
    for (const rt of picked) out.push(crawled(rt, database, ep.url.engine, t, ctx));
  }
  return out;
}

function crawled(rt: RemoteTable, database: string, engine: 'postgresql' | 'mysql', t: JdbcTarget, ctx: JdbcCrawlContext): CrawledTable {
  const dotted = [database, rt.schema, rt.name].filter((p) => p !== undefined).join('.');
  const name = withPrefix(ctx.tablePrefix, sanitizeName([database, rt.schema, rt.name].filter((p) => p !== undefined).join('_')));
  const parameters: Record<string, string> = {
    classification: engine,
    connectionName: t.ConnectionName!,
    typeOfData: rt.kind,
    compressionType: 'none',
    UPDATED_BY_CRAWLER: ctx.crawlerName,
    CrawlerSchemaDeserializerVersion: '1.0',
    CrawlerSchemaSerializerVersion: '1.0',
    CRAWL_RUN_ID: ctx.crawlId,
  };
  if (rt.primaryKey.length) parameters['sluice.primaryKey'] = rt.primaryKey.join(',');
  const raw = t.EnableAdditionalMetadata?.includes('RAWTYPES');
  const input: TableInput = {
    Name: name,
    TableType: 'EXTERNAL_TABLE',
    Parameters: parameters,
    PartitionKeys: [],
    StorageDescriptor: {
      Columns: rt.columns.map((c) => ({
        Name: c.name,
        Type: glueTypeOf(engine, c),
        ...(raw ? { Parameters: { rawType: c.type } } : {}),
      })),
      Location: dotted,
      Compressed: false,
      NumberOfBuckets: -1,
      SerdeInfo: { Parameters: {} },
      BucketColumns: [],
      SortColumns: [],
      Parameters: { ...parameters },
      StoredAsSubDirectories: false,
    },
  };
  return { name, location: dotted, input, partitions: [], folders: [] };
}
