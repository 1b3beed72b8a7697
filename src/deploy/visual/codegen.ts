// The PySpark script of a visual job, as Glue Studio generates one from CodeGenConfigurationNodes:
// each node one statement in dependency order, its transformation_ctx the node's name. It is
// uploaded to the job's ScriptLocation, so the job runs whether it was made through the API (which
// keeps the graph) or through Terraform (whose aws_glue_job has no field for the graph).
import type { CodeGenNode } from './graph.js';

const py = (v: unknown): string => {
  if (v === undefined || v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${JSON.stringify(k)}: ${py(x)}`)
    .join(', ')}}`;
};

const SEP: Record<string, string> = { comma: ',', tab: '\t', pipe: '|', semicolon: ';', ctrla: '\u0001' };

function order(nodes: Record<string, CodeGenNode>): string[] {
  const done: string[] = [];
  const visit = (id: string) => {
    if (done.includes(id)) return;
    const body = Object.values(nodes[id])[0] as { Inputs?: string[] };
    for (const i of body.Inputs ?? []) visit(i);
    done.push(id);
  };
  Object.keys(nodes).forEach(visit);
  return done;
}

function statement(v: string, type: string, n: Record<string, any>, ins: string[], nodes: Record<string, CodeGenNode>): string[] {
  const ctx = py(n.Name);
  const a = ins[0];
  const df = (expr: string) => [`${v} = DynamicFrame.fromDF(${expr}, glueContext, ${ctx})`];
  switch (type) {
    case 'S3CatalogSource':
    case 'CatalogSource':
      return [
        `${v} = glueContext.create_dynamic_frame.from_catalog(database=${py(n.Database)}, table_name=${py(n.Table)}${n.PartitionPredicate ? `, push_down_predicate=${py(n.PartitionPredicate)}` : ''}, transformation_ctx=${ctx})`,
      ];
    case 'S3CsvSource':
    case 'S3JsonSource':
    case 'S3ParquetSource': {
      const format = type === 'S3CsvSource' ? 'csv' : type === 'S3JsonSource' ? 'json' : 'parquet';
      const opts = type === 'S3CsvSource' ? { quoteChar: '"', withHeader: !!n.WithHeader, separator: SEP[n.Separator] ?? ',' } : {};
      return [
        `${v} = glueContext.create_dynamic_frame.from_options(format_options=${py(opts)}, connection_type="s3", format=${py(format)}, connection_options=${py({ paths: n.Paths, recurse: true })}, transformation_ctx=${ctx})`,
      ];
    }
    case 'ApplyMapping':
      return [
        `${v} = ApplyMapping.apply(frame=${a}, mappings=[${(n.Mapping as any[]).map((m) => `(${py(m.FromPath.join('.'))}, ${py(m.FromType ?? m.ToType ?? 'string')}, ${py(m.ToKey)}, ${py(m.ToType ?? m.FromType ?? 'string')})`).join(', ')}], transformation_ctx=${ctx})`,
      ];
    case 'SelectFields':
      return [`${v} = SelectFields.apply(frame=${a}, paths=${py(n.Paths.map((p: string[]) => p.join('.')))}, transformation_ctx=${ctx})`];
    case 'DropFields':
      return [`${v} = DropFields.apply(frame=${a}, paths=${py(n.Paths.map((p: string[]) => p.join('.')))}, transformation_ctx=${ctx})`];
    case 'RenameField':
      return [
        `${v} = RenameField.apply(frame=${a}, old_name=${py(n.SourcePath.join('.'))}, new_name=${py(n.TargetPath.join('.'))}, transformation_ctx=${ctx})`,
      ];
    case 'Filter': {
      const ops: Record<string, string> = { EQ: '==', LT: '<', GT: '>', LTE: '<=', GTE: '>=' };
      const f = n.Filters[0];
      const col = f.Values[0].Value[0];
      const lit = f.Values[1].Value[0];
      const value = /^-?\d+(\.\d+)?$/.test(lit) ? lit : py(lit);
      return [
        `${v} = Filter.apply(frame=${a}, f=lambda row: (row[${py(col)}] is not None and row[${py(col)}] ${ops[f.Operation]} ${value}), transformation_ctx=${ctx})`,
      ];
    }
    case 'DropDuplicates':
      return df(`${a}.toDF().dropDuplicates(${py(n.Columns.map((c: string[]) => c.join('.')))})`);
    case 'Join': {
      const [l, r] = n.Columns as { From: string; Keys: string[][] }[];
      const how: Record<string, string> = {
        equijoin: 'inner',
        left: 'left',
        right: 'right',
        outer: 'outer',
        leftsemi: 'leftsemi',
        leftanti: 'leftanti',
      };
      const cond = l.Keys.map((k, i) => `${a}_df[${py(k.join('.'))}] == ${ins[1]}_df[${py(r.Keys[i].join('.'))}]`).join(') & (');
      return [
        `${a}_df = ${a}.toDF()`,
        `${ins[1]}_df = ${ins[1]}.toDF()`,
        ...df(`${a}_df.join(${ins[1]}_df, (${cond}), ${py(how[n.JoinType])})`),
      ];
    }
    case 'Aggregate': {
      const aggs = (n.Aggs as { Column: string[]; AggFunc: string }[]).map(
        (x) => `F.${x.AggFunc}(${py(x.Column.join('.'))}).alias(${py(`${x.AggFunc}(${x.Column.join('.')})`)})`,
      );
      return df(`${a}.toDF().groupBy(${(n.Groups as string[][]).map((g) => py(g.join('.'))).join(', ')}).agg(${aggs.join(', ')})`);
    }
    case 'Union':
      return df(`${a}.toDF().unionByName(${ins[1]}.toDF(), allowMissingColumns=True)${n.UnionType === 'DISTINCT' ? '.distinct()' : ''}`);
    case 'FillMissingValues':
      return [
        `${v} = FillMissingValues.apply(frame=${a}, missing_values_column=${py(n.ImputedPath)}${n.FilledPath ? `, output_column=${py(n.FilledPath)}` : ''}, transformation_ctx=${ctx})`,
      ];
    case 'SparkSQL': {
      const mapping = Object.fromEntries(
        (n.SqlAliases as { From: string; Alias: string }[]).map((s) => [s.Alias, `@${varOf(s.From, nodes)}`]),
      );
      const m = `{${Object.entries(mapping)
        .map(([k, x]) => `${JSON.stringify(k)}: ${x.slice(1)}`)
        .join(', ')}}`;
      return [`${v} = sparkSqlQuery(glueContext, query=${py(n.SqlQuery)}, mapping=${m}, transformation_ctx=${ctx})`];
    }
    case 'CustomCode':
      return [
        ...String(n.Code).split('\n'),
        `${v} = ${n.ClassName}(glueContext, DynamicFrameCollection({${ins.map((i) => `${py(i)}: ${i}`).join(', ')}}, glueContext))`,
      ];
    case 'SelectFromCollection':
      return [`${v} = SelectFromCollection.apply(dfc=${a}, key=list(${a}.keys())[${n.Index}], transformation_ctx=${ctx})`];
    case 'EvaluateDataQuality':
      return [
        `${v}_results = EvaluateDataQuality().process_rows(frame=${a}, ruleset=${py(n.Ruleset)}, publishing_options=${py({ dataQualityEvaluationContext: n.PublishingOptions?.EvaluationContext ?? n.Name, enableDataQualityCloudWatchMetrics: true, enableDataQualityResultsPublishing: true })}, additional_options={"performanceTuning.caching": "CACHE_NOTHING"})`,
        `${v} = ${a}`,
      ];
    case 'S3GlueParquetTarget': {
      const p = n.SchemaChangePolicy;
      const lines = [
        `${v} = glueContext.getSink(path=${py(n.Path)}, connection_type="s3", updateBehavior=${py(p?.UpdateBehavior ?? 'LOG')}, partitionKeys=${py((n.PartitionKeys ?? []).map((k: string[]) => k.join('.')))}, enableUpdateCatalog=${py(!!p?.EnableUpdateCatalog)}, transformation_ctx=${ctx})`,
      ];
      if (p?.EnableUpdateCatalog) lines.push(`${v}.setCatalogInfo(catalogDatabase=${py(p.Database)}, catalogTableName=${py(p.Table)})`);
      lines.push(`${v}.setFormat("glueparquet", compression=${py(n.Compression ?? 'snappy')})`, `${v}.writeFrame(${a})`);
      return lines;
    }
    case 'S3CatalogTarget':
      return [
        `${v} = glueContext.write_dynamic_frame.from_catalog(frame=${a}, database=${py(n.Database)}, table_name=${py(n.Table)}, additional_options=${py({ enableUpdateCatalog: true, updateBehavior: 'UPDATE_IN_DATABASE', partitionKeys: (n.PartitionKeys ?? []).map((k: string[]) => k.join('.')) })}, transformation_ctx=${ctx})`,
      ];
    default:
      return [`raise Exception(${py(`Sluice cannot generate code for a ${type} node`)})`];
  }
}

const varOf = (id: string, _nodes: Record<string, CodeGenNode>) => id.replace(/[^A-Za-z0-9_]/g, '_');

export function pythonScript(nodes: Record<string, CodeGenNode>): string {
  const body: string[] = [];
  for (const id of order(nodes)) {
    const [type, n] = Object.entries(nodes[id])[0] as [string, Record<string, any>];
    const ins = ((n.Inputs as string[]) ?? []).map((i) => varOf(i, nodes));
    body.push(`# ${type}: ${n.Name}`, ...statement(varOf(id, nodes), type, n, ins, nodes), '');
  }
  return `# Generated by Sluice from the job's CodeGenConfigurationNodes (the same graph Glue Studio shows).
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection
from awsgluedq.transforms import EvaluateDataQuality
from awsglueml.transforms import FillMissingValues
from pyspark.context import SparkContext
from pyspark.sql import functions as F

def sparkSqlQuery(glueContext, query, mapping, transformation_ctx) -> DynamicFrame:
    for alias, frame in mapping.items():
        frame.toDF().createOrReplaceTempView(alias)
    result = spark.sql(query)
    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

${body.join('\n')}
job.commit()
`;
}
