// A declarative (.yaml) job as a Glue visual job. Sources become S3/catalog source nodes named after
// their transformationCtx (Glue Studio's generated code uses the node name as transformation_ctx, so
// the bookmark state keeps its name); nodes become chains of transform nodes; each sink an
// S3GlueParquetTarget, partitioned and updating the catalog when it names a table.
import type { DeclarativeJob, SourceSpec } from '../../jobs/scripts/yaml/yaml-schema.js';
import { glueType } from '../../jobs/output/glue-column-type.js';
import { type Column, type FrameRef, VisualGraph } from './graph.js';
import { applyStep, withColumns, type StepContext } from './steps.js';
import { toSparkSql } from './spark-sql.js';

export interface SourceHelp {
  /** The project's location as S3 (a zone → its environment bucket). */
  toS3(location: string): string;
  /** Columns of a catalog table, or of the catalog table at a location, when the project knows them. */
  columnsOf(database: string, table: string): Column[] | undefined;
  columnsAt(location: string): Column[] | undefined;
}

const SEPARATOR: Record<string, string> = { ',': 'comma', '\t': 'tab', '|': 'pipe', ';': 'semicolon', '\u0001': 'ctrla' };

function sourceNode(g: VisualGraph, name: string, s: SourceSpec, help: SourceHelp): FrameRef {
  // The node name is the transformation_ctx Glue Studio's code gives the read.
  const ctx = s.transformationCtx === false ? name : (s.transformationCtx ?? name);
  if (s.transformationCtx === false)
    g.note(
      `source ${name}: transformationCtx false (read whole every run) does not carry over; on Glue, with bookmarks enabled, every source node is bookmarked`,
    );
  if (s.bookmarkKeys) g.note(`source ${name}: bookmarkKeys do not carry over to a visual catalog source`);
  if (s.catalog) {
    const body: Record<string, unknown> = { Database: s.catalog.database, Table: s.catalog.table };
    if (s.pushDownPredicate) body.PartitionPredicate = s.pushDownPredicate;
    const id = g.add('S3CatalogSource', ctx, body);
    return { id, columns: help.columnsOf(s.catalog.database, s.catalog.table) };
  }
  const paths = (Array.isArray(s.path) ? s.path : [s.path!]).map((p) => help.toS3(p));
  if (paths.some((p) => /[*?[]/.test(p))) g.note(`source ${name}: glob paths do not carry over; Glue reads S3 prefixes (recursively)`);
  const o = s.formatOptions ?? {};
  const declared =
    o.columns && typeof o.columns === 'object'
      ? Object.entries(o.columns as Record<string, string>).map(([n, t]) => ({ name: n, type: glueType(t) }))
      : undefined;
  const columns = declared ?? help.columnsAt((Array.isArray(s.path) ? s.path[0] : s.path)!);
  const schemas = declared ? { OutputSchemas: [{ Columns: declared.map((c) => ({ Name: c.name, Type: c.type })) }] } : {};
  let id: string;
  if (s.format === 'csv' || s.format === 'tsv') {
    const sep = typeof o.delimiter === 'string' ? o.delimiter : typeof o.sep === 'string' ? o.sep : s.format === 'tsv' ? '\t' : ',';
    if (!SEPARATOR[sep]) g.note(`source ${name}: the delimiter ${JSON.stringify(sep)} is not one Glue's CSV source offers; comma is used`);
    id = g.add('S3CsvSource', ctx, {
      Paths: paths,
      Separator: SEPARATOR[sep] ?? 'comma',
      QuoteChar: 'quote',
      WithHeader: o.header !== false,
      Recurse: true,
      ...schemas,
    });
  } else if (s.format === 'json') {
    id = g.add('S3JsonSource', ctx, { Paths: paths, Recurse: true, ...schemas });
  } else {
    id = g.add('S3ParquetSource', ctx, { Paths: paths, Recurse: true, ...schemas });
  }
  const frame = { id, columns };
  if (!s.sourceFileColumn) return frame;
  const c: StepContext = { graph: g, where: name, resolve: () => frame, names: [] };
  return withColumns(c, frame, 'sourceFileColumn', [[s.sourceFileColumn, 'input_file_name()']]);
}

export function visualFromYaml(job: DeclarativeJob, help: SourceHelp, jobName: string): VisualGraph {
  const g = new VisualGraph();
  const built = new Map<string, FrameRef>();
  const names = [...Object.keys(job.sources), ...Object.keys(job.nodes)];
  for (const [name, s] of Object.entries(job.sources)) built.set(name, sourceNode(g, name, s, help));
  // The graph was checked (names exist, no cycle) when the job was parsed.
  const resolve = (name: string): FrameRef => {
    const done = built.get(name);
    if (done) return done;
    const node = job.nodes[name];
    let f = resolve(node.from);
    const c: StepContext = { graph: g, where: name, resolve, names };
    node.steps.forEach((step, i) => (f = applyStep(c, f, step, i)));
    built.set(name, f);
    return f;
  };
  job.sinks.forEach((sink, i) => {
    let frame = resolve(sink.from);
    const where = `sink ${i + 1} (${sink.table ?? sink.path})`;
    if (sink.partitionBy) {
      const c: StepContext = { graph: g, where, resolve, names };
      frame = withColumns(
        c,
        frame,
        'partitionBy',
        Object.entries(sink.partitionBy).map(([k, e]) => [k, toSparkSql(e)]),
      );
    }
    if (sink.mode !== 'append') g.note(`${where}: mode ${sink.mode} does not carry over; Glue's S3 target appends`);
    const partitionKeys = sink.partitionKeys ?? (sink.partitionBy ? Object.keys(sink.partitionBy) : []);
    const path = sink.path ? help.toS3(sink.path) : undefined;
    if (!path) {
      g.note(`${where}: no path; the target is the catalog table's own location`);
      g.add('S3CatalogTarget', `${jobName} ${where}`, {
        Inputs: [frame.id],
        Database: sink.database ?? 'default',
        Table: sink.table!,
        PartitionKeys: partitionKeys.map((k) => [k]),
        SchemaChangePolicy: { EnableUpdateCatalog: true, UpdateBehavior: 'UPDATE_IN_DATABASE' },
      });
      return;
    }
    const catalog = sink.table
      ? {
          SchemaChangePolicy: {
            EnableUpdateCatalog: true,
            UpdateBehavior: 'UPDATE_IN_DATABASE',
            Database: sink.database ?? 'default',
            Table: sink.table,
          },
        }
      : {};
    if (sink.compression === 'zstd') g.note(`${where}: zstd is not a compression Glue's Parquet target offers; snappy is used`);
    g.add('S3GlueParquetTarget', `${jobName} ${where}`, {
      Inputs: [frame.id],
      Path: path,
      PartitionKeys: partitionKeys.map((k) => [k]),
      Compression: 'snappy',
      ...catalog,
    });
  });
  return g;
}
