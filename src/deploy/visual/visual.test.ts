// Every template job exported as a visual job: it validates against the Glue API model, and its node
// graph is what its YAML says — each sink's chain of nodes, walked back to its source, is the
// sink's node's steps in order, mapped to the Glue node each step has.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseDeclarativeJob, substitute } from '../../jobs/scripts/yaml-script.js';
import type { DeclarativeJob, Step } from '../../jobs/scripts/yaml/yaml-schema.js';
import { visualFromYaml, type SourceHelp } from './from-yaml.js';
import { visualFromSql } from './from-sql.js';
import { validateVisualJob } from './validate.js';
import type { CodeGenNode } from './graph.js';
import { javaDateFormat, toSparkSql } from './spark-sql.js';
import { pythonScript } from './codegen.js';

const TEMPLATES = fileURLToPath(new URL('../../../templates/', import.meta.url));
const zones = { raw: 's3://raw-bucket', processed: 's3://processed-bucket', curated: 's3://curated-bucket' };
const help: SourceHelp = { toS3: (l) => l, columnsOf: () => undefined, columnsAt: () => undefined };

const typeOf = (n: CodeGenNode) => Object.keys(n)[0];
const bodyOf = (n: CodeGenNode) => Object.values(n)[0] as Record<string, any>;

/** The node types a step becomes, by the rules of steps.ts, given whether the columns are known. */
function expectedTypes(step: Step, known: boolean): string[] {
  const custom = ['CustomCode', 'SelectFromCollection'];
  if ('cleanNames' in step || 'cast' in step) return known ? ['ApplyMapping'] : custom;
  if ('parseDates' in step || 'derive' in step || 'metadata' in step) return known ? ['SparkSQL'] : custom;
  if ('nulls' in step) return step.nulls.action === 'replace' && !known ? custom : ['SparkSQL'];
  if ('rename' in step) return Object.keys(step.rename).map(() => 'RenameField');
  if ('select' in step) return ['SelectFields'];
  if ('drop' in step) return ['DropFields'];
  if ('dedupe' in step) return ['DropDuplicates'];
  if ('join' in step) return ['Join'];
  if ('union' in step) return ['Union'];
  if ('fillMissing' in step) return ['FillMissingValues'];
  if ('quality' in step) return ['EvaluateDataQuality'];
  if ('mapping' in step) return ['ApplyMapping'];
  return ['SparkSQL'];
}

/** Whether a step leaves the frame's columns known (as steps.ts tracks them). */
function keepsKnown(step: Step, known: boolean): boolean {
  if ('mapping' in step) return true;
  if ('sql' in step || 'aggregate' in step) return 'aggregate' in step;
  return known;
}

function templateJobs(): { template: string; name: string; file: string }[] {
  const out: { template: string; name: string; file: string }[] = [];
  for (const t of readdirSync(TEMPLATES)) {
    const p = join(TEMPLATES, t, 'pipeline.yaml');
    if (!existsSync(p)) continue;
    for (const [name, job] of Object.entries<any>(parse(readFileSync(p, 'utf8')).jobs ?? {})) {
      const script = String(job.Command.ScriptLocation);
      if (/\.(ya?ml|sql)$/.test(script)) out.push({ template: t, name, file: join(TEMPLATES, t, script.split('/').pop()!) });
    }
  }
  return out;
}

