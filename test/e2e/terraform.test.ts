// The Terraform AWS provider (hashicorp/aws from a filesystem mirror, no network) against a running
// server with signatures verified: a typical Glue pipeline is applied, a second plan reports no change,
// and destroy removes every resource. The provider is offline (no account id lookup), so it sends an
// empty CatalogId and ARNs with an empty account, which Sluice reads as the caller's account.
// Without terraform or the provider mirror the suite is skipped with a message saying which is missing.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_KEY, type TestServer } from '../helpers/server.js';
import { expectGlueError } from '../helpers/expect-error.js';
import { findMirror } from '../helpers/terraform.js';

const run = promisify(execFile);

const hasTerraform = await run('terraform', ['version']).then(
  () => true,
  () => false,
);
const mirror = findMirror();
const missing = !hasTerraform
  ? 'terraform is not on PATH'
  : !mirror
    ? 'no filesystem mirror holds registry.terraform.io/hashicorp/aws'
    : '';
if (missing) console.warn(`Skipping the Terraform end-to-end suite: ${missing} (set SLUICE_TF_MIRROR to the mirror folder).`);

function configuration(o: { url: string; version: string }): string {
  const security = `
resource "aws_glue_security_configuration" "default" {
  name = "tf_security"
  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "DISABLED"
    }
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "DISABLED"
    }
    s3_encryption {
      s3_encryption_mode = "SSE-S3"
    }
  }
}
`;
  return `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "${o.version}" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "${TEST_KEY.id}"
  secret_key                  = "${TEST_KEY.secret}"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    glue = "${o.url}"
  }
}

resource "aws_glue_catalog_database" "raw" {
  name        = "tf_raw"
  description = "landing zone"
}

resource "aws_glue_catalog_database" "curated" {
  name = "tf_curated"
}

resource "aws_glue_catalog_table" "events" {
  database_name = aws_glue_catalog_database.raw.name
  name          = "events"
  table_type    = "EXTERNAL_TABLE"
  parameters = {
    classification = "parquet"
  }
  partition_keys {
    name = "dt"
    type = "string"
  }
  partition_index {
    index_name = "by_dt"
    keys       = ["dt"]
  }
  storage_descriptor {
    location      = "s3://lake/raw/events/"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    }
    columns {
      name = "id"
      type = "bigint"
    }
    columns {
      name = "kind"
      type = "string"
    }
  }
}

resource "aws_glue_partition" "day1" {
  database_name    = aws_glue_catalog_database.raw.name
  table_name       = aws_glue_catalog_table.events.name
  partition_values = ["2024-01-01"]
  storage_descriptor {
    location = "s3://lake/raw/events/dt=2024-01-01/"
  }
}

resource "aws_glue_classifier" "pipes" {
  name = "tf_pipes"
  csv_classifier {
    delimiter       = "|"
    quote_symbol    = "\\""
    contains_header = "PRESENT"
    header          = ["id", "name"]
  }
}

# The provider builds a connection's id from its catalog id, which it does not look up offline.
resource "aws_glue_connection" "warehouse" {
  name       = "tf_warehouse"
  catalog_id = "123456789012"
  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:postgresql://127.0.0.1:5432/postgres"
    USERNAME            = "etl"
    SECRET_ID           = "warehouse/etl"
  }
}
${security}
resource "aws_glue_crawler" "raw" {
  name          = "tf_raw_crawler"
  database_name = aws_glue_catalog_database.raw.name
  role          = "arn:aws:iam::123456789012:role/glue"
  classifiers   = [aws_glue_classifier.pipes.name]
  s3_target {
    path = "s3://lake/raw/"
  }
}

resource "aws_glue_crawler" "curated" {
  name          = "tf_curated_crawler"
  database_name = aws_glue_catalog_database.curated.name
  role          = "arn:aws:iam::123456789012:role/glue"
  schedule      = "cron(0 3 * * ? *)"
  s3_target {
    path       = "s3://lake/curated/"
    exclusions = ["**.tmp"]
  }
}

resource "aws_glue_job" "ingest" {
  name     = "tf_ingest"
  role_arn = "arn:aws:iam::123456789012:role/glue"
  command {
    script_location = "s3://lake/scripts/ingest.sql"
  }
}

resource "aws_glue_job" "process" {
  name     = "tf_process"
  role_arn = "arn:aws:iam::123456789012:role/glue"
  command {
    script_location = "s3://lake/scripts/process.ts"
  }
  default_arguments = {
    "--job-bookmark-option" = "job-bookmark-enable"
  }
}

resource "aws_glue_job" "report" {
  name         = "tf_report"
  role_arn     = "arn:aws:iam::123456789012:role/glue"
  max_capacity = 0.0625
  command {
    name            = "pythonshell"
    python_version  = "3.9"
    script_location = "s3://lake/scripts/report.py"
  }
}

resource "aws_glue_workflow" "nightly" {
  name = "tf_nightly"
}

resource "aws_glue_trigger" "start" {
  name          = "tf_start"
  type          = "SCHEDULED"
  schedule      = "cron(0 2 * * ? *)"
  workflow_name = aws_glue_workflow.nightly.name
  actions {
    job_name = aws_glue_job.ingest.name
  }
}

resource "aws_glue_trigger" "after_ingest" {
  name          = "tf_after_ingest"
  type          = "CONDITIONAL"
  workflow_name = aws_glue_workflow.nightly.name
  predicate {
    conditions {
      job_name = aws_glue_job.ingest.name
      state    = "SUCCEEDED"
    }
  }
  actions {
    job_name = aws_glue_job.process.name
  }
}

resource "aws_glue_trigger" "after_process" {
  name          = "tf_after_process"
  type          = "CONDITIONAL"
  workflow_name = aws_glue_workflow.nightly.name
  predicate {
    conditions {
      job_name = aws_glue_job.process.name
      state    = "SUCCEEDED"
    }
  }
  actions {
    crawler_name = aws_glue_crawler.curated.name
  }
}

resource "aws_glue_data_quality_ruleset" "events" {
  name    = "tf_events_quality"
  ruleset = "Rules = [ RowCount > 0, IsComplete \\"id\\" ]"
  target_table {
    database_name = aws_glue_catalog_database.raw.name
    table_name    = aws_glue_catalog_table.events.name
  }
}
`;
}

