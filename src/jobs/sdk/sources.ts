// Reading sources into frames: catalog tables and paths. A bookmarked source registers only the
// files (or rows, for bookmark keys) the bookmark has not seen; with nothing new, the frame is empty
// but keeps the source's columns. Opening is two steps because a sandboxed engine takes no new files
// once SQL has run: open…() registers files only, and the returned function builds the frame. The
// declarative runner opens every source before finishing any; scripts do both at once.
import { invalidInput, notFound } from '../../kernel/errors.js';
import { requireTable } from '../../catalog/common.js';
import { registerTableView, tablePartitions, tableSource } from '../../catalog/table-view.js';
import type { ColumnInfo, FileSource } from '../../engine/query-engine.js';
import type { RunSession } from '../runtime/run-session.js';
import { keyRange, recordLastKey, selectNewFiles } from '../bookmarks/bookmark-session.js';
import { checkKeys, lastKeySql } from '../bookmarks/key-bookmark.js';
import { Frame } from './frame.js';
import { listFiles, type ListedFile } from './list-files.js';
import type { CatalogSource, PathSource } from './types.js';
import { ident, literal } from './sql.js';

const FILE_COLUMN = '__sluice_source_file';

interface Group {
  /** Partition values (catalog partitions), [] otherwise. */
  values: (string | null)[];
  files: ListedFile[];
}

export type Finish = () => Promise<Frame>;

export async function fromCatalog(session: RunSession, o: CatalogSource): Promise<Frame> {
  return (await openCatalog(session, o))();
}

export async function fromPath(session: RunSession, o: PathSource): Promise<Frame> {
  return (await openPath(session, o))();
}

export async function openCatalog(session: RunSession, o: CatalogSource): Promise<Finish> {
  const { db } = session.services.store;
  const catalogId = session.accountId;
  session.bounds?.readTable(o.database, o.table);
  const table = await requireTable(db, catalogId, o.database, o.table);
  const qualified = `${table.DatabaseName}.${table.Name}`;
  if (o.bookmarkKeys) {
    session.lineage.inputs.push({ kind: 'table', name: qualified });
    return keyBookmarkedTable(session, o, table);
  }

  const partitions = table.PartitionKeys?.length ? await tablePartitions(db, catalogId, table) : [];
  const base = tableSource(table, partitions);
  const locations = base.partitions
    ? base.partitions.list.map((p) => ({ values: p.values, paths: p.paths }))
    : [{ values: [], paths: base.paths }];
  const groups: Group[] = [];
  for (const l of locations)
    groups.push({ values: l.values, files: (await Promise.all(l.paths.map((p) => listFiles(session.services, p)))).flat() });
  const finish = await readGroups(session, o, base, groups, { kind: 'table', name: qualified });
  return async () => {
    const frame = await finish();
    return o.pushDownPredicate ? frame.derive(`SELECT * FROM ${frame.sqlName} WHERE ${o.pushDownPredicate}`) : frame;
  };
}

export async function openPath(session: RunSession, o: PathSource): Promise<Finish> {
  const paths = typeof o.paths === 'string' ? [o.paths] : o.paths;
  if (!paths?.length) throw invalidInput('fromPath needs paths');
  if (!['csv', 'tsv', 'json', 'parquet'].includes(o.format))
    throw invalidInput(`fromPath: format ${o.format} is not one of csv, tsv, json, parquet`);
  const files = (await Promise.all(paths.map((p) => listFiles(session.services, p)))).flat();
  if (!files.length) throw notFound(`No files found at ${paths.join(', ')}`);
  const base: FileSource = { format: o.format, paths: [], hivePartitioning: o.hivePartitioning, options: o.formatOptions };
  return readGroups(session, o, base, [{ values: [], files }], { kind: 'path', name: paths.join(', ') });
}

