// Issue 20, done means: a project's pipeline exported as Terraform applies, re-plans clean and
// destroys against moto (an AWS account as far as the provider can tell) and against sluice
// server; `sluice deploy` through the AWS SDK creates the same resources in both, a second deploy
// changes nothing, and changing one job updates only it. moto 5.2.1 has no classifiers, no data
// quality rulesets and no UpdateJob/DeleteConnection, so the project deployed to it declares none of
// those; sluice server gets the full project. S3 (scripts) is moto's in both.
import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GlueClient } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../helpers/backends.js';
import { startTestServer, TEST_KEY, type TestServer } from '../helpers/server.js';
import { motoAvailable, startMoto, type Moto } from '../helpers/moto.js';
import { buildBundle } from '../../src/deploy/bundle.js';
import { toTerraform } from '../../src/deploy/terraform/to-terraform.js';
import { applyDeploy, formatDeployPlan, planDeploy, sdkCall, type AwsTarget } from '../../src/deploy/aws/deploy.js';
import { variableValues, withValues } from '../../src/deploy/vars.js';
import { environmentOf } from '../../src/deploy/bundle.js';
import { loadProject } from '../../src/config/project.js';
import { findMirror } from '../helpers/terraform.js';

const run = promisify(execFile);
const BUCKETS = { raw: 'acme-raw-dev', processed: 'acme-processed-dev', curated: 'acme-curated-dev', scripts: 'acme-scripts-dev' };

const hasTerraform = await run('terraform', ['version']).then(
  () => true,
  () => false,
);
const mirror = findMirror();
const hasMoto = motoAvailable();
if (!hasMoto) console.warn('Skipping the deploy-to-Glue suite: python3 has no moto');
const noTerraform = !hasTerraform ? 'terraform is not on PATH' : !mirror ? 'no filesystem mirror holds hashicorp/aws' : '';
if (noTerraform) console.warn(`Skipping the Terraform half of the deploy-to-Glue suite: ${noTerraform}`);

const INGEST = `
sources:
  events:
    path: \${zones.raw}/events
    format: csv
    formatOptions: { header: true, columns: { id: BIGINT, kind: VARCHAR, ts: VARCHAR, amount: VARCHAR } }
nodes:
  clean:
    from: events
    steps:
      - cleanNames: true
      - cast: { columns: { amount: double } }
      - parseDates: { columns: [ts], formats: ['%Y-%m-%d %H:%M'], as: timestamp }
      - filter: { where: "kind = 'sale'" }
      - dedupe: { keys: [id] }
sinks:
  - { from: clean, database: curated, table: sales, path: '\${zones.curated}/sales', partitionBy: { dt: "strftime(ts, '%Y-%m-%d')" } }
`;

