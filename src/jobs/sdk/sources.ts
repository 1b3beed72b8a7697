// Reading sources into frames: catalog tables and paths. A bookmarked source registers only the
// files (or rows, for bookmark keys) the bookmark has not seen; with nothing new, the frame is empty
// but keeps the source's columns. Opening is two steps because a sandboxed engine takes no new files
// once SQL has run: open…() registers files only, and the returned function builds the frame. The
// declarative runner opens every source before finishing any; scripts do both at once.
import { invalidInput, notFound } from '../../kernel/errors.js';
import { requireTable } from '../../catalog/common.js';
import { tablePartitions, tableSource } from '../../catalog/table-view.js';
import { maskedColumns, piiCheckFrom } from '../../catalog/column-masking.js';
import type { ColumnInfo, FileSource, RegisteredSource } from '../../engine/query-engine.js';
import type { ReadSource } from '../runtime/input-accounting.js';
import { isDecoded } from '../../engine/decode-file.js';
import { checkFiles, DECODER_OPTIONS, readPlan, type CheckedFile, type ReadPlan } from './read-checks.js';
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
  files: (ListedFile & { original?: string })[];
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
  // A run under a bounded role reads PII columns as NULL unless the role may sluice:ReadPiiColumn.
  const bounds = session.bounds;
  const pii = bounds && piiCheckFrom((d, t, c) => bounds.readPiiColumn(d, t, c.name, c.kind));
  const masked = (await maskedColumns(table, pii)).map((c) => c.name);
  if (o.bookmarkKeys) {
    checkKeys(o.bookmarkKeys, o.bookmarkKeysSortOrder ?? 'asc');
    if (o.sourceFileColumn) throw invalidInput('sourceFileColumn cannot be combined with bookmarkKeys');
  }

  const partitions = table.PartitionKeys?.length ? await tablePartitions(db, catalogId, table) : [];
  const fromTable = tableSource(table, partitions, { masked });
  // The source's formatOptions go over what the table's SerDe says (delimiter, header …).
  const base = o.formatOptions ? { ...fromTable, options: { ...fromTable.options, ...o.formatOptions } } : fromTable;
  const locations = base.partitions
    ? base.partitions.list.map((p) => ({ values: p.values, paths: p.paths }))
    : [{ values: [], paths: base.paths }];
  const groups: Group[] = [];
  for (const l of locations)
    groups.push({ values: l.values, files: (await Promise.all(l.paths.map((p) => listFiles(session.services, p)))).flat() });
  if (o.bookmarkKeys) {
    // Every file is read (the bookmark is on rows), inspected and in its record mode like any source.
    const finish = await readGroups(session, o, base, groups, { kind: 'table', name: qualified }, keyed(session, o));
    return finish;
  }
  const finish = await readGroups(session, o, base, groups, { kind: 'table', name: qualified });
  return async () => {
    const frame = await finish();
    return o.pushDownPredicate ? frame.derive(`SELECT * FROM ${frame.sqlName} WHERE ${o.pushDownPredicate}`) : frame;
  };
}

export async function openPath(session: RunSession, o: PathSource): Promise<Finish> {
  const paths = typeof o.paths === 'string' ? [o.paths] : o.paths;
  if (!paths?.length) throw invalidInput('fromPath needs paths');
  if (!['csv', 'tsv', 'json', 'parquet', 'avro', 'xml'].includes(o.format))
    throw invalidInput(`fromPath: format ${o.format} is not one of csv, tsv, json, parquet, avro, xml`);
  const files = (await Promise.all(paths.map((p) => listFiles(session.services, p)))).flat();
  if (!files.length) throw notFound(`No files found at ${paths.join(', ')}`);
  const base: FileSource = { format: o.format, paths: [], hivePartitioning: o.hivePartitioning, options: o.formatOptions };
  return readGroups(session, o, base, [{ values: [], files }], { kind: 'path', name: paths.join(', ') });
}

