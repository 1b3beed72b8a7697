// Evaluation and recommendation runs end to end: Start… returns at once, the detached worker
// (`sluice _run`) does the work in its own process, and Get/List/Cancel follow the run's row.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { expectGlueError } from '../../../test/helpers/expect-error.js';
import { parseDqdl } from '../dqdl/parser.js';
import { ORDERS_COLUMNS, ORDERS_CSV, csvTable, waitForRun } from './test-tables.js';

const DataSource = { GlueTable: { DatabaseName: 'shop', TableName: 'orders' } };
const RULES = `Rules = [
  RowCount = 4,
  IsComplete "customer",
  ColumnValues "amount" > 0,
  RowCount >= avg(last(1)),
  ReferentialIntegrity "customer" "people.name" >= 0.5
]
Analyzers = [ Completeness "customer" ]`;

describe('evaluation and recommendation runs', () => {
  let p: TestProject;
  const call = (op: string, input: unknown) => p.sluice.call(op, input);
  beforeAll(async () => {
    p = await openTestProject('sqlite');
    await csvTable(p.sluice, p.dir, 'shop', 'orders', ORDERS_CSV, ORDERS_COLUMNS);
    await csvTable(p.sluice, p.dir, 'shop', 'people', 'name\nalice\nbob\n', [['name', 'string']]);
    await call('CreateDataQualityRuleset', { Name: 'orders-rules', Ruleset: RULES, TargetTable: DataSource.GlueTable });
  });
  afterAll(async () => p?.cleanup());

  it('evaluates in a detached run, keeps the result, and feeds dynamic rules from history', async () => {
    const start = {
      DataSource,
      Role: 'r',
      RulesetNames: ['orders-rules'],
      AdditionalDataSources: { people: { GlueTable: { DatabaseName: 'shop', TableName: 'people' } } },
      AdditionalRunOptions: { ResultsS3Prefix: join(p.dir, 'dq-rows') },
    };
    const { RunId } = await call('StartDataQualityRulesetEvaluationRun', start);
    expect(RunId).toMatch(/^dqrun-[0-9a-f]{40}$/);
    const run = await waitForRun(p.sluice, 'GetDataQualityRulesetEvaluationRun', RunId);
    expect(run).toMatchObject({ RunId, Status: 'SUCCEEDED', RulesetNames: ['orders-rules'], DataSource });
    expect(run.ErrorString).toBeUndefined();
    expect(run.CompletedOn).toBeInstanceOf(Date);
    const result = await call('GetDataQualityResult', { ResultId: run.ResultIds[0] });
    expect(result).toMatchObject({ RulesetName: 'orders-rules', RulesetEvaluationRunId: RunId, DataSource, Score: 0.6 });
    expect(result.RuleResults.map((r: { Result: string }) => r.Result)).toEqual(['PASS', 'FAIL', 'FAIL', 'PASS', 'PASS']);
    expect(result.RuleResults[3].EvaluatedRule).toBe('RowCount >= 0.0');
    expect(result.RuleResults[4].EvaluatedMetrics).toEqual({ 'Column.people.ReferentialIntegrity': 0.5 });
    expect(result.AnalyzerResults[0].EvaluatedMetrics).toEqual({ 'Column.customer.Completeness': 0.75 });
    expect(result.AggregatedMetrics).toMatchObject({ TotalRowsProcessed: 4, TotalRowsPassed: 2, TotalRowsFailed: 2, TotalRulesPassed: 3 });
    // Row-level outcomes were written as Parquet under the results prefix.
    expect(readdirSync(join(p.dir, 'dq-rows', run.ResultIds[0])).some((f) => f.endsWith('.parquet'))).toBe(true);

    // A second run compares with the first: last(1) is now the previous row count.
    const second = await waitForRun(
      p.sluice,
      'GetDataQualityRulesetEvaluationRun',
      (await call('StartDataQualityRulesetEvaluationRun', { ...start, AdditionalRunOptions: undefined })).RunId,
    );
    const again = await call('GetDataQualityResult', { ResultId: second.ResultIds[0] });
    expect(again.RuleResults[3].EvaluatedRule).toBe('RowCount >= 4.0');

    const runs = await call('ListDataQualityRulesetEvaluationRuns', { Filter: { DataSource, RulesetName: 'orders-rules' } });
    expect(runs.Runs.map((r: { RunId: string }) => r.RunId)).toEqual([second.RunId, RunId]);
    expect((await call('ListDataQualityResults', { Filter: { DataSource } })).Results).toHaveLength(2);
  });

  it('refuses unknown rulesets and tables before starting anything', async () => {
    await expectGlueError(
      call('StartDataQualityRulesetEvaluationRun', { DataSource, Role: 'r', RulesetNames: ['nope'] }),
      'EntityNotFoundException',
      'Data Quality Ruleset nope not found.',
    );
    await expectGlueError(
      call('StartDataQualityRulesetEvaluationRun', {
        DataSource: { GlueTable: { DatabaseName: 'shop', TableName: 'nope' } },
        Role: 'r',
        RulesetNames: ['orders-rules'],
      }),
      'EntityNotFoundException',
      'Table nope not found.',
    );
    await expectGlueError(call('GetDataQualityRulesetEvaluationRun', { RunId: 'dqrun-nope' }), 'EntityNotFoundException');
  });

  it('cancels a run that has not finished, and refuses to cancel a finished one', async () => {
    const { RunId } = await call('StartDataQualityRulesetEvaluationRun', { DataSource, Role: 'r', RulesetNames: ['orders-rules'] });
    await call('CancelDataQualityRulesetEvaluationRun', { RunId });
    const run = await call('GetDataQualityRulesetEvaluationRun', { RunId });
    expect(run.Status).toBe('STOPPED');
    expect(run.ResultIds).toBeUndefined();
    await expectGlueError(call('CancelDataQualityRulesetEvaluationRun', { RunId }), 'InvalidStateException', /is STOPPED/);
  });

  it('recommends a ruleset the table passes, and saves it when asked', async () => {
    const { RunId } = await call('StartDataQualityRuleRecommendationRun', { DataSource, Role: 'r', CreatedRulesetName: 'recommended' });
    const run = await waitForRun(p.sluice, 'GetDataQualityRuleRecommendationRun', RunId);
    expect(run).toMatchObject({ Status: 'SUCCEEDED', CreatedRulesetName: 'recommended' });
    const rules = parseDqdl(run.RecommendedRuleset).rules;
    expect(rules.length).toBeGreaterThan(5);
    const saved = await call('GetDataQualityRuleset', { Name: 'recommended' });
    expect(saved).toMatchObject({
      Ruleset: run.RecommendedRuleset,
      RecommendationRunId: RunId,
      TargetTable: { DatabaseName: 'shop', TableName: 'orders' },
    });
    const listed = await call('ListDataQualityRuleRecommendationRuns', { Filter: { DataSource } });
    expect(listed.Runs.map((r: { RunId: string }) => r.RunId)).toContain(RunId);
    await expectGlueError(
      call('StartDataQualityRuleRecommendationRun', { DataSource, Role: 'r', CreatedRulesetName: 'recommended' }),
      'AlreadyExistsException',
    );
    // The data as it is passes every recommended rule.
    const evaluated = await waitForRun(
      p.sluice,
      'GetDataQualityRulesetEvaluationRun',
      (await call('StartDataQualityRulesetEvaluationRun', { DataSource, Role: 'r', RulesetNames: ['recommended'] })).RunId,
    );
    const result = await call('GetDataQualityResult', { ResultId: evaluated.ResultIds[0] });
    expect(result.RuleResults.filter((r: { Result: string }) => r.Result !== 'PASS')).toEqual([]);
    expect(result.Score).toBe(1);
  });
});