/** The project to export: full adds what moto does not serve (a ruleset, a classifier, a connection). */
async function sourceProject(full: boolean): Promise<TestProject> {
  const p = await openTestProject();
  mkdirSync(join(p.dir, 'jobs'));
  writeFileSync(join(p.dir, 'jobs', 'ingest.yaml'), INGEST);
  writeFileSync(join(p.dir, 'jobs', 'daily.sql'), 'SELECT dt, sum(amount) AS revenue FROM curated.sales GROUP BY dt');
  writeFileSync(join(p.dir, 'jobs', 'process.ts'), 'export default async function () {}\n');
  writeFileSync(join(p.dir, 'jobs', 'sales.dqdl'), 'Rules = [ RowCount > 0, IsComplete "id" ]');
  appendFileSync(
    join(p.dir, 'sluice.yaml'),
    `
databases:
  raw: { Description: landing }
  curated: {}
crawlers:
  raw:
    Role: sluice
    DatabaseName: raw
    Targets: { S3Targets: [{ Path: '\${zones.raw}/events' }] }
jobs:
  ingest:
    Role: sluice
    Description: raw to curated
    Command: { Name: glueetl, ScriptLocation: jobs/ingest.yaml }
    DefaultArguments: { --job-bookmark-option: job-bookmark-enable }
    Timeout: 30
  daily:
    Role: sluice
    Command: { Name: glueetl, ScriptLocation: jobs/daily.sql }
    DefaultArguments: { --output-path: '\${zones.curated}/daily', --output-database: curated, --output-table: daily }
  process:
    Role: sluice
    Command: { Name: glueetl, ScriptLocation: jobs/process.ts }
workflows:
  nightly: { Description: every night }
triggers:
  nightly-start:
    WorkflowName: nightly
    Type: SCHEDULED
    Schedule: cron(0 2 * * ? *)
    Actions: [{ CrawlerName: raw }]
  after-crawl:
    WorkflowName: nightly
    Type: CONDITIONAL
    Predicate: { Conditions: [{ LogicalOperator: EQUALS, CrawlerName: raw, CrawlState: SUCCEEDED }] }
    Actions: [{ JobName: ingest }]
${full ? `rulesets:\n  sales-quality:\n    RulesetFile: jobs/sales.dqdl\n    TargetTable: { DatabaseName: curated, TableName: sales }\n` : ''}
environments:
  dev:
    account: '123456789012'
    region: us-east-1
    role: arn:aws:iam::123456789012:role/glue-dev
    buckets: ${JSON.stringify(BUCKETS)}
`,
  );
  const call = (op: string, input: unknown) => p.sluice.call(op, input);
  await call('CreateDatabase', { DatabaseInput: { Name: 'raw' } });
  await call('CreateTable', {
    DatabaseName: 'raw',
    TableInput: {
      Name: 'events',
      TableType: 'EXTERNAL_TABLE',
      Parameters: { classification: 'csv' },
      StorageDescriptor: {
        Location: join(p.dir, 'lake', 'raw', 'events'),
        Columns: [
          { Name: 'id', Type: 'bigint' },
          { Name: 'kind', Type: 'string' },
        ],
        InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ',' } },
      },
    },
  });
  await call('CreateSecurityConfiguration', {
    Name: 'dev-encryption',
    EncryptionConfiguration: {
      S3Encryption: [{ S3EncryptionMode: 'SSE-S3' }],
      CloudWatchEncryption: { CloudWatchEncryptionMode: 'DISABLED' },
      JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'DISABLED' },
    },
  });
  if (full) {
    await call('CreateClassifier', { CsvClassifier: { Name: 'pipes', Delimiter: '|', ContainsHeader: 'PRESENT' } });
    await call('CreateConnection', {
      ConnectionInput: {
        Name: 'warehouse',
        ConnectionType: 'JDBC',
        ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://db:5432/dw', SECRET_ID: 'dw' },
      },
    });
  }
  return p;
}

const creds = { accessKeyId: TEST_KEY.id, secretAccessKey: TEST_KEY.secret };

async function makeBuckets(url: string): Promise<void> {
  const s3 = new S3Client({ endpoint: url, region: 'us-east-1', forcePathStyle: true, credentials: creds });
  for (const b of Object.values(BUCKETS)) await s3.send(new CreateBucketCommand({ Bucket: b })).catch(() => {});
}

function target(glueUrl: string, s3Url: string): AwsTarget {
  return {
    glue: new GlueClient({ endpoint: glueUrl, region: 'us-east-1', credentials: creds }),
    s3: new S3Client({ endpoint: s3Url, region: 'us-east-1', forcePathStyle: true, credentials: creds }),
    bucket: BUCKETS.scripts,
    stateKey: 'sluice/state/test/dev.json',
  };
}

async function deployBundle(p: TestProject) {
  const env = environmentOf(loadProject(p.dir).config, 'dev');
  return withValues(await buildBundle(p.sluice, 'dev'), variableValues(env));
}

