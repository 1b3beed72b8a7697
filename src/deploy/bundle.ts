// What a project is on AWS: its declarations (sluice.yaml's databases, crawlers, jobs, workflows,
// triggers, rulesets) and its catalog's tables, connections, classifiers and security
// configurations, each as the Glue Create… request that makes it, with zones mapped to the
// environment's buckets, roles to its IAM role, and YAML/SQL jobs as visual jobs. A TypeScript job
// is left out with the reason; nothing else is held back. Both `export terraform` and `deploy` start here.
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Sluice } from '../kernel/services.js';
import { shape } from '../kernel/model.js';
import { validateInput } from '../kernel/validate.js';
import { invalidInput } from '../kernel/errors.js';
import { loadProject } from '../config/project.js';
import type { SluiceConfig } from '../config/schema.js';
import { readDeclarations, type Declared } from '../workflows/pipeline/declarations.js';
import { parseDeclarativeJob, substitute } from '../jobs/scripts/yaml-script.js';
import type { Environment } from './environments.js';
import type { Bundle, JobReport, Resource, ScriptFile } from './kinds.js';
import { DEPLOY_KINDS } from './kinds.js';
import { mapStrings, token, variableValues, withValues, zoneMapper } from './vars.js';
import type { Column } from './visual/graph.js';
import { visualFromSql } from './visual/from-sql.js';
import { visualFromYaml, type SourceHelp } from './visual/from-yaml.js';
import { validateVisualJob } from './visual/validate.js';
import { pythonScript } from './visual/codegen.js';

/** The members of an input shape, taken from an output: what a Get… returns, as the Create… takes it. */
function pick(shapeName: string, value: Record<string, any>): Record<string, any> {
  const members = shape(shapeName).members ?? {};
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => k in members && v !== undefined && v !== null));
}

export function environmentOf(config: SluiceConfig, env: string): Environment {
  const envs = config.environments ?? {};
  const found = envs[env];
  if (!found) {
    const names = Object.keys(envs);
    throw invalidInput(
      `sluice.yaml has no environment ${env}${names.length ? `; it has ${names.join(', ')}` : '; declare one under environments: (see docs/deploy-to-glue.md)'}`,
    );
  }
  return found;
}

const TS_REASON =
  'a TypeScript job runs on Sluice’s job SDK over DuckDB, which Glue does not have; write it as a .yaml or .sql job (exported as a visual job) or as a PySpark script';

interface Ctx {
  root: string;
  config: SluiceConfig;
  env: Environment;
  toS3(location: string): string;
  files: ScriptFile[];
  warnings: string[];
  tables: Resource[];
}

/** A project file uploaded to the scripts bucket under sluice/<path>; its S3 URL. */
function upload(c: Ctx, path: string, body?: string): string {
  const key = `sluice/${path.replace(/^\.?\/+/, '')}`;
  if (!c.files.some((f) => f.key === key)) c.files.push({ key, body: body ?? readFileSync(join(c.root, path), 'utf8') });
  return `s3://${token('scripts_bucket')}/${key}`;
}

function sourceHelp(c: Ctx): SourceHelp {
  const cols = (t: Resource | undefined): Column[] | undefined =>
    t?.request.TableInput.StorageDescriptor?.Columns?.map((x: { Name: string; Type?: string }) => ({ name: x.Name, type: x.Type }));
  return {
    toS3: c.toS3,
    columnsOf: (db, table) => cols(c.tables.find((t) => t.name === `${db}/${table}`)),
    columnsAt: (location) => {
      const want = c.toS3(location).replace(/\/+$/, '');
      return cols(c.tables.find((t) => String(t.request.TableInput.StorageDescriptor?.Location ?? '').replace(/\/+$/, '') === want));
    },
  };
}

