// One sample call per operation, in the order a session would make them (create → use → delete),
// for the end-to-end test that drives every registered operation through the HTTP face with the AWS
// SDK. A registered operation without a sample fails that test: add its sample here, where it fits
// in the sequence. Samples of operations not registered yet are skipped, so they may come first.
import { expect } from 'vitest';

/** Values an earlier sample's response handed on to later samples (run ids, result ids …). */
export type Saved = Record<string, any>;

export interface Sample {
  input: Record<string, unknown> | ((saved: Saved) => Record<string, unknown>);
  /** What the response must show (and what to save for later samples); without it, succeeding is the check. */
  check?: (output: any, saved: Saved) => void;
  /** Repeat the call (for up to 60 s) until this holds: for work that finishes in the background. */
  until?: (output: any) => boolean;
  /** The call must fail with this exception (the sample shows the operation refusing, in Glue's way). */
  expectError?: string;
}

const DB = 'e2e_samples';
const columns = [
  { Name: 'id', Type: 'bigint' },
  { Name: 'amount', Type: 'decimal(10,2)' },
];
const table = (Description: string) => ({
  Name: 'orders',
  Description,
  Parameters: { classification: 'parquet' },
  StorageDescriptor: { Columns: columns, Location: 'lake/raw/e2e/orders' },
  PartitionKeys: [{ Name: 'dt', Type: 'string' }],
});
const partition = (dt: string, Parameters: Record<string, string> = {}) => ({
  Values: [dt],
  StorageDescriptor: { Columns: columns, Location: `lake/raw/e2e/orders/dt=${dt}` },
  Parameters,
});
const key = { DatabaseName: DB, TableName: 'orders' };
const stats = (ColumnName: string) => ({
  ColumnName,
  ColumnType: 'bigint',
  AnalyzedTime: new Date('2026-01-01T00:00:00Z'),
  StatisticsData: {
    Type: 'LONG',
    LongColumnStatisticsData: { MinimumValue: 1, MaximumValue: 9, NumberOfNulls: 0, NumberOfDistinctValues: 9 },
  },
});
const arn = (region: string, account: string) => `arn:aws:glue:${region}:${account}:database/${DB}`;
export const SAMPLE_REGION = 'us-east-1';
export const SAMPLE_ACCOUNT = '123456789012';
const ROLE = 'arn:aws:iam::123456789012:role/e2e';
const dqSource = { GlueTable: { ...key } };

