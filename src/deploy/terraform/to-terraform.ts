// The bundle as Terraform JSON for the hashicorp/aws provider: one *.tf.json per area, variables
// for the environment (account, region, role, buckets) and <env>.tfvars.json with its values.
// Resources refer to each other by reference (a crawler's database_name is the database's name), so
// Terraform creates and destroys them in order. aws_glue_job has no argument for
// CodeGenConfigurationNodes: the graph travels as the generated script at ScriptLocation (and as
// <job>.nodes.json beside it); `sluice deploy` sets the graph itself.
import { createHash } from 'node:crypto';
import type { Environment } from '../environments.js';
import type { Bundle, DeployKind, Resource } from '../kinds.js';
import { asTerraform, reference, token, VARIABLES, variableValues } from '../vars.js';
import { blocks, label } from './blocks.js';

const TYPE: Record<DeployKind, string> = {
  securityConfigurations: 'aws_glue_security_configuration',
  databases: 'aws_glue_catalog_database',
  tables: 'aws_glue_catalog_table',
  connections: 'aws_glue_connection',
  classifiers: 'aws_glue_classifier',
  crawlers: 'aws_glue_crawler',
  jobs: 'aws_glue_job',
  workflows: 'aws_glue_workflow',
  triggers: 'aws_glue_trigger',
  rulesets: 'aws_glue_data_quality_ruleset',
};

const FILE: Record<DeployKind, string> = {
  securityConfigurations: 'security.tf.json',
  databases: 'catalog.tf.json',
  tables: 'catalog.tf.json',
  connections: 'catalog.tf.json',
  classifiers: 'crawlers.tf.json',
  crawlers: 'crawlers.tf.json',
  jobs: 'jobs.tf.json',
  workflows: 'workflows.tf.json',
  triggers: 'workflows.tf.json',
  rulesets: 'quality.tf.json',
};

type Refs = (kind: DeployKind, name: string | undefined) => string | undefined;