function exportJob(c: Ctx, d: Declared, report: JobReport): Record<string, any> | undefined {
  const spec = d.spec;
  const script = String(spec.Command?.ScriptLocation ?? '');
  const ext = extname(script).toLowerCase();
  const args: Record<string, string> = { ...(spec.DefaultArguments ?? {}) };
  // Arguments naming a project file (a ruleset, a lookup list) travel with the job.
  for (const [k, v] of Object.entries(args))
    if (typeof v === 'string' && !v.includes('://') && existsSync(join(c.root, v)) && /\.\w+$/.test(v)) args[k] = upload(c, v);
  const base = {
    Name: d.name,
    Description: spec.Description,
    Role: token('glue_role_arn'),
    GlueVersion: spec.GlueVersion ?? c.env.glueVersion,
    WorkerType: spec.WorkerType ?? c.env.workerType,
    NumberOfWorkers: spec.NumberOfWorkers ?? c.env.numberOfWorkers,
    Timeout: spec.Timeout,
    // Glue's default, stated, so that an endpoint that gives it back does not look changed.
    ExecutionClass: spec.ExecutionClass ?? ((spec.Command?.Name ?? 'glueetl') === 'glueetl' ? 'STANDARD' : undefined),
    MaxRetries: spec.MaxRetries,
    ExecutionProperty: spec.ExecutionProperty,
    NotificationProperty: spec.NotificationProperty,
    Connections: spec.Connections,
    SecurityConfiguration: spec.SecurityConfiguration,
    NonOverridableArguments: spec.NonOverridableArguments,
    Tags: { ...(c.env.tags ?? {}), ...(spec.Tags ?? {}) },
  };
  let nodes;
  if (ext === '.yaml' || ext === '.yml' || ext === '.sql') {
    const text = readFileSync(join(c.root, script), 'utf8');
    const zones = Object.fromEntries(Object.entries(c.config.zones).map(([z, where]) => [z, c.toS3(where).replace(/\/$/, '')]));
    const help = sourceHelp(c);
    try {
      const graph =
        ext === '.sql'
          ? visualFromSql(text, spec.DefaultArguments ?? {}, help, d.name)
          : visualFromYaml(
              parseDeclarativeJob(substitute(text, { zones, args: spec.DefaultArguments ?? {} }, script), script),
              help,
              d.name,
            );
      report.notes.push(...graph.notes);
      nodes = graph.nodes;
    } catch (e) {
      report.notExported = `${script} cannot be exported: ${(e as Error).message}`;
      return undefined;
    }
    upload(c, script, text);
    const problems = validateVisualJob(withValues(nodes, variableValues(c.env)));
    if (problems.length) {
      report.notExported = `its visual job does not validate: ${problems.join('; ')}`;
      return undefined;
    }
  } else if (ext === '.ts' || ext === '.js' || ext === '.mjs' || ext === '.cjs') {
    report.notExported = TS_REASON;
    return undefined;
  }
  const location =
    nodes || !script.includes('://') ? `s3://${token('scripts_bucket')}/scripts/${d.name}${nodes ? '.py' : extname(script)}` : script;
  if (nodes) c.files.push({ key: `scripts/${d.name}.py`, body: pythonScript(nodes) });
  else if (!script.includes('://'))
    c.files.push({ key: `scripts/${d.name}${extname(script)}`, body: readFileSync(join(c.root, script), 'utf8') });
  const job: Record<string, any> = {
    ...base,
    Command: { Name: spec.Command?.Name ?? 'glueetl', ScriptLocation: location, PythonVersion: spec.Command?.PythonVersion ?? '3' },
    DefaultArguments: {
      '--TempDir': `s3://${token('scripts_bucket')}/temporary/`,
      '--enable-glue-datacatalog': 'true',
      '--job-language': 'python',
      ...args,
    },
  };
  if (nodes) Object.assign(job, { JobMode: 'VISUAL', CodeGenConfigurationNodes: nodes });
  return job;
}

async function catalogResources(sluice: Sluice, c: Ctx, databases: string[]): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const db of databases) {
    const tables = await sluice.call('GetTables', { DatabaseName: db }).catch(() => ({ TableList: [] }));
    for (const t of tables.TableList ?? []) {
      // Access and analysis times are the local table's history, not its definition.
      const { LastAccessTime: _a, LastAnalyzedTime: _b, ...input } = pick('TableInput', t);
      out.push({ kind: 'tables', name: `${db}/${t.Name}`, request: { DatabaseName: db, TableInput: mapStrings(input, c.toS3) } });
    }
  }
  const { ConnectionList = [] } = await sluice.call('GetConnections', { HidePassword: true });
  for (const conn of ConnectionList) {
    const input = pick('ConnectionInput', conn);
    if (input.ConnectionProperties?.PASSWORD !== undefined) {
      delete input.ConnectionProperties.PASSWORD;
      c.warnings.push(`connection ${conn.Name}: its PASSWORD is not exported; give the connection a SECRET_ID (AWS Secrets Manager)`);
    }
    out.push({ kind: 'connections', name: conn.Name, request: { ConnectionInput: input } });
  }
  const { Classifiers = [] } = await sluice.call('GetClassifiers', {});
  for (const cl of Classifiers) {
    const [type, body] = Object.entries(cl as Record<string, any>).find(([, v]) => v && typeof v === 'object')!;
    out.push({ kind: 'classifiers', name: body.Name, request: { [type]: pick(`Create${type}Request`, body) } });
  }
  const { SecurityConfigurations = [] } = await sluice.call('GetSecurityConfigurations', {});
  for (const sc of SecurityConfigurations) {
    if (JSON.stringify(sc.EncryptionConfiguration ?? {}).includes('KmsKeyArn'))
      c.warnings.push(
        `security configuration ${sc.Name}: its KMS key is Sluice's local key; point KmsKeyArn at an AWS KMS key before deploying`,
      );
    out.push({
      kind: 'securityConfigurations',
      name: sc.Name,
      request: { Name: sc.Name, EncryptionConfiguration: sc.EncryptionConfiguration },
    });
  }
  return out;
}

