// One declarative step as Glue nodes. A step maps to the node Glue has for it (ApplyMapping,
// RenameField, SelectFields, DropFields, Filter, DropDuplicates, Join, Aggregate, Union,
// FillMissingValues, EvaluateDataQuality), else to SparkSQL. Steps that replace columns in place
// need the frame's columns for a SparkSQL select list; without them they become a CustomCode
// (PySpark) transform, and the plan names the step: Glue has no node for it. What Sluice does and
// Glue does not (quarantine, ordered de-duplication) is named as a note, never dropped silently.
import type { Step } from '../../jobs/scripts/yaml/yaml-schema.js';
import { snake } from '../../jobs/scripts/yaml/yaml-steps.js';
import type { Column, FrameRef, VisualGraph } from './graph.js';
import { quoteIdent as q, sparkType, sqlString, toSparkSql, javaDateFormat } from './spark-sql.js';

export interface StepContext {
  graph: VisualGraph;
  /** The node's name, for node names and notes ("orders_clean step 2 (cast)"). */
  where: string;
  resolve(name: string): FrameRef;
  /** The job's source and node names, which a sql step may read from. */
  names: string[];
}

const AGG = new Set([
  'avg',
  'countDistinct',
  'count',
  'first',
  'last',
  'kurtosis',
  'max',
  'min',
  'skewness',
  'stddev_samp',
  'stddev_pop',
  'sum',
  'sumDistinct',
  'var_samp',
  'var_pop',
]);
const AGG_ALIAS: Record<string, string> = { mean: 'avg', count_distinct: 'countDistinct', stddev: 'stddev_samp', variance: 'var_samp' };

/** SELECT * WHERE cond, as a SparkSQL node. */
function sqlNode(c: StepContext, label: string, inputs: FrameRef[], aliases: string[], query: string, columns?: Column[]): FrameRef {
  const id = c.graph.add('SparkSQL', `${c.where}: ${label}`, {
    Inputs: inputs.map((i) => i.id),
    SqlQuery: query,
    SqlAliases: inputs.map((i, n) => ({ From: i.id, Alias: aliases[n] })),
  });
  return { id, columns };
}

/** Replaces or adds columns: a SparkSQL select list when the columns are known, else a CustomCode transform. */
export function withColumns(c: StepContext, frame: FrameRef, label: string, set: [string, string][]): FrameRef {
  if (frame.columns) {
    const names = new Set(set.map(([n]) => n));
    const replaced = frame.columns.map((col) => {
      const e = set.find(([n]) => n === col.name);
      return e ? `${e[1]} AS ${q(col.name)}` : q(col.name);
    });
    const fresh = set.filter(([n]) => !frame.columns!.some((col) => col.name === n));
    const added = fresh.map(([n, e]) => `${e} AS ${q(n)}`);
    const columns = [...frame.columns.map((col) => (names.has(col.name) ? { name: col.name } : col)), ...fresh.map(([name]) => ({ name }))];
    return sqlNode(c, label, [frame], ['input'], `SELECT ${[...replaced, ...added].join(', ')} FROM input`, columns);
  }
  const body = set.map(([n, e]) => `    df = df.withColumn(${JSON.stringify(n)}, F.expr(${JSON.stringify(e)}))`);
  return customCode(c, frame, label, body, undefined);
}

/** A CustomCode transform (PySpark over the input's DataFrame) and the SelectFromCollection after it. */
export function customCode(c: StepContext, frame: FrameRef, label: string, body: string[], columns: Column[] | undefined): FrameRef {
  const className = `Sluice_${c.where.replace(/[^A-Za-z0-9]+/g, '_')}_${label.replace(/[^A-Za-z0-9]+/g, '_')}`.slice(0, 80);
  const code = [
    `def ${className}(glueContext, dfc) -> DynamicFrameCollection:`,
    '    from pyspark.sql import functions as F',
    '    df = dfc.select(list(dfc.keys())[0]).toDF()',
    ...body,
    `    return DynamicFrameCollection({${JSON.stringify(className)}: DynamicFrame.fromDF(df, glueContext, ${JSON.stringify(className)})}, glueContext)`,
  ].join('\n');
  const custom = c.graph.add('CustomCode', `${c.where}: ${label}`, { Inputs: [frame.id], Code: code, ClassName: className });
  c.graph.note(`${c.where}: step ${label} has no Glue node without known columns; exported as a CustomCode (PySpark) transform`);
  const id = c.graph.add('SelectFromCollection', `${c.where}: ${label} output`, { Inputs: [custom], Index: 0 });
  return { id, columns };
}