/** What an account holds, by kind: the names a deploy or an apply should have created. */
async function inventory(t: AwsTarget) {
  const call = sdkCall(t.glue);
  const dbs = (await call('GetDatabases', {})).DatabaseList.map((d: { Name: string }) => d.Name).sort();
  const tables: string[] = [];
  for (const db of dbs) for (const tb of (await call('GetTables', { DatabaseName: db })).TableList) tables.push(`${db}/${tb.Name}`);
  return {
    databases: dbs,
    tables: tables.sort(),
    crawlers: (await call('ListCrawlers', {})).CrawlerNames.sort(),
    jobs: (await call('ListJobs', {})).JobNames.sort(),
    workflows: (await call('ListWorkflows', {})).Workflows.sort(),
    triggers: (await call('ListTriggers', {})).TriggerNames.sort(),
    securityConfigurations: (await call('GetSecurityConfigurations', {})).SecurityConfigurations.map(
      (s: { Name: string }) => s.Name,
    ).sort(),
  };
}

describe.skipIf(!hasMoto)('deploy to Glue', () => {
  let moto: Moto;
  let server: TestServer;
  let basic: TestProject;
  let full: TestProject;

  beforeAll(async () => {
    moto = await startMoto();
    await makeBuckets(moto.url);
    server = await startTestServer({ security: { storage: { allow: Object.values(BUCKETS).map((b) => `s3://${b}/`) } } });
    basic = await sourceProject(false);
    full = await sourceProject(true);
  }, 120_000);
  afterAll(async () => {
    await basic?.cleanup();
    await full?.cleanup();
    await server?.cleanup();
    await moto?.stop();
  });

  it('the export names the TypeScript job it leaves out, and nothing else is held back', async () => {
    const bundle = await buildBundle(basic.sluice, 'dev');
    expect(bundle.jobs.find((j) => j.job === 'process')?.notExported).toMatch(/TypeScript job/);
    expect(bundle.resources.filter((r) => r.kind === 'jobs').map((r) => r.name)).toEqual(['ingest', 'daily']);
    expect(bundle.resources.map((r) => `${r.kind}/${r.name}`)).toContain('tables/raw/events');
    const ingest = bundle.resources.find((r) => r.name === 'ingest')!.request;
    expect(ingest.JobMode).toBe('VISUAL');
    expect(ingest.DefaultArguments['--job-bookmark-option']).toBe('job-bookmark-enable');
    expect(bundle.files.map((f) => f.key)).toEqual(
      expect.arrayContaining(['sluice/jobs/ingest.yaml', 'scripts/ingest.py', 'scripts/daily.py']),
    );
  });

  it('sluice deploy creates the same resources in moto and in sluice server; a second deploy changes nothing', async () => {
    const bundle = await deployBundle(basic);
    const targets = { moto: target(moto.url, moto.url), sluice: target(server.url, moto.url) };
    const seen: Record<string, unknown> = {};
    for (const [name, t] of Object.entries(targets)) {
      t.stateKey = `sluice/state/${name}/dev.json`;
      const plan = await planDeploy(bundle, t);
      expect(plan.filter((c) => c.kind !== 'files').every((c) => c.action === 'create')).toBe(true);
      await applyDeploy(plan, bundle, t, () => {});
      const again = await planDeploy(bundle, t);
      expect(formatDeployPlan(again), name).toMatch(/^No changes\./);
      seen[name] = await inventory(t);
      const { Job } = await sdkCall(t.glue)('GetJob', { JobName: 'ingest' });
      expect(Object.keys(Job.CodeGenConfigurationNodes).length).toBeGreaterThan(5);
    }
    expect(seen.sluice).toEqual(seen.moto);
    expect(seen.moto).toMatchObject({ jobs: ['daily', 'ingest'], crawlers: ['raw'], triggers: ['after-crawl', 'nightly-start'] });
    const script = await targets.moto.s3.send(new GetObjectCommand({ Bucket: BUCKETS.scripts, Key: 'scripts/ingest.py' }));
    expect(await script.Body!.transformToString()).toContain('transformation_ctx="events"');
  }, 120_000);

  it('changing one job and deploying again updates only it (sluice server, full project)', async () => {
    const t = target(server.url, moto.url);
    t.stateKey = 'sluice/state/full/dev.json';
    let bundle = await deployBundle(full);
    await applyDeploy(await planDeploy(bundle, t), bundle, t, () => {});
    expect(formatDeployPlan(await planDeploy(bundle, t))).toMatch(/^No changes\./);
    const yaml = readFileSync(join(full.dir, 'sluice.yaml'), 'utf8');
    writeFileSync(join(full.dir, 'sluice.yaml'), yaml.replace('Description: raw to curated', 'Description: raw to curated, hourly'));
    bundle = await deployBundle(full);
    const plan = await planDeploy(bundle, t);
    expect(plan.filter((c) => c.action !== 'unchanged').map((c) => `${c.action} ${c.kind}/${c.name}`)).toEqual(['update jobs/ingest']);
    await applyDeploy(plan, bundle, t, () => {});
    expect(formatDeployPlan(await planDeploy(bundle, t))).toMatch(/^No changes\./);
    writeFileSync(join(full.dir, 'sluice.yaml'), yaml);
  }, 120_000);

  describe.skipIf(!!noTerraform)('the exported Terraform', () => {
    // Accounts of their own: the SDK deploys above left theirs full.
    let tfMoto: Moto;
    let tfServer: TestServer;
    beforeAll(async () => {
      tfMoto = await startMoto();
      await makeBuckets(tfMoto.url);
      tfServer = await startTestServer({ security: { storage: { allow: Object.values(BUCKETS).map((b) => `s3://${b}/`) } } });
    }, 120_000);
    afterAll(async () => {
      await tfServer?.cleanup();
      await tfMoto?.stop();
    });

    async function terraformCycle(p: TestProject, glueUrl: string, dir: string) {
      const env = environmentOf(loadProject(p.dir).config, 'dev');
      const files = toTerraform(await buildBundle(p.sluice, 'dev'), 'dev', env, mirror!.version);
      mkdirSync(dir, { recursive: true });
      for (const [n, text] of Object.entries(files)) writeFileSync(join(dir, n), text);
      // The endpoints and offline flags a test needs, as an override file beside the export.
      writeFileSync(
        join(dir, 'provider_override.tf.json'),
        JSON.stringify({
          provider: {
            aws: {
              access_key: TEST_KEY.id,
              secret_key: TEST_KEY.secret,
              skip_credentials_validation: true,
              skip_requesting_account_id: true,
              skip_metadata_api_check: true,
              skip_region_validation: true,
              s3_use_path_style: true,
              endpoints: { glue: glueUrl, s3: tfMoto.url },
            },
          },
        }),
      );
      writeFileSync(join(dir, 'terraform.tfrc'), `provider_installation {\n  filesystem_mirror {\n    path = "${mirror!.path}"\n  }\n}\n`);
      const env2 = {
        PATH: process.env.PATH,
        HOME: dir,
        TF_CLI_CONFIG_FILE: join(dir, 'terraform.tfrc'),
        TF_IN_AUTOMATION: '1',
        CHECKPOINT_DISABLE: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      const tf = (...a: string[]) =>
        run('terraform', [...a, '-no-color'], { cwd: dir, env: env2, maxBuffer: 64 << 20 }).then(
          ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
          (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
        );
      expect((await tf('init', '-input=false')).out).toContain('successfully initialized');
      const validate = await tf('validate');
      expect(validate.out).toContain('The configuration is valid');
      const apply = await tf('apply', '-auto-approve', '-input=false', '-var-file=dev.tfvars.json');
      expect(apply.out).not.toMatch(/Error:/);
      expect(apply.code).toBe(0);
      const plan = await tf('plan', '-detailed-exitcode', '-input=false', '-var-file=dev.tfvars.json');
      expect(plan.out).toContain('No changes.');
      expect(plan.code).toBe(0);
      const destroy = await tf('destroy', '-auto-approve', '-input=false', '-var-file=dev.tfvars.json');
      expect(destroy.out).not.toMatch(/Error:/);
      expect(destroy.code).toBe(0);
    }

    it('validates, applies, re-plans clean and destroys against moto', async () => {
      await terraformCycle(basic, tfMoto.url, join(basic.dir, 'tf-moto'));
    }, 600_000);

    it('validates, applies, re-plans clean and destroys against sluice server', async () => {
      await terraformCycle(full, tfServer.url, join(full.dir, 'tf-sluice'));
    }, 600_000);
  });
});