const REQUEST_SHAPE: Record<Resource['kind'], string> = {
  securityConfigurations: 'CreateSecurityConfigurationRequest',
  databases: 'CreateDatabaseRequest',
  tables: 'CreateTableRequest',
  connections: 'CreateConnectionRequest',
  classifiers: 'CreateClassifierRequest',
  crawlers: 'CreateCrawlerRequest',
  jobs: 'CreateJobRequest',
  workflows: 'CreateWorkflowRequest',
  triggers: 'CreateTriggerRequest',
  rulesets: 'CreateDataQualityRulesetRequest',
};

const dropUndefined = (o: Record<string, any>) => JSON.parse(JSON.stringify(o)) as Record<string, any>;

export async function buildBundle(sluice: Sluice, envName: string): Promise<Bundle> {
  const { root } = sluice.services;
  const { config } = loadProject(root);
  const env = environmentOf(config, envName);
  const c: Ctx = { root, config, env, toS3: zoneMapper(root, config.zones), files: [], warnings: [], tables: [] };
  const declared = readDeclarations(root, config);
  const resources: Resource[] = [];
  const jobs: JobReport[] = [];
  const databases = declared.filter((d) => d.kind === 'databases').map((d) => d.name);
  const catalog = await catalogResources(sluice, c, databases);
  c.tables = catalog.filter((r) => r.kind === 'tables');
  resources.push(...catalog);
  const raw = config as Record<string, any>;
  for (const d of declared) {
    const spec = mapStrings(d.spec, c.toS3);
    if (d.kind === 'databases') resources.push({ kind: 'databases', name: d.name, request: { DatabaseInput: { Name: d.name, ...spec } } });
    else if (d.kind === 'crawlers')
      resources.push({ kind: 'crawlers', name: d.name, request: { Name: d.name, ...spec, Role: token('glue_role_arn') } });
    else if (d.kind === 'jobs') {
      const report: JobReport = { job: d.name, notes: [] };
      jobs.push(report);
      const job = exportJob(c, { ...d, spec }, report);
      if (job) resources.push({ kind: 'jobs', name: d.name, request: dropUndefined(job) });
    } else if (d.kind === 'workflows') resources.push({ kind: 'workflows', name: d.name, request: { Name: d.name, ...spec } });
    else if (d.kind === 'triggers') {
      const { Watch, ...rest } = spec;
      if (Watch)
        c.warnings.push(
          `trigger ${d.name}: Watch (Sluice's file watch) does not carry over; on AWS an EVENT trigger is started by EventBridge`,
        );
      // Glue's default, stated: some endpoints (moto) refuse a predicate without it.
      if (rest.Predicate && !rest.Predicate.Logical) rest.Predicate = { Logical: 'AND', ...rest.Predicate };
      resources.push({ kind: 'triggers', name: d.name, request: { Name: d.name, ...rest } });
    } else if (d.kind === 'rulesets') {
      const file = raw.rulesets?.[d.name]?.RulesetFile;
      if (file) upload(c, String(file));
      resources.push({ kind: 'rulesets', name: d.name, request: { Name: d.name, ...spec } });
    }
  }
  // A trigger that starts a job left out would fail on AWS: it goes, named.
  const left = new Set(jobs.filter((j) => j.notExported).map((j) => j.job));
  for (const r of resources.filter((x) => x.kind === 'triggers')) {
    const drop = (r.request.Actions ?? []).filter((a: { JobName?: string }) => a.JobName && left.has(a.JobName));
    if (!drop.length) continue;
    r.request.Actions = r.request.Actions.filter((a: { JobName?: string }) => !(a.JobName && left.has(a.JobName)));
    c.warnings.push(
      `trigger ${r.name}: its action on ${drop.map((a: { JobName: string }) => a.JobName).join(', ')} is left out with the job`,
    );
  }
  const waitsOnLeft = (r: Resource) =>
    (r.request.Predicate?.Conditions ?? []).some((x: { JobName?: string }) => x.JobName && left.has(x.JobName));
  const kept = resources.filter((r) => !(r.kind === 'triggers' && (!r.request.Actions?.length || waitsOnLeft(r))));
  for (const r of resources) if (!kept.includes(r)) c.warnings.push(`trigger ${r.name}: left out with the jobs it starts or waits for`);
  for (const r of kept) {
    try {
      validateInput(REQUEST_SHAPE[r.kind], withValues(r.request, variableValues(env)));
    } catch (e) {
      c.warnings.push(`${r.kind} ${r.name}: ${(e as Error).message}`);
    }
  }
  const rank = (r: Resource) => DEPLOY_KINDS.indexOf(r.kind);
  kept.sort((a, b) => rank(a) - rank(b));
  return { resources: kept, files: c.files, jobs, warnings: c.warnings };
}