function args(r: Resource, ref: Refs): Record<string, unknown> {
  const q = r.request;
  switch (r.kind) {
    case 'securityConfigurations': {
      const e = q.EncryptionConfiguration ?? {};
      const s3 = e.S3Encryption?.[0] ?? {};
      return {
        name: q.Name,
        encryption_configuration: {
          cloudwatch_encryption: blocks({ CloudWatchEncryptionMode: 'DISABLED', ...e.CloudWatchEncryption }),
          job_bookmarks_encryption: blocks({ JobBookmarksEncryptionMode: 'DISABLED', ...e.JobBookmarksEncryption }),
          s3_encryption: blocks({ S3EncryptionMode: 'DISABLED', ...s3 }),
        },
      };
    }
    case 'databases':
      return blocks(q.DatabaseInput);
    case 'tables': {
      const { DatabaseName } = q;
      return { ...blocks(q.TableInput), database_name: ref('databases', DatabaseName) ?? DatabaseName };
    }
    case 'connections':
      // The provider builds a connection's id from its catalog id, which it cannot look up offline.
      return { ...blocks(q.ConnectionInput), catalog_id: token('account_id') };
    case 'classifiers':
      return {
        name: (Object.values(q)[0] as { Name: string }).Name,
        ...blocks(Object.fromEntries(Object.entries(q).map(([k, v]) => [k, { ...(v as object), Name: undefined }]))),
      };
    case 'crawlers': {
      const { Targets, Role, Schedule, ...rest } = q;
      return {
        ...blocks(rest),
        ...blocks(Targets ?? {}),
        role: Role,
        ...(Schedule ? { schedule: typeof Schedule === 'string' ? Schedule : Schedule.ScheduleExpression } : {}),
        database_name: ref('databases', q.DatabaseName) ?? q.DatabaseName,
        classifiers: q.Classifiers?.map((c: string) => ref('classifiers', c) ?? c),
      };
    }
    case 'jobs': {
      const { Role, Connections, CodeGenConfigurationNodes: _nodes, JobMode: _mode, ...rest } = q;
      return {
        ...blocks(rest),
        role_arn: Role,
        ...(Connections?.Connections?.length
          ? { connections: Connections.Connections.map((c: string) => ref('connections', c) ?? c) }
          : {}),
        ...(q.SecurityConfiguration ? { security_configuration: ref('securityConfigurations', q.SecurityConfiguration) } : {}),
      };
    }
    case 'workflows':
      return blocks(q);
    case 'triggers': {
      const out = blocks(q) as Record<string, any>;
      if (q.WorkflowName) out.workflow_name = ref('workflows', q.WorkflowName) ?? q.WorkflowName;
      out.actions = (q.Actions ?? []).map((a: Record<string, any>) => ({
        ...blocks(a),
        ...(a.JobName ? { job_name: ref('jobs', a.JobName) ?? a.JobName } : {}),
        ...(a.CrawlerName ? { crawler_name: ref('crawlers', a.CrawlerName) ?? a.CrawlerName } : {}),
      }));
      if (q.Predicate)
        out.predicate = {
          ...blocks(q.Predicate),
          conditions: (q.Predicate.Conditions ?? []).map((c: Record<string, any>) => ({
            ...blocks(c),
            ...(c.JobName ? { job_name: ref('jobs', c.JobName) ?? c.JobName } : {}),
            ...(c.CrawlerName ? { crawler_name: ref('crawlers', c.CrawlerName) ?? c.CrawlerName } : {}),
          })),
        };
      return out;
    }
    case 'rulesets': {
      const out = blocks(q) as Record<string, any>;
      if (q.TargetTable)
        out.target_table = {
          ...blocks(q.TargetTable),
          database_name: ref('databases', q.TargetTable.DatabaseName) ?? q.TargetTable.DatabaseName,
        };
      return out;
    }
  }
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** The files of the export: name → JSON text. */
export function toTerraform(bundle: Bundle, envName: string, env: Environment, providerVersion = '>= 5.0'): Record<string, string> {
  const names = new Map<string, string>();
  for (const r of bundle.resources) names.set(`${r.kind}/${r.name}`, label(r.name));
  const ref: Refs = (kind, name) => {
    const l = name && names.get(`${kind}/${name}`);
    return l ? reference(`${TYPE[kind]}.${l}.name`) : undefined;
  };
  const files: Record<string, Record<string, any>> = {};
  const add = (file: string, type: string, name: string, body: Record<string, unknown>) => {
    const f = (files[file] ??= { resource: {} });
    (f.resource[type] ??= {})[name] = body;
  };
  for (const r of bundle.resources) add(FILE[r.kind], TYPE[r.kind], names.get(`${r.kind}/${r.name}`)!, asTerraform(args(r, ref)));
  for (const f of bundle.files)
    add(
      'scripts.tf.json',
      'aws_s3_object',
      label(f.key),
      asTerraform({ bucket: token('scripts_bucket'), key: f.key, content: f.body, etag: md5(f.body) }),
    );
  // The graph of each visual job beside its script, for Glue Studio users and for review.
  for (const r of bundle.resources.filter((x) => x.request.CodeGenConfigurationNodes)) {
    const body = JSON.stringify(r.request.CodeGenConfigurationNodes, null, 2);
    add(
      'scripts.tf.json',
      'aws_s3_object',
      label(`scripts/${r.name}.nodes.json`),
      asTerraform({ bucket: token('scripts_bucket'), key: `scripts/${r.name}.nodes.json`, content: body, etag: md5(body) }),
    );
  }
  const out: Record<string, string> = {};
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  out['main.tf.json'] = json({
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: providerVersion } } },
    provider: { aws: { region: '${var.region}' } },
  });
  out['variables.tf.json'] = json({
    variable: Object.fromEntries(Object.entries(VARIABLES).map(([k, description]) => [k, { type: 'string', description }])),
  });
  for (const [file, body] of Object.entries(files)) out[file] = json(body);
  out[`${envName}.tfvars.json`] = json(variableValues(env));
  return out;
}