export const glueSamples: [string, Sample][] = [
  ['CreateDatabase', { input: { DatabaseInput: { Name: DB, Description: 'samples' }, Tags: { suite: 'e2e' } } }],
  ['GetDatabase', { input: { Name: DB }, check: (o) => expect(o.Database.CreateTime).toBeInstanceOf(Date) }],
  ['GetDatabases', { input: {}, check: (o) => expect(o.DatabaseList.map((d: { Name: string }) => d.Name)).toContain(DB) }],
  ['UpdateDatabase', { input: { Name: DB, DatabaseInput: { Name: DB, Description: 'updated' } } }],

  ['CreateTable', { input: { DatabaseName: DB, TableInput: table('v0') } }],
  ['GetTable', { input: { DatabaseName: DB, Name: 'orders' }, check: (o) => expect(o.Table.StorageDescriptor.Columns).toEqual(columns) }],
  ['GetTables', { input: { DatabaseName: DB }, check: (o) => expect(o.TableList).toHaveLength(1) }],
  ['UpdateTable', { input: { DatabaseName: DB, TableInput: table('v1') } }],
  ['GetTableVersion', { input: { ...key, VersionId: '0' }, check: (o) => expect(o.TableVersion.Table.Description).toBe('v0') }],
  ['GetTableVersions', { input: key, check: (o) => expect(o.TableVersions).toHaveLength(2) }],
  ['SearchTables', { input: { SearchText: 'orders' }, check: (o) => expect(o.TableList.length).toBeGreaterThan(0) }],

  ['CreatePartition', { input: { ...key, PartitionInput: partition('2026-01-01') } }],
  ['BatchCreatePartition', { input: { ...key, PartitionInputList: [partition('2026-01-02'), partition('2026-01-03')] } }],
  [
    'GetPartition',
    { input: { ...key, PartitionValues: ['2026-01-01'] }, check: (o) => expect(o.Partition.Values).toEqual(['2026-01-01']) },
  ],
  ['GetPartitions', { input: { ...key, Expression: "dt >= '2026-01-02'" }, check: (o) => expect(o.Partitions).toHaveLength(2) }],
  [
    'BatchGetPartition',
    {
      input: { ...key, PartitionsToGet: [{ Values: ['2026-01-01'] }, { Values: ['1999-01-01'] }] },
      check: (o) => expect(o.Partitions).toHaveLength(1),
    },
  ],
  ['UpdatePartition', { input: { ...key, PartitionValueList: ['2026-01-01'], PartitionInput: partition('2026-01-01', { rows: '10' }) } }],
  [
    'BatchUpdatePartition',
    { input: { ...key, Entries: [{ PartitionValueList: ['2026-01-02'], PartitionInput: partition('2026-01-02', { rows: '20' }) }] } },
  ],
  ['CreatePartitionIndex', { input: { ...key, PartitionIndex: { IndexName: 'by_dt', Keys: ['dt'] } } }],
  [
    'GetPartitionIndexes',
    {
      input: key,
      check: (o) =>
        expect(o.PartitionIndexDescriptorList).toEqual([
          { IndexName: 'by_dt', Keys: [{ Name: 'dt', Type: 'string' }], IndexStatus: 'ACTIVE' },
        ]),
    },
  ],
  ['DeletePartitionIndex', { input: { ...key, IndexName: 'by_dt' } }],
  [
    'UpdateColumnStatisticsForTable',
    { input: { ...key, ColumnStatisticsList: [stats('id')] }, check: (o) => expect(o.Errors).toEqual([]) },
  ],
  [
    'GetColumnStatisticsForTable',
    {
      input: { ...key, ColumnNames: ['id'] },
      check: (o) => expect(o.ColumnStatisticsList[0].StatisticsData.LongColumnStatisticsData.MaximumValue).toBe(9),
    },
  ],
  ['DeleteColumnStatisticsForTable', { input: { ...key, ColumnName: 'id' } }],
  [
    'StartColumnStatisticsTaskRun',
    { input: { ...key, Role: ROLE, ColumnNameList: ['id'] }, check: (o, saved) => void (saved.statsRunId = o.ColumnStatisticsTaskRunId) },
  ],
  [
    'GetColumnStatisticsTaskRun',
    {
      input: (saved) => ({ ColumnStatisticsTaskRunId: saved.statsRunId }),
      check: (o) => expect(o.ColumnStatisticsTaskRun).toMatchObject({ TableName: 'orders', ColumnNameList: ['id'] }),
    },
  ],
  ['GetColumnStatisticsTaskRuns', { input: key, check: (o) => expect(o.ColumnStatisticsTaskRuns).toHaveLength(1) }],

  [
    'UpdateColumnStatisticsForPartition',
    { input: { ...key, PartitionValues: ['2026-01-01'], ColumnStatisticsList: [stats('id')] }, check: (o) => expect(o.Errors).toEqual([]) },
  ],
  [
    'GetColumnStatisticsForPartition',
    {
      input: { ...key, PartitionValues: ['2026-01-01'], ColumnNames: ['id', 'amount'] },
      check: (o) => expect([o.ColumnStatisticsList.length, o.Errors[0].ColumnName]).toEqual([1, 'amount']),
    },
  ],
  ['DeleteColumnStatisticsForPartition', { input: { ...key, PartitionValues: ['2026-01-01'], ColumnName: 'id' } }],
  ['DeletePartition', { input: { ...key, PartitionValues: ['2026-01-01'] } }],
  ['BatchDeletePartition', { input: { ...key, PartitionsToDelete: [{ Values: ['2026-01-02'] }, { Values: ['2026-01-03'] }] } }],

  [
    'CreateUserDefinedFunction',
    {
      input: {
        DatabaseName: DB,
        FunctionInput: { FunctionName: 'to_cents', ClassName: 'com.example.ToCents', OwnerName: 'e2e', OwnerType: 'USER' },
      },
    },
  ],
  [
    'GetUserDefinedFunction',
    {
      input: { DatabaseName: DB, FunctionName: 'TO_CENTS' },
      check: (o) => expect(o.UserDefinedFunction.ClassName).toBe('com.example.ToCents'),
    },
  ],
  [
    'UpdateUserDefinedFunction',
    { input: { DatabaseName: DB, FunctionName: 'to_cents', FunctionInput: { FunctionName: 'to_cents', ClassName: 'com.example.Cents' } } },
  ],
  [
    'GetUserDefinedFunctions',
    {
      input: { DatabaseName: DB, Pattern: 'to_*' },
      check: (o) => expect(o.UserDefinedFunctions.map((f: any) => f.ClassName)).toEqual(['com.example.Cents']),
    },
  ],
  ['DeleteUserDefinedFunction', { input: { DatabaseName: DB, FunctionName: 'to_cents' } }],

  [
    'CreateConnection',
    {
      input: {
        ConnectionInput: {
          Name: 'e2e-pg',
          ConnectionType: 'JDBC',
          ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://localhost/x', PASSWORD: 'p' },
        },
      },
    },
  ],
  ['GetConnection', { input: { Name: 'e2e-pg' }, check: (o) => expect(o.Connection.ConnectionProperties.PASSWORD).toBeUndefined() }],
  ['GetConnections', { input: {}, check: (o) => expect(o.ConnectionList).toHaveLength(1) }],
  [
    'UpdateConnection',
    {
      input: {
        Name: 'e2e-pg',
        ConnectionInput: {
          Name: 'e2e-pg',
          ConnectionType: 'JDBC',
          ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://db/x' },
        },
      },
    },
  ],

  ['TagResource', { input: { ResourceArn: arn(SAMPLE_REGION, SAMPLE_ACCOUNT), TagsToAdd: { owner: 'ops' } } }],
  [
    'GetTags',
    { input: { ResourceArn: arn(SAMPLE_REGION, SAMPLE_ACCOUNT) }, check: (o) => expect(o.Tags).toEqual({ suite: 'e2e', owner: 'ops' }) },
  ],
  ['UntagResource', { input: { ResourceArn: arn(SAMPLE_REGION, SAMPLE_ACCOUNT), TagsToRemove: ['owner'] } }],

  [
    'CreateDataQualityRuleset',
    { input: { Name: 'e2e-rules', Ruleset: 'Rules = [ RowCount >= 0, ColumnCount = 3 ]', TargetTable: { ...key } } },
  ],
  ['GetDataQualityRuleset', { input: { Name: 'e2e-rules' }, check: (o) => expect(o.Ruleset).toContain('RowCount') }],
  ['UpdateDataQualityRuleset', { input: { Name: 'e2e-rules', Description: 'checked by the e2e suite' } }],
  ['ListDataQualityRulesets', { input: {}, check: (o) => expect(o.Rulesets.map((r: { Name: string }) => r.Name)).toContain('e2e-rules') }],
  // A run cancelled before its worker starts ends STOPPED; a second run is left to finish.
  [
    'StartDataQualityRulesetEvaluationRun',
    { input: { DataSource: dqSource, Role: ROLE, RulesetNames: ['e2e-rules'] }, check: (o, saved) => (saved.cancelled = o.RunId) },
  ],
  ['CancelDataQualityRulesetEvaluationRun', { input: (saved) => ({ RunId: saved.cancelled }) }],
  [
    'StartDataQualityRulesetEvaluationRun',
    { input: { DataSource: dqSource, Role: ROLE, RulesetNames: ['e2e-rules'] }, check: (o, saved) => (saved.evalRun = o.RunId) },
  ],
  [
    'GetDataQualityRulesetEvaluationRun',
    {
      input: (saved) => ({ RunId: saved.evalRun }),
      until: (o) => !['STARTING', 'RUNNING'].includes(o.Status),
      check: (o, saved) => {
        expect(o.Status, o.ErrorString).toBe('SUCCEEDED');
        saved.results = o.ResultIds;
      },
    },
  ],
  ['ListDataQualityRulesetEvaluationRuns', { input: {}, check: (o) => expect(o.Runs.length).toBeGreaterThan(0) }],
  [
    'GetDataQualityResult',
    {
      input: (saved) => ({ ResultId: saved.results[0] }),
      check: (o) => expect(o.RuleResults.map((r: { Result: string }) => r.Result)).toEqual(['PASS', 'PASS']),
    },
  ],
  [
    'BatchGetDataQualityResult',
    {
      input: (saved) => ({ ResultIds: [saved.results[0], 'dqresult-missing'] }),
      check: (o) => expect(o.ResultsNotFound).toEqual(['dqresult-missing']),
    },
  ],
  ['ListDataQualityResults', { input: {}, check: (o) => expect(o.Results.length).toBeGreaterThan(0) }],
  ['StartDataQualityRuleRecommendationRun', { input: { DataSource: dqSource, Role: ROLE }, check: (o, saved) => (saved.recRun = o.RunId) }],
  ['CancelDataQualityRuleRecommendationRun', { input: (saved) => ({ RunId: saved.recRun }) }],
  ['GetDataQualityRuleRecommendationRun', { input: (saved) => ({ RunId: saved.recRun }), until: (o) => o.Status === 'STOPPED' }],
  ['ListDataQualityRuleRecommendationRuns', { input: {}, check: (o) => expect(o.Runs.length).toBeGreaterThan(0) }],
  ['DeleteDataQualityRuleset', { input: { Name: 'e2e-rules' } }],

  // Security configurations and the catalog's encryption settings (keys are not looked up until used).
  [
    'CreateSecurityConfiguration',
    {
      input: {
        Name: 'e2e-sec',
        EncryptionConfiguration: {
          S3Encryption: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/e2e' }],
          CloudWatchEncryption: { CloudWatchEncryptionMode: 'DISABLED' },
          JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'DISABLED' },
        },
      },
      check: (o) => expect(o.Name).toBe('e2e-sec'),
    },
  ],
  [
    'GetSecurityConfiguration',
    {
      input: { Name: 'e2e-sec' },
      check: (o) => expect(o.SecurityConfiguration.EncryptionConfiguration.S3Encryption[0].S3EncryptionMode).toBe('SSE-KMS'),
    },
  ],
  ['GetSecurityConfigurations', { input: {}, check: (o) => expect(o.SecurityConfigurations.map((c: any) => c.Name)).toContain('e2e-sec') }],
  ['DeleteSecurityConfiguration', { input: { Name: 'e2e-sec' } }],
  [
    'PutDataCatalogEncryptionSettings',
    {
      input: {
        DataCatalogEncryptionSettings: {
          EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' },
          ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: false },
        },
      },
    },
  ],
  [
    'GetDataCatalogEncryptionSettings',
    { input: {}, check: (o) => expect(o.DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode).toBe('DISABLED') },
  ],
  // A crawler over the project's (empty) raw zone; the first crawl is stopped before its worker starts.
  ['CreateClassifier', { input: { CsvClassifier: { Name: 'e2e-pipes', Delimiter: '|', ContainsHeader: 'PRESENT' } } }],
  ['GetClassifier', { input: { Name: 'e2e-pipes' }, check: (o) => expect(o.Classifier.CsvClassifier.Delimiter).toBe('|') }],
  ['GetClassifiers', { input: {}, check: (o) => expect(o.Classifiers.length).toBeGreaterThan(0) }],
  ['UpdateClassifier', { input: { CsvClassifier: { Name: 'e2e-pipes', Delimiter: ';' } } }],
  [
    'CreateCrawler',
    {
      input: {
        Name: 'e2e-crawler',
        Role: ROLE,
        DatabaseName: DB,
        Targets: { S3Targets: [{ Path: 'lake/raw' }] },
        Classifiers: ['e2e-pipes'],
      },
    },
  ],
  ['GetCrawler', { input: { Name: 'e2e-crawler' }, check: (o) => expect(o.Crawler.State).toBe('READY') }],
  ['GetCrawlers', { input: {}, check: (o) => expect(o.Crawlers.map((c: { Name: string }) => c.Name)).toContain('e2e-crawler') }],
  [
    'BatchGetCrawlers',
    { input: { CrawlerNames: ['e2e-crawler', 'e2e-ghost'] }, check: (o) => expect(o.CrawlersNotFound).toEqual(['e2e-ghost']) },
  ],
  ['ListCrawlers', { input: {}, check: (o) => expect(o.CrawlerNames).toContain('e2e-crawler') }],
  ['UpdateCrawler', { input: { Name: 'e2e-crawler', Description: 'updated' } }],
  ['DryRunCrawler', { input: { Name: 'e2e-crawler' } }],
  ['StartCrawler', { input: { Name: 'e2e-crawler' } }],
  ['StopCrawler', { input: { Name: 'e2e-crawler' } }],
  [
    'GetCrawler',
    {
      input: { Name: 'e2e-crawler' },
      until: (o) => o.Crawler.State === 'READY',
      check: (o) => expect(o.Crawler.LastCrawl.Status).toBe('CANCELLED'),
    },
  ],
  ['StartCrawler', { input: { Name: 'e2e-crawler' } }],
  [
    'GetCrawler',
    {
      input: { Name: 'e2e-crawler' },
      until: (o) => o.Crawler.State === 'READY',
      check: (o) => expect(o.Crawler.LastCrawl.Status).toBe('SUCCEEDED'),
    },
  ],
  [
    'ListCrawls',
    {
      input: { CrawlerName: 'e2e-crawler' },
      check: (o, saved) => {
        expect(o.Crawls).toHaveLength(2);
        saved.crawlId = o.Crawls[0].CrawlId;
      },
    },
  ],
  ['GetCrawlDetails', { input: (saved) => ({ CrawlerName: 'e2e-crawler', CrawlId: saved.crawlId }) }],
  ['GetCrawlerMetrics', { input: { CrawlerNameList: ['e2e-crawler'] }, check: (o) => expect(o.CrawlerMetricsList).toHaveLength(1) }],
  ['UpdateCrawlerSchedule', { input: { CrawlerName: 'e2e-crawler', Schedule: 'cron(0 2 * * ? *)' } }],
  // Setting a schedule turns it on (SCHEDULED), as in Glue.
  ['StopCrawlerSchedule', { input: { CrawlerName: 'e2e-crawler' } }],
  ['StartCrawlerSchedule', { input: { CrawlerName: 'e2e-crawler' } }],
  ['DeleteCrawler', { input: { Name: 'e2e-crawler' } }],
  ['DeleteClassifier', { input: { Name: 'e2e-pipes' } }],

  // A job whose script does not exist: the run fails with a message naming it, as Glue's would.
  [
    'CreateJob',
    {
      input: {
        Name: 'e2e-job',
        Role: ROLE,
        Command: { Name: 'glueetl', ScriptLocation: 'scripts/e2e-missing-script.sql' },
        DefaultArguments: { '--job-bookmark-option': 'job-bookmark-enable' },
      },
    },
  ],
  ['GetJob', { input: { JobName: 'e2e-job' }, check: (o) => expect(o.Job.Command.ScriptLocation).toBe('scripts/e2e-missing-script.sql') }],
  ['GetJobs', { input: {}, check: (o) => expect(o.Jobs.map((j: { Name: string }) => j.Name)).toContain('e2e-job') }],
  ['BatchGetJobs', { input: { JobNames: ['e2e-job', 'e2e-ghost'] }, check: (o) => expect(o.JobsNotFound).toEqual(['e2e-ghost']) }],
  ['ListJobs', { input: {}, check: (o) => expect(o.JobNames).toContain('e2e-job') }],
  [
    'UpdateJob',
    {
      input: {
        JobName: 'e2e-job',
        JobUpdate: { Role: ROLE, Description: 'updated', Command: { Name: 'glueetl', ScriptLocation: 'scripts/e2e-missing-script.sql' } },
      },
    },
  ],
  ['StartJobRun', { input: { JobName: 'e2e-job' }, check: (o, saved) => (saved.jobRun = o.JobRunId) }],
  [
    'GetJobRun',
    {
      input: (saved) => ({ JobName: 'e2e-job', RunId: saved.jobRun }),
      until: (o) => !['STARTING', 'RUNNING', 'WAITING', 'STOPPING'].includes(o.JobRun.JobRunState),
      check: (o) => {
        expect(o.JobRun.JobRunState).toBe('FAILED');
        expect(o.JobRun.ErrorMessage).toMatch(/missing-script\.sql/);
      },
    },
  ],
  ['GetJobRuns', { input: { JobName: 'e2e-job' }, check: (o) => expect(o.JobRuns.length).toBeGreaterThan(0) }],
  ['GetJobRunDetails', { input: (saved) => ({ JobName: 'e2e-job', RunId: saved.jobRun }) }],
  [
    'BatchStopJobRun',
    { input: (saved) => ({ JobName: 'e2e-job', JobRunIds: [saved.jobRun] }), check: (o) => expect(o.Errors).toHaveLength(1) },
  ],
  ['SetJobBookmark', { input: { JobName: 'e2e-job', JobBookmark: JSON.stringify({ orders: { files: [] } }) } }],
  ['GetJobBookmark', { input: { JobName: 'e2e-job' }, check: (o) => expect(o.JobBookmarkEntry.JobName).toBe('e2e-job') }],
  ['GetJobBookmarkHistory', { input: { JobName: 'e2e-job' } }],
  ['ResetJobBookmark', { input: { JobName: 'e2e-job' } }],
  // Monitoring (Sluice-only): the failed run above, as every run kind is seen, and the alarm it fired.
  [
    'ListRuns',
    {
      input: { Kinds: ['job'], Failed: true },
      check: (o, saved) => expect(o.Runs.map((r: { RunId: string }) => r.RunId)).toContain(saved.jobRun),
    },
  ],
  [
    'GetRun',
    {
      input: (saved) => ({ RunId: saved.jobRun }),
      check: (o) => expect([o.Run.Kind, o.Run.State, o.Timeline[0].State]).toEqual(['job', 'FAILED', 'STARTING']),
    },
  ],
  ['GetRunLog', { input: (saved) => ({ RunId: saved.jobRun, Level: 'error' }), check: (o) => expect(o.Entries.length).toBeGreaterThan(0) }],
  [
    'GetRunLog',
    {
      input: (saved) => ({ RunId: saved.evalRun }),
      check: (o) =>
        expect(o.Entries.map((e: { Message: string }) => e.Message)).toEqual(['evaluation started', 'ruleset evaluated', 'run ended']),
    },
  ],
  [
    'GetMetricHistory',
    {
      input: { Series: 'job.failed', Subject: 'e2e-job' },
      until: (o) => o.Points.length > 0,
      check: (o) => expect(o.Points[0].Value).toBe(1),
    },
  ],
  [
    'ListAlarms',
    {
      input: { StateValue: 'ALARM' },
      until: (o) => o.Alarms.some((a: { Name: string }) => a.Name === 'job-failure'),
      check: (o) => expect(o.Alarms.find((a: { Name: string }) => a.Name === 'job-failure').Subjects[0].Subject).toBe('e2e-job'),
    },
  ],
  [
    'GetAlarmHistory',
    { input: { AlarmName: 'job-failure', Subject: 'e2e-job' }, check: (o) => expect(o.History[0].NewState).toBe('ALARM') },
  ],
  ['ListNotifications', { input: { Notifier: 'log' }, until: (o) => o.Notifications.some((n: { State: string }) => n.State === 'SENT') }],
  ['GetMonitoringOverview', { input: {}, check: (o) => expect(o.FailingJobs.map((f: { Name: string }) => f.Name)).toContain('e2e-job') }],
  ['RunCatalogQuery', { input: { Sql: `SELECT count(*) AS n FROM ${DB}.orders` }, check: (o) => expect(o.Rows).toEqual([{ n: 0 }]) }],
  [
    'GetDataQualityFailingRows',
    { input: (saved) => ({ ResultId: saved.results[0] }), check: (o) => expect([o.RowsEvaluated, o.Rows]).toEqual([0, []]) },
  ],
  // Workflows and triggers over the failing job above: a run is COMPLETED although its node failed;
  // it is resumed from that node under a new id; a third run is stopped. Runs are driven by a detached
  // driver process (no scheduler runs beside this test server).
  [
    'CreateWorkflow',
    { input: { Name: 'e2e-flow', DefaultRunProperties: { stage: 'test' }, MaxConcurrentRuns: 1, Tags: { suite: 'e2e' } } },
  ],
  ['GetWorkflow', { input: { Name: 'e2e-flow' }, check: (o) => expect(o.Workflow.DefaultRunProperties).toEqual({ stage: 'test' }) }],
  ['ListWorkflows', { input: {}, check: (o) => expect(o.Workflows).toContain('e2e-flow') }],
  ['BatchGetWorkflows', { input: { Names: ['e2e-flow', 'e2e-ghost'] }, check: (o) => expect(o.MissingWorkflows).toEqual(['e2e-ghost']) }],
  ['UpdateWorkflow', { input: { Name: 'e2e-flow', Description: 'updated' } }],
  [
    'CreateTrigger',
    {
      input: {
        Name: 'e2e-start',
        WorkflowName: 'e2e-flow',
        Type: 'ON_DEMAND',
        Actions: [{ JobName: 'e2e-job', Arguments: { '--from': 'trigger' } }],
      },
    },
  ],
  [
    'CreateTrigger',
    {
      input: {
        Name: 'e2e-nightly',
        WorkflowName: 'e2e-flow',
        Type: 'SCHEDULED',
        Schedule: 'cron(0 2 * * ? *)',
        Actions: [{ JobName: 'e2e-job' }],
      },
    },
  ],
  [
    'CreateTrigger',
    {
      input: {
        Name: 'e2e-files',
        WorkflowName: 'e2e-flow',
        Type: 'EVENT',
        EventBatchingCondition: { BatchSize: 5, BatchWindow: 30 },
        Actions: [{ JobName: 'e2e-job' }],
      },
    },
  ],
  ['GetTrigger', { input: { Name: 'e2e-start' }, check: (o) => expect(o.Trigger.State).toBe('CREATED') }],
  ['GetTriggers', { input: { DependentJobName: 'e2e-job' }, check: (o) => expect(o.Triggers).toHaveLength(3) }],
  [
    'BatchGetTriggers',
    { input: { TriggerNames: ['e2e-start', 'e2e-ghost'] }, check: (o) => expect(o.TriggersNotFound).toEqual(['e2e-ghost']) },
  ],
  ['ListTriggers', { input: {}, check: (o) => expect(o.TriggerNames).toEqual(['e2e-files', 'e2e-nightly', 'e2e-start']) }],
  [
    'UpdateTrigger',
    {
      input: { Name: 'e2e-nightly', TriggerUpdate: { Schedule: 'cron(30 3 ? * MON-FRI *)' } },
      check: (o) => expect(o.Trigger.Schedule).toBe('cron(30 3 ? * MON-FRI *)'),
    },
  ],
  ['StartTrigger', { input: { Name: 'e2e-nightly' } }],
  ['StopTrigger', { input: { Name: 'e2e-nightly' } }],
  ['PutTriggerEventSource', { input: { TriggerName: 'e2e-files', Locations: ['lake/raw'] } }],
  [
    'GetTriggerEventSource',
    { input: { TriggerName: 'e2e-files' }, check: (o) => expect([o.Locations, o.PendingEvents]).toEqual([['lake/raw'], 0]) },
  ],
  ['ListScheduledSlots', { input: { TriggerName: 'e2e-nightly' }, check: (o) => expect(o.Slots).toEqual([]) }],
  [
    'StartWorkflowRun',
    { input: { Name: 'e2e-flow', RunProperties: { day: '2026-01-01' } }, check: (o, saved) => (saved.flowRun = o.RunId) },
  ],
  [
    'GetWorkflowRunProperties',
    {
      input: (saved) => ({ Name: 'e2e-flow', RunId: saved.flowRun }),
      check: (o) => expect(o.RunProperties).toEqual({ stage: 'test', day: '2026-01-01' }),
    },
  ],
  ['PutWorkflowRunProperties', { input: (saved) => ({ Name: 'e2e-flow', RunId: saved.flowRun, RunProperties: { checked: 'yes' } }) }],
  [
    'GetWorkflowRun',
    {
      input: (saved) => ({ Name: 'e2e-flow', RunId: saved.flowRun, IncludeGraph: true }),
      until: (o) => o.Run.Status !== 'RUNNING',
      check: (o, saved) => {
        expect([o.Run.Status, o.Run.Statistics.FailedActions]).toEqual(['COMPLETED', 1]);
        saved.jobNode = o.Run.Graph.Nodes.find((n: { Type: string }) => n.Type === 'JOB').UniqueId;
      },
    },
  ],
  ['GetWorkflowRuns', { input: { Name: 'e2e-flow' }, check: (o, saved) => expect(o.Runs[0].WorkflowRunId).toBe(saved.flowRun) }],
  [
    'ResumeWorkflowRun',
    {
      input: (saved) => ({ Name: 'e2e-flow', RunId: saved.flowRun, NodeIds: [saved.jobNode] }),
      check: (o, saved) => (saved.resumed = o.RunId),
    },
  ],
  [
    'GetWorkflowRun',
    {
      input: (saved) => ({ Name: 'e2e-flow', RunId: saved.resumed }),
      until: (o) => o.Run.Status !== 'RUNNING',
      check: (o, saved) => expect([o.Run.Status, o.Run.PreviousRunId]).toEqual(['COMPLETED', saved.flowRun]),
    },
  ],
  ['StartWorkflowRun', { input: { Name: 'e2e-flow' }, check: (o, saved) => (saved.stopped = o.RunId) }],
  ['StopWorkflowRun', { input: (saved) => ({ Name: 'e2e-flow', RunId: saved.stopped }) }],
  [
    'GetWorkflowRun',
    {
      input: (saved) => ({ Name: 'e2e-flow', RunId: saved.stopped }),
      until: (o) => o.Run.Status === 'STOPPED',
      check: (o) => expect(o.Run.Status).toBe('STOPPED'),
    },
  ],
  ['DeleteTrigger', { input: { Name: 'e2e-files' } }],
  ['DeleteWorkflow', { input: { Name: 'e2e-flow' } }],
  ['DeleteJob', { input: { JobName: 'e2e-job' } }],

  // An interactive session: statements are SQL on DuckDB over the catalog.
  [
    'CreateSession',
    {
      input: { Id: 'e2e-session', Role: ROLE, Command: { Name: 'glueetl', PythonVersion: '3' } },
      check: (o) => expect(o.Session.Status).toBe('READY'),
    },
  ],
  ['GetSession', { input: { Id: 'e2e-session' }, check: (o) => expect(o.Session.Id).toBe('e2e-session') }],
  ['ListSessions', { input: {}, check: (o) => expect(o.Ids).toContain('e2e-session') }],
  ['RunStatement', { input: { SessionId: 'e2e-session', Code: 'SELECT 42 AS answer' }, check: (o) => expect(o.Id).toBe(0) }],
  [
    'GetStatement',
    { input: { SessionId: 'e2e-session', Id: 0 }, check: (o) => expect(o.Statement.Output.Data.TextPlain).toBe('{"answer":42}') },
  ],
  ['ListStatements', { input: { SessionId: 'e2e-session' }, check: (o) => expect(o.Statements).toHaveLength(1) }],
  [
    'CancelStatement',
    {
      // Statements finish within RunStatement, so this one has ended: Glue's refusal is the check.
      input: { SessionId: 'e2e-session', Id: 0 },
      expectError: 'IllegalSessionStateException',
    },
  ],
  ['StopSession', { input: { Id: 'e2e-session' }, check: (o) => expect(o.Id).toBe('e2e-session') }],
  ['DeleteSession', { input: { Id: 'e2e-session' }, check: (o) => expect(o.Id).toBe('e2e-session') }],

  // A dev endpoint: in Sluice, this machine.
  ['CreateDevEndpoint', { input: { EndpointName: 'e2e-dev', RoleArn: ROLE }, check: (o) => expect(o.Status).toBe('READY') }],
  ['GetDevEndpoint', { input: { EndpointName: 'e2e-dev' }, check: (o) => expect(o.DevEndpoint.PublicAddress).toBe('127.0.0.1') }],
  ['GetDevEndpoints', { input: {}, check: (o) => expect(o.DevEndpoints).toHaveLength(1) }],
  [
    'BatchGetDevEndpoints',
    { input: { DevEndpointNames: ['e2e-dev', 'e2e-none'] }, check: (o) => expect(o.DevEndpointsNotFound).toEqual(['e2e-none']) },
  ],
  ['ListDevEndpoints', { input: {}, check: (o) => expect(o.DevEndpointNames).toEqual(['e2e-dev']) }],
  ['UpdateDevEndpoint', { input: { EndpointName: 'e2e-dev', AddArguments: { '--enable-glue-datacatalog': '' } } }],
  ['DeleteDevEndpoint', { input: { EndpointName: 'e2e-dev' } }],

  ['DeleteTableVersion', { input: { ...key, VersionId: '0' } }],
  ['BatchDeleteTableVersion', { input: { ...key, VersionIds: ['0', '1'] }, check: (o) => expect(o.Errors).toHaveLength(2) }],
  ['DeleteTable', { input: { DatabaseName: DB, Name: 'orders' } }],
  [
    'BatchDeleteTable',
    {
      input: { DatabaseName: DB, TablesToDelete: ['orders'] },
      check: (o) => expect(o.Errors[0].ErrorDetail.ErrorCode).toBe('EntityNotFoundException'),
    },
  ],
  [
    'TestConnection',
    {
      // Nothing listens on port 1: the test reaches the network and says the connection was refused.
      input: {
        TestConnectionInput: {
          ConnectionType: 'JDBC',
          ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://127.0.0.1:1/x', USERNAME: 'u', PASSWORD: 'p' },
        },
      },
      expectError: 'InvalidInputException',
    },
  ],
  ['DeleteConnection', { input: { ConnectionName: 'e2e-pg' } }],
  [
    'PutResourcePolicy',
    {
      input: {
        PolicyInJson: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::210987654321:root' },
              Action: 'glue:Get*',
              Resource: `arn:aws:glue:${SAMPLE_REGION}:${SAMPLE_ACCOUNT}:*`,
            },
          ],
        }),
        PolicyExistsCondition: 'NOT_EXIST',
      },
      check: (o, saved) => (saved.policyHash = o.PolicyHash),
    },
  ],
  ['GetResourcePolicy', { input: {}, check: (o, saved) => expect(o.PolicyHash).toBe(saved.policyHash) }],
  ['GetResourcePolicies', { input: {}, check: (o) => expect(o.GetResourcePoliciesResponseList).toHaveLength(1) }],
  ['DeleteResourcePolicy', { input: (saved) => ({ PolicyHashCondition: saved.policyHash }) }],
  ['DeleteDatabase', { input: { Name: DB } }],
  ['ListAuditRecords', { input: {}, check: (o) => expect(Array.isArray(o.Records)).toBe(true) }],
];