/** The Spark expression that parses text (or epoch seconds) with each format in turn, then ISO 8601. */
function parseExpr(col: string, formats: string[], as: 'date' | 'timestamp'): string {
  const text = `CAST(${q(col)} AS STRING)`;
  const tries = formats.map((f) =>
    f === 'epoch'
      ? `CASE WHEN ${text} RLIKE '^-?[0-9]{1,12}$' THEN timestamp_seconds(CAST(${text} AS BIGINT)) END`
      : `to_timestamp(${text}, ${sqlString(javaDateFormat(f))})`,
  );
  const ts = `coalesce(${[...tries, `CAST(${text} AS TIMESTAMP)`].join(', ')})`;
  return as === 'date' ? `to_date(${ts})` : ts;
}

const SIMPLE_FILTER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=|<=|>=|<|>)\s*('(?:[^']*)'|-?\d+(?:\.\d+)?)\s*$/;
const FILTER_OP: Record<string, string> = { '=': 'EQ', '<': 'LT', '>': 'GT', '<=': 'LTE', '>=': 'GTE' };

export function applyStep(c: StepContext, frame: FrameRef, step: Step, index: number): FrameRef {
  const kind = Object.keys(step)[0];
  const label = `${kind} ${index + 1}`;
  const g = c.graph;
  const name = `${c.where}: ${label}`;
  const cols = frame.columns;
  if ('cleanNames' in step) {
    if (cols) {
      const seen = new Set<string>();
      const mapped = cols.map((col) => {
        let n = snake(col.name);
        while (seen.has(n)) n = `${n}_`;
        seen.add(n);
        return { from: col, to: n };
      });
      const Mapping = mapped.map(({ from, to }) => ({
        FromPath: [from.name],
        ToKey: to,
        ...(from.type ? { FromType: from.type, ToType: from.type } : {}),
      }));
      return {
        id: g.add('ApplyMapping', name, { Inputs: [frame.id], Mapping }),
        columns: mapped.map((m) => ({ name: m.to, type: m.from.type })),
      };
    }
    return customCode(
      c,
      frame,
      label,
      [
        '    import re',
        "    snake = lambda s: ('_' if s.startswith('_') else '') + (re.sub(r'^_+|_+$', '', re.sub(r'[^A-Za-z0-9]+', '_', re.sub(r'([A-Z]+)([A-Z][a-z])', r'\\1_\\2', re.sub(r'([a-z0-9])([A-Z])', r'\\1_\\2', s)))).lower() or 'col')",
        '    df = df.toDF(*[snake(c) for c in df.columns])',
      ],
      undefined,
    );
  }
  if ('rename' in step) {
    let f = frame;
    for (const [from, to] of Object.entries(step.rename)) {
      const id = g.add('RenameField', `${name} ${from}`, { Inputs: [f.id], SourcePath: [from], TargetPath: [to] });
      f = { id, columns: f.columns?.map((col) => (col.name === from ? { ...col, name: to } : col)) };
    }
    return f;
  }
  if ('mapping' in step) {
    const Mapping = step.mapping.map(([from, fromType, to, toType]) => ({
      FromPath: from.split('.'),
      FromType: fromType,
      ToKey: to,
      ToType: toType,
    }));
    return {
      id: g.add('ApplyMapping', name, { Inputs: [frame.id], Mapping }),
      columns: step.mapping.map(([, , to, type]) => ({ name: to, type })),
    };
  }
  if ('select' in step)
    return {
      id: g.add('SelectFields', name, { Inputs: [frame.id], Paths: step.select.map((p) => [p]) }),
      columns: cols && step.select.map((s) => cols.find((x) => x.name === s) ?? { name: s }),
    };
  if ('drop' in step)
    return {
      id: g.add('DropFields', name, { Inputs: [frame.id], Paths: step.drop.map((p) => [p]) }),
      columns: cols?.filter((x) => !step.drop.includes(x.name)),
    };
  if ('cast' in step) {
    if (step.cast.onError === 'quarantine' || step.cast.onError === 'drop')
      g.note(`${c.where}: cast onError ${step.cast.onError} does not carry over; on Glue a value that does not convert becomes null`);
    if (cols) {
      const Mapping = cols
        .map((col) => {
          const to = step.cast.columns[col.name];
          return {
            FromPath: [col.name],
            ToKey: col.name,
            FromType: col.type ?? (to ? 'string' : undefined),
            ToType: to ? sparkType(to) : col.type,
          };
        })
        .map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)));
      return {
        id: g.add('ApplyMapping', name, { Inputs: [frame.id], Mapping }),
        columns: cols.map((col) => ({
          name: col.name,
          type: step.cast.columns[col.name] ? sparkType(step.cast.columns[col.name]) : col.type,
        })),
      };
    }
    return withColumns(
      c,
      frame,
      label,
      Object.entries(step.cast.columns).map(([col, t]) => [col, `CAST(${q(col)} AS ${sparkType(t)})`]),
    );
  }
  if ('parseDates' in step) {
    const { formats, as, onError } = step.parseDates;
    if (onError !== 'null')
      g.note(`${c.where}: parseDates onError ${onError} does not carry over; on Glue a value no format reads becomes null`);
    const out = withColumns(
      c,
      frame,
      label,
      step.parseDates.columns.map((col) => [col, parseExpr(col, formats, as)]),
    );
    return { ...out, columns: out.columns?.map((x) => (step.parseDates.columns.includes(x.name) ? { name: x.name, type: as } : x)) };
  }
  if ('nulls' in step) {
    const { action, value } = step.nulls;
    const missing = (col: string) => `(${q(col)} IS NULL OR trim(CAST(${q(col)} AS STRING)) = '')`;
    if (action === 'replace') {
      const lit = value === undefined || value === null ? 'NULL' : typeof value === 'string' ? sqlString(value) : String(value);
      return withColumns(
        c,
        frame,
        label,
        step.nulls.columns.map((col) => [col, `CASE WHEN ${missing(col)} THEN ${lit} ELSE ${q(col)} END`]),
      );
    }
    if (action === 'quarantine') g.note(`${c.where}: nulls quarantine drops the rows on Glue (there is no quarantine table)`);
    return sqlNode(c, label, [frame], ['input'], `SELECT * FROM input WHERE NOT (${step.nulls.columns.map(missing).join(' OR ')})`, cols);
  }
  if ('derive' in step)
    return withColumns(
      c,
      frame,
      label,
      Object.entries(step.derive).map(([n, e]) => [n, toSparkSql(e)]),
    );
  if ('filter' in step) {
    if (step.filter.otherwise === 'quarantine') g.note(`${c.where}: filter otherwise quarantine drops the rows on Glue`);
    const m = SIMPLE_FILTER.exec(step.filter.where);
    if (m) {
      const value = m[3].startsWith("'") ? m[3].slice(1, -1) : m[3];
      const Filters = [
        {
          Operation: FILTER_OP[m[2]],
          Negated: false,
          Values: [
            { Type: 'COLUMNEXTRACTED', Value: [m[1]] },
            { Type: 'CONSTANT', Value: [value] },
          ],
        },
      ];
      return { id: g.add('Filter', name, { Inputs: [frame.id], LogicalOperator: 'AND', Filters }), columns: cols };
    }
    return sqlNode(c, label, [frame], ['input'], `SELECT * FROM input WHERE coalesce((${toSparkSql(step.filter.where)}), false)`, cols);
  }
  if ('quarantine' in step) {
    g.note(`${c.where}: quarantine drops the matching rows on Glue (there is no quarantine table)`);
    return sqlNode(
      c,
      label,
      [frame],
      ['input'],
      `SELECT * FROM input WHERE NOT coalesce((${toSparkSql(step.quarantine.where)}), false)`,
      cols,
    );
  }
  if ('dedupe' in step) {
    if (step.dedupe.orderBy) g.note(`${c.where}: dedupe orderBy does not carry over; Glue's DropDuplicates keeps any one row per key`);
    if (step.dedupe.otherwise === 'quarantine') g.note(`${c.where}: dedupe duplicates are dropped on Glue, not quarantined`);
    return { id: g.add('DropDuplicates', name, { Inputs: [frame.id], Columns: step.dedupe.keys.map((k) => [k]) }), columns: cols };
  }
  if ('join' in step) {
    const other = c.resolve(step.join.with);
    const JoinType = step.join.type === 'inner' ? 'equijoin' : step.join.type;
    const Columns = [
      { From: frame.id, Keys: Object.keys(step.join.on).map((k) => [k]) },
      { From: other.id, Keys: Object.values(step.join.on).map((k) => [k]) },
    ];
    const columns = cols && other.columns ? [...cols, ...other.columns.filter((o) => !cols.some((x) => x.name === o.name))] : undefined;
    return { id: g.add('Join', name, { Inputs: [frame.id, other.id], JoinType, Columns }), columns };
  }
  if ('lookup' in step) {
    const other = c.resolve(step.lookup.with);
    const keys = Object.values(step.lookup.on).map(q).join(', ');
    const on = Object.entries(step.lookup.on)
      .map(([l, r]) => `l.${q(l)} = r.${q(r)}`)
      .join(' AND ');
    const picked = Object.entries(step.lookup.columns).map(([as, col]) => `r.${q(col)} AS ${q(as)}`);
    const right = `(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ${keys} ORDER BY ${keys}) AS _sluice_rn FROM r) WHERE _sluice_rn = 1)`;
    const columns = cols && [...cols, ...Object.keys(step.lookup.columns).map((n) => ({ name: n }))];
    return sqlNode(c, label, [frame, other], ['l', 'r'], `SELECT l.*, ${picked.join(', ')} FROM l LEFT JOIN ${right} r ON ${on}`, columns);
  }
  if ('aggregate' in step) {
    const Aggs = step.aggregate.aggs.map((a) => ({ Column: [a.column], AggFunc: AGG_ALIAS[a.fn] ?? a.fn }));
    const bad = Aggs.filter((a) => !AGG.has(a.AggFunc));
    if (bad.length) {
      // No Aggregate node can hold it; SparkSQL can.
      g.note(
        `${c.where}: aggregate ${bad.map((b) => b.AggFunc).join(', ')} is not one of Glue's aggregate functions; exported as SparkSQL`,
      );
      const items = [
        ...step.aggregate.groupBy.map(q),
        ...step.aggregate.aggs.map((a) => `${a.fn}(${q(a.column)}) AS ${q(a.as ?? `${a.fn}(${a.column})`)}`),
      ];
      const group = step.aggregate.groupBy.length ? ` GROUP BY ${step.aggregate.groupBy.map(q).join(', ')}` : '';
      return sqlNode(
        c,
        label,
        [frame],
        ['input'],
        `SELECT ${items.join(', ')} FROM input${group}`,
        [...step.aggregate.groupBy, ...step.aggregate.aggs.map((a) => a.as ?? `${a.fn}(${a.column})`)].map((n) => ({ name: n })),
      );
    }
    let f: FrameRef = { id: g.add('Aggregate', name, { Inputs: [frame.id], Groups: step.aggregate.groupBy.map((k) => [k]), Aggs }) };
    // Glue names an aggregate column fn(column); `as` becomes a RenameField after it.
    for (const a of step.aggregate.aggs) {
      if (!a.as) continue;
      f = {
        id: g.add('RenameField', `${name} ${a.as}`, {
          Inputs: [f.id],
          SourcePath: [`${AGG_ALIAS[a.fn] ?? a.fn}(${a.column})`],
          TargetPath: [a.as],
        }),
      };
    }
    return {
      id: f.id,
      columns: [...step.aggregate.groupBy, ...step.aggregate.aggs.map((a) => a.as ?? `${AGG_ALIAS[a.fn] ?? a.fn}(${a.column})`)].map(
        (n) => ({ name: n }),
      ),
    };
  }
  if ('union' in step) {
    const other = c.resolve(step.union.with);
    return {
      id: g.add('Union', name, { Inputs: [frame.id, other.id], UnionType: step.union.distinct ? 'DISTINCT' : 'ALL' }),
      columns: cols,
    };
  }
  if ('fillMissing' in step) {
    const body: Record<string, unknown> = { Inputs: [frame.id], ImputedPath: step.fillMissing.column };
    if (step.fillMissing.output) body.FilledPath = step.fillMissing.output;
    return {
      id: g.add('FillMissingValues', name, body),
      columns: cols && (step.fillMissing.output ? [...cols, { name: step.fillMissing.output }] : cols),
    };
  }
  if ('metadata' in step) {
    g.note(`${c.where}: metadata _run_id is the job run's id on Glue only through --JOB_RUN_ID; the export sets it to the job name`);
    const has = (n: string) => cols?.some((x) => x.name === n);
    const set: [string, string][] = [['_ingest_ts', 'current_timestamp()']];
    if (!has('_source_file')) set.push(['_source_file', 'input_file_name()']);
    set.push(['_run_id', sqlString(c.where.split(':')[0])]);
    const out = withColumns(c, frame, label, set);
    return out;
  }
  if ('quality' in step) {
    if (step.quality.quarantine) g.note(`${c.where}: quality row-level quarantine does not carry over; Glue records the results only`);
    const id = g.add('EvaluateDataQuality', name, {
      Inputs: [frame.id],
      Ruleset: step.quality.ruleset,
      Output: 'PrimaryInput',
      PublishingOptions: {
        EvaluationContext: step.quality.name ?? c.where,
        ResultsPublishingEnabled: true,
        CloudWatchMetricsEnabled: true,
      },
    });
    return { id, columns: cols };
  }
  if ('sql' in step) {
    c.graph.note(`${c.where}: sql step runs as Spark SQL; DuckDB-only syntax in it must be rewritten`);
    const others = c.names.filter((n) => n !== c.where && new RegExp(`\\b${n.replace(/[^A-Za-z0-9_]/g, '\\$&')}\\b`).test(step.sql));
    const refs = others.map((n) => c.resolve(n));
    return sqlNode(c, label, [frame, ...refs], ['input', ...others], toSparkSql(step.sql));
  }
  throw new Error(`unknown step ${kind}`);
}
