// Sources in a JDBC database: a catalog table a JDBC crawler made (Parameters.connectionName, Location
// database.schema.table) or fromOptions' table or query. The rows are streamed out of the database
// into CSV files in the run's scratch folder (connectors/jdbc/read-rows.ts: COPY … TO STDOUT on
// PostgreSQL, a row stream on MySQL/MariaDB; one connection per hash partition) and DuckDB reads
// those files lazily as the frame, typed by the catalog's columns (or the query's own): the table
// never sits in memory. Bookmark keys (jobBookmarkKeys) are pushed into the remote WHERE clause, so a
// rerun reads only rows past the last key the bookmark committed.
import { join } from 'node:path';
import { invalidInput, SluiceError } from '../../kernel/errors.js';
import type { Column as GlueColumn, Table } from '../../kernel/glue-types.js';
import { duckdbType } from '../../catalog/column-types.js';
import { glueTypeOf, jdbcError, namedEndpoint, openJdbc, readToCsv, type JdbcClient, type JdbcEndpoint } from '../../connectors/index.js';
import type { RunSession } from '../runtime/run-session.js';
import { keyBounds, recordLastKey } from '../bookmarks/bookmark-session.js';
import { checkKeys, lastKeySql } from '../bookmarks/key-bookmark.js';
import { Frame } from './frame.js';
import { ident } from './sql.js';
import type { Finish } from './sources.js';
import type { JdbcOptions } from './types.js';

/** A catalog table that lives in a database rather than in files. */
export const isJdbcTable = (t: Table) =>
  !!t.Parameters?.connectionName && /^(postgresql|mysql|mariadb|redshift)$/.test(t.Parameters.classification ?? '');

