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
  StorageDescriptor: { Columns: columns, Location: '/tmp/e2e/orders' },
  PartitionKeys: [{ Name: 'dt', Type: 'string' }],
});
const partition = (dt: string, Parameters: Record<string, string> = {}) => ({
  Values: [dt],
  StorageDescriptor: { Columns: columns, Location: `/tmp/e2e/orders/dt=${dt}` },
  Parameters,
});
const key = { DatabaseName: DB, TableName: 'orders' };
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
  ['GetPartition', { input: { ...key, PartitionValues: ['2026-01-01'] }, check: (o) => expect(o.Partition.Values).toEqual(['2026-01-01']) }],
  ['GetPartitions', { input: { ...key, Expression: "dt >= '2026-01-02'" }, check: (o) => expect(o.Partitions).toHaveLength(2) }],
  ['BatchGetPartition', { input: { ...key, PartitionsToGet: [{ Values: ['2026-01-01'] }, { Values: ['1999-01-01'] }] }, check: (o) => expect(o.Partitions).toHaveLength(1) }],
  ['UpdatePartition', { input: { ...key, PartitionValueList: ['2026-01-01'], PartitionInput: partition('2026-01-01', { rows: '10' }) } }],
  ['BatchUpdatePartition', { input: { ...key, Entries: [{ PartitionValueList: ['2026-01-02'], PartitionInput: partition('2026-01-02', { rows: '20' }) }] } }],
  ['DeletePartition', { input: { ...key, PartitionValues: ['2026-01-01'] } }],
  ['BatchDeletePartition', { input: { ...key, PartitionsToDelete: [{ Values: ['2026-01-02'] }, { Values: ['2026-01-03'] }] } }],

  ['CreateConnection', { input: { ConnectionInput: { Name: 'e2e-pg', ConnectionType: 'JDBC', ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://localhost/x', PASSWORD: 'p' } } } }],
  ['GetConnection', { input: { Name: 'e2e-pg' }, check: (o) => expect(o.Connection.ConnectionProperties.PASSWORD).toBeUndefined() }],
  ['GetConnections', { input: {}, check: (o) => expect(o.ConnectionList).toHaveLength(1) }],
  ['UpdateConnection', { input: { Name: 'e2e-pg', ConnectionInput: { Name: 'e2e-pg', ConnectionType: 'JDBC', ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://db/x' } } } }],

  ['TagResource', { input: { ResourceArn: arn(SAMPLE_REGION, SAMPLE_ACCOUNT), TagsToAdd: { owner: 'ops' } } }],
  ['GetTags', { input: { ResourceArn: arn(SAMPLE_REGION, SAMPLE_ACCOUNT) }, check: (o) => expect(o.Tags).toEqual({ suite: 'e2e', owner: 'ops' }) }],
  ['UntagResource', { input: { ResourceArn: arn(SAMPLE_REGION, SAMPLE_ACCOUNT), TagsToRemove: ['owner'] } }],

  ['CreateDataQualityRuleset', { input: { Name: 'e2e-rules', Ruleset: 'Rules = [ RowCount >= 0, ColumnCount = 3 ]', TargetTable: { ...key } } }],
  ['GetDataQualityRuleset', { input: { Name: 'e2e-rules' }, check: (o) => expect(o.Ruleset).toContain('RowCount') }],
  ['UpdateDataQualityRuleset', { input: { Name: 'e2e-rules', Description: 'checked by the e2e suite' } }],
  ['ListDataQualityRulesets', { input: {}, check: (o) => expect(o.Rulesets.map((r: { Name: string }) => r.Name)).toContain('e2e-rules') }],
  // A run cancelled before its worker starts ends STOPPED; a second run is left to finish.
  ['StartDataQualityRulesetEvaluationRun', { input: { DataSource: dqSource, Role: ROLE, RulesetNames: ['e2e-rules'] }, check: (o, saved) => (saved.cancelled = o.RunId) }],
  ['CancelDataQualityRulesetEvaluationRun', { input: (saved) => ({ RunId: saved.cancelled }) }],
  ['StartDataQualityRulesetEvaluationRun', { input: { DataSource: dqSource, Role: ROLE, RulesetNames: ['e2e-rules'] }, check: (o, saved) => (saved.evalRun = o.RunId) }],
  ['GetDataQualityRulesetEvaluationRun', {
    input: (saved) => ({ RunId: saved.evalRun }),
    until: (o) => !['STARTING', 'RUNNING'].includes(o.Status),
    check: (o, saved) => {
      expect(o.Status, o.ErrorString).toBe('SUCCEEDED');
      saved.results = o.ResultIds;
    },
  }],
  ['ListDataQualityRulesetEvaluationRuns', { input: {}, check: (o) => expect(o.Runs.length).toBeGreaterThan(0) }],
  ['GetDataQualityResult', { input: (saved) => ({ ResultId: saved.results[0] }), check: (o) => expect(o.RuleResults.map((r: { Result: string }) => r.Result)).toEqual(['PASS', 'PASS']) }],
  ['BatchGetDataQualityResult', { input: (saved) => ({ ResultIds: [saved.results[0], 'dqresult-missing'] }), check: (o) => expect(o.ResultsNotFound).toEqual(['dqresult-missing']) }],
  ['ListDataQualityResults', { input: {}, check: (o) => expect(o.Results.length).toBeGreaterThan(0) }],
  ['StartDataQualityRuleRecommendationRun', { input: { DataSource: dqSource, Role: ROLE }, check: (o, saved) => (saved.recRun = o.RunId) }],
  ['CancelDataQualityRuleRecommendationRun', { input: (saved) => ({ RunId: saved.recRun }) }],
  ['GetDataQualityRuleRecommendationRun', { input: (saved) => ({ RunId: saved.recRun }), until: (o) => o.Status === 'STOPPED' }],
  ['ListDataQualityRuleRecommendationRuns', { input: {}, check: (o) => expect(o.Runs.length).toBeGreaterThan(0) }],
  ['DeleteDataQualityRuleset', { input: { Name: 'e2e-rules' } }],

  ['DeleteTableVersion', { input: { ...key, VersionId: '0' } }],
  ['BatchDeleteTableVersion', { input: { ...key, VersionIds: ['0', '1'] }, check: (o) => expect(o.Errors).toHaveLength(2) }],
  ['DeleteTable', { input: { DatabaseName: DB, Name: 'orders' } }],
  ['BatchDeleteTable', { input: { DatabaseName: DB, TablesToDelete: ['orders'] }, check: (o) => expect(o.Errors[0].ErrorDetail.ErrorCode).toBe('EntityNotFoundException') }],
  ['DeleteConnection', { input: { ConnectionName: 'e2e-pg' } }],
  ['DeleteDatabase', { input: { Name: DB } }],
];