async function readGroups(
  session: RunSession,
  o: CatalogSource | PathSource,
  source: FileSource,
  groups: Group[],
  input: { kind: 'table' | 'path'; name: string },
  /** Key bookmarks: every file is read, and the rows are narrowed to those past the last key. */
  byKey?: KeyFilter,
): Promise<Finish> {
  const plan = readPlan(session, source.options);
  const all = groups.flatMap((g) => g.files);
  // Each object is read as s3:GetObject on its own ARN, as a role's policy on S3 would be checked.
  for (const f of all) session.bounds?.read(f.path);
  const selected = new Set((byKey ? all : selectNewFiles(session, o.transformationCtx, all)).map((f) => f.path));
  const picked = groups.map((g) => ({ ...g, files: g.files.filter((f) => selected.has(f.path)) })).filter((g) => g.files.length);
  for (const f of all) {
    if (!selected.has(f.path)) continue;
    session.metrics.filesRead++;
    session.metrics.bytesRead += f.size;
  }
  session.lineage.inputs.push({ ...input, files: selected.size });
  session.log('info', 'source read', { ctx: o.transformationCtx, files: all.length, newFiles: selected.size, mode: plan.mode });
  // Every file about to be read is looked at first; what DuckDB reads is the files that hold rows.
  const checked = new Map(
    (
      await checkFiles(
        session,
        plan,
        source.format,
        picked.flatMap((g) => g.files),
      )
    ).map((c) => [c.file.path, c]),
  );
  if ([...checked.values()].some((c) => c.readPath !== c.file.readPath) && String(plan.options.compression).toLowerCase() === 'gzip')
    plan.options.compression = 'auto'; // the cleaned copies are not compressed; the rest go by their names
  const chosen = picked
    .map((g) => ({
      ...g,
      files: g.files
        .filter((f) => checked.get(f.path)?.status === 'read')
        .map((f) => ({ ...f, readPath: checked.get(f.path)!.readPath, original: f.readPath })),
    }))
    .filter((g) => g.files.length);
  // Avro and XML files were decoded into NDJSON (read-checks.ts): DuckDB reads those as JSON.
  const decoded = isDecoded(source.format);
  const base: FileSource = decoded
    ? {
        ...source,
        format: 'json',
        columns: source.columns ?? writerColumns([...checked.values()]),
        options: Object.fromEntries(Object.entries(plan.options).filter(([k]) => !DECODER_OPTIONS.includes(k.toLowerCase()))),
        mode: plan.mode,
      }
    : { ...source, options: plan.options, mode: plan.mode };
  // Every NDJSON line was parsed above: the files' key spellings are known, beyond any sample.
  const keyed = [...checked.values()].filter((c) => c.status === 'read' && c.keys);
  if (base.format === 'json' && keyed.length) base.jsonKeys = Object.fromEntries(keyed.map((c) => [c.readPath, c.keys!]));
  const engine = await session.engine();
  const name = session.nextName('src');
  const keys = base.partitions?.keys ?? [];
  const reading = chosen.reduce((n, g) => n + g.files.length, 0);
  // The file each row came from: asked for, or needed to count rows per file.
  const fileColumn = o.sourceFileColumn || reading > 1 ? FILE_COLUMN : undefined;
  const withFile = fileColumn ? { ...base.options, filename: FILE_COLUMN } : base.options;
  const label = o.transformationCtx ?? input.name;
  const account = (view: string, registered: RegisteredSource, files: ListedFile[]): ReadSource => {
    const files_ = files.map((f) => checked.get(f.path)!);
    const column = files_.some((f) => f.status === 'read') ? fileColumn : undefined;
    const rs: ReadSource = {
      label,
      view,
      registered,
      mode: plan.mode,
      format: base.format,
      options: base.options,
      fileColumn: column,
      files: files_,
    };
    session.readSources.push(rs);
    return rs;
  };
  const unread = picked.flatMap((g) => g.files).filter((f) => checked.get(f.path)?.status !== 'read');
  let build: Finish;
  let sources: ReadSource[] = [];
  if (!chosen.length) {
    // Nothing new (or nothing readable): the source's columns, no rows. Without declared columns
    // they come from one earlier file that is readable (an earlier run may have set some aside).
    const known = base.columns ? groups : await healthyFile(session, plan, base.format, groups, checked);
    if (!known.length && !base.columns) {
      if (!all.length) throw notFound(`No files found for ${name}`);
      throw invalidInput(
        `${input.name}: no file holds any rows (${unread.map((f) => `${f.path}: ${checked.get(f.path)?.reason ?? 'empty'}`).join('; ')}), so the source has no columns to read`,
      );
    }
    const withColumns =
      decoded && !base.columns ? { ...base, columns: writerColumns(known.flatMap((g) => g.files.map((f) => checked.get(f.path)!))) } : base;
    const full = known.length ? sourceOf(withColumns, known, keys) : base;
    await engine.registerFiles(name, { ...full, options: withFile, mode: 'FAILFAST' });
    if (unread.length) sources.push(account(name, { files: {} }, unread));
    build = () => new Frame(session, name).derive(`SELECT * FROM ${ident(name)} WHERE false`, 'src');
  } else if (o.sourceFileColumn && keys.length) {
    // Partitioned and with file names: one view per partition (the engine's partition folders are
    // links whose names are not the files'), each with its partition values as constants.
    const parts: string[] = [];
    for (const [i, g] of chosen.entries()) {
      const part = `${name}_p${i}`;
      const registered = await engine.registerFiles(part, {
        format: base.format,
        paths: g.files.map((f) => f.readPath),
        columns: base.columns,
        options: withFile,
        mode: base.mode,
        jsonKeys: base.jsonKeys,
        // Partition keys are constants added below; a masked key is nulled there.
        masked: base.masked?.filter((m) => !keys.some((k) => k.name.toLowerCase() === m.toLowerCase())),
      });
      sources.push(account(part, registered, g.files));
      const hidden = new Set(base.masked?.map((m) => m.toLowerCase()));
      const values = keys.map(
        (k, j) => `CAST(${hidden.has(k.name.toLowerCase()) ? 'NULL' : literal(g.values[j])} AS ${k.type}) AS ${ident(k.name)}`,
      );
      parts.push(`SELECT *, ${values.join(', ')} FROM ${ident(part)}`);
    }
    if (unread.length) sources.push(account(`${name}_p0`, { files: {} }, unread));
    build = () => new Frame(session, name).derive(parts.join(' UNION ALL BY NAME '), 'src');
  } else {
    const registered = await engine.registerFiles(name, { ...sourceOf(base, chosen, keys), options: withFile });
    sources = [account(name, registered, [...chosen.flatMap((g) => g.files), ...unread])];
    build = async () => new Frame(session, name);
  }
  return async () => {
    let frame = await build();
    if (byKey) {
      // The rows past the last key, file column kept: the accounting counts what this view holds.
      frame = await byKey.narrow(frame);
      for (const rs of sources) rs.view = frame.name;
    }
    if (o.sourceFileColumn) {
      frame = await frame.derive(
        `SELECT * EXCLUDE (${FILE_COLUMN}), ${fileNameOf(chosen)} AS ${ident(o.sourceFileColumn)} FROM ${frame.sqlName}`,
        'src',
      );
    } else if (fileColumn && chosen.length) {
      frame = await frame.derive(`SELECT * EXCLUDE (${FILE_COLUMN}) FROM ${frame.sqlName}`, 'src');
    }
    session.sourceViews.push(frame.name);
    for (const rs of sources) rs.frame = frame.name;
    if (byKey) await byKey.record(frame);
    return new Frame(session, frame.name, frame.name);
  };
}