interface TfResult {
  code: number;
  out: string;
}

describe.skipIf(!!missing)('Terraform (hashicorp/aws) against sluice server', () => {
  let s: TestServer;
  let env: NodeJS.ProcessEnv;
  const call = (op: string, input: unknown) => s.sluice.call(op, input);
  // Asynchronous on purpose: the server runs in this process and must keep answering.
  const tf = (...args: string[]): Promise<TfResult> =>
    run('terraform', [...args, '-no-color', '-input=false'], { cwd: s.dir, env, maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  beforeAll(async () => {
    // The pipeline's locations are s3://lake/…, outside the test project's local zones: allowed here.
    s = await startTestServer({ security: { storage: { allow: ['s3://lake/'] } } });
    const cli = join(s.dir, 'terraform.tfrc');
    writeFileSync(cli, `provider_installation {\n  filesystem_mirror {\n    path = "${mirror!.path}"\n  }\n}\n`);
    writeFileSync(join(s.dir, 'main.tf'), configuration({ url: s.url, version: mirror!.version }));
    env = {
      PATH: process.env.PATH,
      HOME: s.dir,
      TF_CLI_CONFIG_FILE: cli,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const init = await tf('init');
    expect(init.out).toContain('Terraform has been successfully initialized');
  }, 180_000);
  afterAll(async () => s?.cleanup());

  it('applies the pipeline, plans no change, and destroys it all', async () => {
    const apply = await tf('apply', '-auto-approve');
    expect(apply.out).not.toMatch(/Error:/);
    expect(apply.code).toBe(0);
    const resources = 17;
    expect(apply.out).toContain(`Apply complete! Resources: ${resources} added, 0 changed, 0 destroyed.`);

    // What the provider created is what Sluice serves.
    const { Table } = await call('GetTable', { DatabaseName: 'tf_raw', Name: 'events' });
    expect(Table.PartitionKeys).toMatchObject([{ Name: 'dt', Type: 'string' }]);
    expect(
      (await call('GetPartition', { DatabaseName: 'tf_raw', TableName: 'events', PartitionValues: ['2024-01-01'] })).Partition.Values,
    ).toEqual(['2024-01-01']);
    expect((await call('GetPartitionIndexes', { DatabaseName: 'tf_raw', TableName: 'events' })).PartitionIndexDescriptorList).toEqual([
      { IndexName: 'by_dt', Keys: [{ Name: 'dt', Type: 'string' }], IndexStatus: 'ACTIVE' },
    ]);
    expect((await call('GetCrawler', { Name: 'tf_curated_crawler' })).Crawler.Schedule.ScheduleExpression).toBe('cron(0 3 * * ? *)');
    expect((await call('BatchGetJobs', { JobNames: ['tf_ingest', 'tf_process', 'tf_report'] })).Jobs).toHaveLength(3);
    const { Workflow } = await call('GetWorkflow', { Name: 'tf_nightly', IncludeGraph: true });
    expect(Workflow.Graph.Nodes.filter((n: { Type: string }) => n.Type === 'TRIGGER')).toHaveLength(3);
    expect((await call('GetTags', { ResourceArn: 'arn:aws:glue:us-east-1::workflow/tf_nightly' })).Tags).toEqual({});

    const plan = await tf('plan', '-detailed-exitcode');
    expect(plan.out).toContain('No changes.');
    expect(plan.code).toBe(0);

    const destroy = await tf('destroy', '-auto-approve');
    expect(destroy.out).not.toMatch(/Error:/);
    expect(destroy.code).toBe(0);
    expect(destroy.out).toContain(`Destroy complete! Resources: ${resources} destroyed.`);
    expect((await call('GetDatabases', {})).DatabaseList.filter((d: { Name: string }) => d.Name.startsWith('tf_'))).toEqual([]);
    expect((await call('ListCrawlers', {})).CrawlerNames).toEqual([]);
    expect((await call('ListJobs', {})).JobNames).toEqual([]);
    expect((await call('ListTriggers', {})).TriggerNames).toEqual([]);
    await expectGlueError(call('GetWorkflow', { Name: 'tf_nightly' }), 'EntityNotFoundException');
    await expectGlueError(call('GetConnection', { Name: 'tf_warehouse' }), 'EntityNotFoundException');
    await expectGlueError(call('GetClassifier', { Name: 'tf_pipes' }), 'EntityNotFoundException');
    await expectGlueError(call('GetDataQualityRuleset', { Name: 'tf_events_quality' }), 'EntityNotFoundException');
  }, 600_000);
});