/** Glue types a column of another Glue type cannot be read as without failing or losing data. */
function converts(remote: string, target: string): boolean {
  const family = (t: string) =>
    /^(tinyint|smallint|int|integer|bigint|decimal.*|float|double)$/.test(t) ? 'number' : t.replace(/\(.*$/, '');
  const from = family(remote.toLowerCase());
  const to = family(target.toLowerCase());
  if (from === to || to === 'string') return true;
  if (from === 'timestamp' && to === 'date') return true;
  if (from === 'date' && to === 'timestamp') return true;
  if (from === 'boolean' && to === 'number') return true;
  return false;
}

interface Spec {
  label: string;
  connectionName: string;
  /** The remote table, as database.schema.table or schema.table (the catalog Location), or a query. */
  table?: string;
  query?: string;
  /** The catalog's columns; without them the query's own types. */
  columns?: GlueColumn[];
  options: JdbcOptions;
  transformationCtx?: string;
}

function remoteName(client: JdbcClient, table: string): string {
  const parts = table.split('.');
  const pg = client.endpoint.url.engine === 'postgresql';
  // The catalog Location names the database first; the connection already opened it.
  const local = parts.length > (pg ? 2 : 1) && parts[0] === client.endpoint.url.database ? parts.slice(1) : parts;
  return local.map((p) => client.ident(p)).join('.');
}

export function jdbcSpecOfTable(table: Table, o: { options?: JdbcOptions; transformationCtx?: string }): Spec {
  return {
    label: `${table.DatabaseName}.${table.Name}`,
    connectionName: table.Parameters!.connectionName,
    table: table.StorageDescriptor?.Location ?? table.Name,
    columns: table.StorageDescriptor?.Columns,
    options: o.options ?? {},
    transformationCtx: o.transformationCtx,
  };
}

export async function openJdbcSource(session: RunSession, spec: Spec): Promise<Finish> {
  const ep: JdbcEndpoint = await namedEndpoint(session.services, session.accountId, spec.connectionName);
  const keys = spec.options.jobBookmarkKeys;
  const order = spec.options.jobBookmarkKeysSortOrder ?? 'asc';
  if (keys) checkKeys(keys, order);
  const client = await openJdbc(ep);
  let files: string[];
  let columns: { name: string; type: string; glue: string }[];
  const started = Date.now();
  try {
    const select = spec.query ? spec.query : `SELECT * FROM ${remoteName(client, spec.table!)}`;
    const remote = await client.describe(select).catch((e) => {
      throw jdbcError(ep, e, `reading ${spec.table ?? 'the query'}`);
    });
    const remoteGlue = new Map(remote.map((c) => [c.name.toLowerCase(), glueTypeOf(ep.url.engine, c)]));
    const wanted = spec.columns?.length
      ? spec.columns.map((c) => ({ name: c.Name, glue: c.Type ?? 'string' }))
      : remote.map((c) => ({ name: c.name, glue: remoteGlue.get(c.name.toLowerCase())! }));
    for (const c of wanted) {
      const r = remoteGlue.get(c.name.toLowerCase());
      if (r === undefined)
        throw jdbcError(ep, invalidInput(`column ${c.name} of ${spec.label} is not in ${spec.table ?? 'the query'} any more`));
      if (!converts(r, c.glue))
        throw jdbcError(
          ep,
          invalidInput(
            `column ${c.name} of ${spec.table ?? 'the query'} is ${r} in the database, which does not convert to the catalog's ${c.glue}`,
          ),
        );
    }
    for (const k of keys ?? [])
      if (!remoteGlue.has(k.toLowerCase()))
        throw jdbcError(ep, invalidInput(`bookmark key ${k} is not a column of ${spec.table ?? 'the query'}`));
    // Binary values come as \x hex text and are decoded in DuckDB.
    columns = wanted.map((c) => ({ name: c.name, glue: c.glue, type: c.glue === 'binary' ? 'VARCHAR' : duckdbType(c.glue) }));
    const where: string[] = [];
    if (keys) {
      const bounds = keyBounds(session, spec.transformationCtx);
      const tuple = `(${keys.map((k) => client.ident(k)).join(', ')})`;
      const value = (v: unknown[]) => `(${v.map((x) => client.literal(x)).join(', ')})`;
      if (bounds.nothing) where.push('1 = 0');
      if (bounds.after) where.push(`${tuple} ${order === 'asc' ? '>' : '<'} ${value(bounds.after)}`);
      if (bounds.upTo) where.push(`${tuple} ${order === 'asc' ? '<=' : '>='} ${value(bounds.upTo)}`);
    }
    const list = columns.map((c) => client.ident(c.name)).join(', ');
    const dir = join(session.services.root, session.scratchRoot, 'jdbc');
    const read = await readToCsv(
      ep,
      client,
      { select: `SELECT ${list} FROM (${select}) AS src`, where, ...spec.options },
      dir,
      `${ep.connection}.${(spec.table ?? session.nextName('query')).replace(/[^A-Za-z0-9_.-]/g, '_')}`,
    );
    files = read.files;
    session.log('info', 'source read', {
      ctx: spec.transformationCtx,
      connection: ep.connection,
      table: spec.table,
      rows: read.rows,
      partitions: files.length,
      ms: Date.now() - started,
    });
  } catch (e) {
    throw e instanceof SluiceError && e.message.includes(`Connection ${ep.connection}`)
      ? e
      : jdbcError(ep, e, `reading ${spec.table ?? 'the query'}`);
  } finally {
    await client.close().catch(() => {});
  }
  session.lineage.inputs.push({ kind: 'table', name: spec.label });
  const engine = await session.engine();
  const name = session.nextName('src');
  await engine.registerFiles(name, {
    format: 'csv',
    paths: files,
    columns: columns.map(({ name: n, type }) => ({ name: n, type })),
    options: { header: false, delim: ',', quote: '"', escape: '"', allow_quoted_nulls: false },
    mode: 'FAILFAST',
  });
  return async () => {
    let frame = new Frame(session, name);
    if (columns.some((c) => c.glue === 'binary')) {
      const items = columns.map((c) => (c.glue === 'binary' ? `unhex(substr(${ident(c.name)}, 3)) AS ${ident(c.name)}` : ident(c.name)));
      frame = await frame.derive(`SELECT ${items.join(', ')} FROM ${frame.sqlName}`, 'src');
    }
    if (keys) {
      const last = (await engine.query(lastKeySql(keys, order, frame.sqlName))).rows[0];
      recordLastKey(session, spec.transformationCtx, keys, order, last ? keys.map((k) => last[k]) : undefined);
    }
    session.sourceViews.push(frame.name);
    return new Frame(session, frame.name, frame.name);
  };
}