describe('template jobs as Glue visual jobs', () => {
  const jobs = templateJobs();
  it('the templates have YAML jobs to check', () => expect(jobs.length).toBeGreaterThan(0));

  for (const j of jobs) {
    it(`${j.template}/${j.name}: validates, and each sink's node chain is its YAML's steps`, () => {
      const job: DeclarativeJob = parseDeclarativeJob(substitute(readFileSync(j.file, 'utf8'), { zones, args: {} }, j.file), j.file);
      const graph = visualFromYaml(job, help, j.name);
      expect(validateVisualJob(graph.nodes)).toEqual([]);
      const targets = Object.entries(graph.nodes).filter(([, n]) => typeOf(n).endsWith('Target'));
      expect(targets).toHaveLength(job.sinks.length);
      job.sinks.forEach((sink, i) => {
        const [, target] = targets[i];
        const t = bodyOf(target);
        expect(typeOf(target)).toBe('S3GlueParquetTarget');
        expect(t.Path).toBe(sink.path);
        expect(t.PartitionKeys).toEqual(Object.keys(sink.partitionBy ?? {}).map((k) => [k]));
        if (sink.table)
          expect(t.SchemaChangePolicy).toMatchObject({ EnableUpdateCatalog: true, Database: sink.database, Table: sink.table });
        // Walk back from the target along the first input, to the source.
        const chain: string[] = [];
        let id: string | undefined = t.Inputs[0];
        while (id) {
          chain.unshift(typeOf(graph.nodes[id]));
          id = bodyOf(graph.nodes[id]).Inputs?.[0];
        }
        const node = job.nodes[sink.from];
        const source = job.sources[node.from];
        let known = !!source.formatOptions?.columns;
        const expected = [{ json: 'S3JsonSource', csv: 'S3CsvSource', tsv: 'S3CsvSource', parquet: 'S3ParquetSource' }[source.format!]!];
        if (source.sourceFileColumn) expected.push(...(known ? ['SparkSQL'] : ['CustomCode', 'SelectFromCollection']));
        for (const step of node.steps) {
          expected.push(...expectedTypes(step, known));
          known = keepsKnown(step, known);
        }
        if (sink.partitionBy) expected.push(...(known ? ['SparkSQL'] : ['CustomCode', 'SelectFromCollection']));
        expect(chain).toEqual(expected);
        // The source node is named for its bookmark: the transformation_ctx of Glue's generated code.
        const src = Object.values(graph.nodes).find((n) => bodyOf(n).Name === (source.transformationCtx || node.from));
        expect(src && typeOf(src)).toBe(expected[0]);
      });
      expect(pythonScript(graph.nodes)).toContain('transformation_ctx="orders"');
    });
  }
});

describe('visual job validation', () => {
  const source = { S3CatalogSource: { Name: 'a', Database: 'd', Table: 't' } };
  it('accepts a sound graph and names each broken rule', () => {
    expect(validateVisualJob({ a: source, b: { DropFields: { Name: 'b', Inputs: ['a'], Paths: [['x']] } } })).toEqual([]);
    const broken = validateVisualJob({
      a: { ...source, SelectFields: { Name: 'x', Inputs: ['a'], Paths: [['x']] } },
      b: { DropFields: { Name: 'b', Inputs: ['c'], Paths: [['x']] } },
      c: { DropFields: { Name: 'c', Inputs: ['b'], Paths: [['x']] } },
      d: { DropFields: { Name: 'd', Inputs: ['nowhere'], Paths: [['x']] } },
      e: { Filter: { Name: 'e', Inputs: ['a'], LogicalOperator: 'MAYBE', Filters: [] } },
    });
    expect(broken.join('\n')).toMatch(/node a sets 2 node types/);
    expect(broken.join('\n')).toMatch(/cycle: .*b → c → b|cycle: .*c → b → c/);
    expect(broken.join('\n')).toMatch(/node d reads nowhere, which is not a node/);
    expect(broken.join('\n')).toMatch(/node e: .*MAYBE/);
  });

  it('a SQL job becomes catalog sources, one SparkSQL over their aliases, and the target its arguments name', () => {
    const g = visualFromSql(
      'SELECT dt, sum(amount) AS revenue FROM curated.sales s JOIN raw.fx f ON s.dt = f.dt GROUP BY dt',
      { '--output-path': 's3://b/daily', '--partition-keys': 'dt' },
      help,
      'daily',
    );
    expect(validateVisualJob(g.nodes)).toEqual([]);
    const types = Object.values(g.nodes).map(typeOf);
    expect(types).toEqual(['S3CatalogSource', 'S3CatalogSource', 'SparkSQL', 'S3GlueParquetTarget']);
    const sql = bodyOf(Object.values(g.nodes)[2]);
    expect(sql.SqlQuery).toBe('SELECT dt, sum(amount) AS revenue FROM curated_sales s JOIN raw_fx f ON s.dt = f.dt GROUP BY dt');
    expect(sql.SqlAliases.map((a: { Alias: string }) => a.Alias)).toEqual(['curated_sales', 'raw_fx']);
  });

  it('DuckDB date formats become Spark patterns', () => {
    expect(javaDateFormat('%Y-%m-%dT%H:%M:%SZ')).toBe("yyyy-MM-dd'T'HH:mm:ss'Z'");
    expect(javaDateFormat('%d/%m/%Y %H:%M')).toBe('dd/MM/yyyy HH:mm');
    expect(toSparkSql("strftime(order_date, '%Y-%m-%d')")).toBe("date_format(order_date, 'yyyy-MM-dd')");
  });
});