/** The file column's value as the source names the file: a cleaned copy (read-checks.ts) stands for its original. */
function fileNameOf(chosen: Group[]): string {
  const copies = chosen.flatMap((g) => g.files).filter((f) => f.readPath !== f.original);
  if (!copies.length) return FILE_COLUMN;
  return `CASE ${FILE_COLUMN} ${copies.map((f) => `WHEN ${literal(f.readPath)} THEN ${literal(f.original!)}`).join(' ')} ELSE ${FILE_COLUMN} END`;
}

/** The first file (as a group) that holds rows and passes inspection; [] when there is none. */
async function healthyFile(
  session: RunSession,
  plan: ReadPlan,
  format: FileSource['format'],
  groups: Group[],
  checked: Map<string, CheckedFile>,
): Promise<Group[]> {
  for (const g of groups)
    for (const f of g.files) {
      if (f.size === 0 || (checked.has(f.path) && checked.get(f.path)!.status !== 'read')) continue;
      // What DuckDB reads of it (a decoded Avro/XML file is its NDJSON); kept for its columns too.
      const c = checked.get(f.path) ?? (await checkFiles(session, plan, format, [f], { dryRun: true }))[0];
      checked.set(f.path, c);
      if (c.status === 'read') return [{ values: g.values, files: [{ ...f, readPath: c.readPath }] }];
    }
  return [];
}

/** Avro sources without catalog columns: the writer schemas' fields, first spelling of a name wins. */
function writerColumns(files: CheckedFile[]): ColumnInfo[] | undefined {
  const out: ColumnInfo[] = [];
  for (const f of files) for (const c of f.columns ?? []) if (!out.some((k) => k.name.toLowerCase() === c.name.toLowerCase())) out.push(c);
  return out.length ? out : undefined;
}

function sourceOf(base: FileSource, groups: Group[], keys: ColumnInfo[]): FileSource {
  if (!keys.length) return { ...base, paths: groups.flatMap((g) => g.files.map((f) => f.readPath)) };
  return {
    ...base,
    paths: [],
    partitions: { keys, list: groups.map((g) => ({ values: g.values, paths: g.files.map((f) => f.readPath) })) },
  };
}

interface KeyFilter {
  narrow(frame: Frame): Promise<Frame>;
  record(frame: Frame): Promise<void>;
}

/** A source with bookmarkKeys: its rows past the last key (and the push-down predicate); records the new last key. */
function keyed(session: RunSession, o: CatalogSource): KeyFilter {
  const keys = o.bookmarkKeys!;
  const order = o.bookmarkKeysSortOrder ?? 'asc';
  return {
    async narrow(frame) {
      const columns = await frame.schema();
      for (const k of keys)
        if (!columns.some((c) => c.name === k)) throw invalidInput(`Bookmark key ${k} is not a column of ${o.database}.${o.table}`);
      const conditions = [o.pushDownPredicate, keyRange(session, o.transformationCtx, keys, order)].filter(Boolean);
      if (!conditions.length) return frame;
      return frame.derive(`SELECT * FROM ${frame.sqlName} WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}`, 'src');
    },
    async record(frame) {
      const engine = await session.engine();
      const last = (await engine.query(lastKeySql(keys, order, frame.sqlName))).rows[0];
      recordLastKey(session, o.transformationCtx, keys, order, last ? keys.map((k) => last[k]) : undefined);
    },
  };
}