async function readGroups(
  session: RunSession,
  o: CatalogSource | PathSource,
  base: FileSource,
  groups: Group[],
  input: { kind: 'table' | 'path'; name: string },
): Promise<Finish> {
  const all = groups.flatMap((g) => g.files);
  // Each object is read as s3:GetObject on its own ARN, as a role's policy on S3 would be checked.
  for (const f of all) session.bounds?.read(f.path);
  const selected = new Set(selectNewFiles(session, o.transformationCtx, all).map((f) => f.path));
  const chosen = groups.map((g) => ({ ...g, files: g.files.filter((f) => selected.has(f.path)) })).filter((g) => g.files.length);
  for (const f of all) {
    if (!selected.has(f.path)) continue;
    session.metrics.filesRead++;
    session.metrics.bytesRead += f.size;
  }
  session.lineage.inputs.push({ ...input, files: selected.size });
  session.log('info', 'source read', { ctx: o.transformationCtx, files: all.length, newFiles: selected.size });
  const engine = await session.engine();
  const name = session.nextName('src');
  const withFile = o.sourceFileColumn ? { ...base.options, filename: FILE_COLUMN } : base.options;
  const keys = base.partitions?.keys ?? [];
  let build: Finish;
  if (!chosen.length) {
    // Nothing new: the source's columns, no rows.
    if (!all.length && !base.columns) throw notFound(`No files found for ${name}`);
    const full = all.length ? sourceOf(base, groups, keys) : base;
    await engine.registerFiles(name, { ...full, options: withFile });
    build = () => new Frame(session, name).derive(`SELECT * FROM ${ident(name)} WHERE false`, 'src');
  } else if (o.sourceFileColumn && keys.length) {
    // Partitioned and with file names: one view per partition (the engine's partition folders are
    // links whose names are not the files'), each with its partition values as constants.
    const parts: string[] = [];
    for (const [i, g] of chosen.entries()) {
      const part = `${name}_p${i}`;
      await engine.registerFiles(part, {
        format: base.format,
        paths: g.files.map((f) => f.readPath),
        columns: base.columns,
        options: withFile,
      });
      const values = keys.map((k, j) => `CAST(${literal(g.values[j])} AS ${k.type}) AS ${ident(k.name)}`);
      parts.push(`SELECT *, ${values.join(', ')} FROM ${ident(part)}`);
    }
    build = () => new Frame(session, name).derive(parts.join(' UNION ALL BY NAME '), 'src');
  } else {
    await engine.registerFiles(name, { ...sourceOf(base, chosen, keys), options: withFile });
    build = async () => new Frame(session, name);
  }
  return async () => {
    let frame = await build();
    if (o.sourceFileColumn) {
      frame = await frame.derive(
        `SELECT * EXCLUDE (${FILE_COLUMN}), ${FILE_COLUMN} AS ${ident(o.sourceFileColumn)} FROM ${frame.sqlName}`,
        'src',
      );
    }
    session.sourceViews.push(frame.name);
    return new Frame(session, frame.name, frame.name);
  };
}

function sourceOf(base: FileSource, groups: Group[], keys: ColumnInfo[]): FileSource {
  if (!keys.length) return { ...base, paths: groups.flatMap((g) => g.files.map((f) => f.readPath)) };
  return {
    ...base,
    paths: [],
    partitions: { keys, list: groups.map((g) => ({ values: g.values, paths: g.files.map((f) => f.readPath) })) },
  };
}

async function keyBookmarkedTable(session: RunSession, o: CatalogSource, table: Parameters<typeof registerTableView>[3]): Promise<Finish> {
  const keys = o.bookmarkKeys!;
  const order = o.bookmarkKeysSortOrder ?? 'asc';
  checkKeys(keys, order);
  if (o.sourceFileColumn) throw invalidInput('sourceFileColumn cannot be combined with bookmarkKeys');
  const engine = await session.engine();
  const name = session.nextName('src');
  await registerTableView(engine, session.services.store.db, session.accountId, table, { viewName: name });
  return () => keyBookmarkedFrame(session, o, new Frame(session, name), keys, order);
}

async function keyBookmarkedFrame(
  session: RunSession,
  o: CatalogSource,
  source: Frame,
  keys: string[],
  order: 'asc' | 'desc',
): Promise<Frame> {
  const engine = await session.engine();
  let frame = source;
  for (const k of keys)
    if (!(await frame.schema()).some((c) => c.name === k))
      throw invalidInput(`Bookmark key ${k} is not a column of ${o.database}.${o.table}`);
  const conditions = [o.pushDownPredicate, keyRange(session, o.transformationCtx, keys, order)].filter(Boolean);
  if (conditions.length)
    frame = await frame.derive(`SELECT * FROM ${frame.sqlName} WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}`, 'src');
  const last = (await engine.query(lastKeySql(keys, order, frame.sqlName))).rows[0];
  recordLastKey(session, o.transformationCtx, keys, order, last ? keys.map((k) => last[k]) : undefined);
  session.sourceViews.push(frame.name);
  return new Frame(session, frame.name, frame.name);
}
