// Ruleset and result operations, on every metadata store backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../../../test/helpers/backends.js';
import { expectGlueError } from '../../../test/helpers/expect-error.js';
import { getTags } from '../../tags/tags.js';
import { recordResult, storeHistory } from './history.js';

const hasPg = await postgresAvailable();
const target = { DatabaseName: 'shop', TableName: 'orders' };

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && !hasPg)(`data quality rulesets on ${backend}`, () => {
    let p: TestProject;
    const call = (op: string, input: unknown) => p.sluice.call(op, input);
    beforeAll(async () => {
      p = await openTestProject(backend);
    });
    afterAll(async () => p?.cleanup());

    it('creates, reads, updates and deletes a ruleset, checking its DQDL', async () => {
      const Ruleset = 'Rules = [ RowCount > 0, IsComplete "id" ]';
      expect(
        await call('CreateDataQualityRuleset', {
          Name: 'orders-dq',
          Ruleset,
          Description: 'orders checks',
          TargetTable: target,
          Tags: { team: 'data' },
        }),
      ).toEqual({ Name: 'orders-dq' });
      const got = await call('GetDataQualityRuleset', { Name: 'orders-dq' });
      expect(got).toMatchObject({ Name: 'orders-dq', Ruleset, Description: 'orders checks', TargetTable: target });
      expect(got.CreatedOn).toBeInstanceOf(Date);
      await expectGlueError(
        call('CreateDataQualityRuleset', { Name: 'orders-dq', Ruleset }),
        'AlreadyExistsException',
        'Data Quality Ruleset orders-dq already exists.',
      );
      await expectGlueError(
        call('CreateDataQualityRuleset', { Name: 'bad', Ruleset: 'Rules = [\n  RowCount > 0,\n  IsComplete "id" > 1\n]' }),
        'InvalidInputException',
        'Ruleset is invalid: line 3, column 19: Unexpected condition for rule of type IsComplete with boolean return type',
      );
      const updated = await call('UpdateDataQualityRuleset', { Name: 'orders-dq', Ruleset: 'Rules = [ RowCount > 1 ]' });
      expect(updated).toEqual({ Name: 'orders-dq', Description: 'orders checks', Ruleset: 'Rules = [ RowCount > 1 ]' });
      await expectGlueError(
        call('UpdateDataQualityRuleset', { Name: 'orders-dq', Ruleset: 'Rules = [' }),
        'InvalidInputException',
        /line 1, column 10/,
      );
      await expectGlueError(call('UpdateDataQualityRuleset', { Name: 'nope', Description: 'x' }), 'EntityNotFoundException');
      const arn = 'arn:aws:glue:us-east-1:123456789012:dataQualityRuleset/orders-dq';
      expect(await getTags(p.sluice.services.store.db, arn)).toEqual({ team: 'data' });
      await call('DeleteDataQualityRuleset', { Name: 'orders-dq' });
      expect(await getTags(p.sluice.services.store.db, arn)).toEqual({});
      await expectGlueError(
        call('GetDataQualityRuleset', { Name: 'orders-dq' }),
        'EntityNotFoundException',
        'Data Quality Ruleset orders-dq not found.',
      );
      await expectGlueError(call('DeleteDataQualityRuleset', { Name: 'orders-dq' }), 'EntityNotFoundException');
    });

    it('lists rulesets by target table, name and tags, with rule counts, in pages', async () => {
      await call('CreateDataQualityRuleset', {
        Name: 'a',
        Ruleset: 'Rules = [ RowCount > 0, (RowCount > 1) and (RowCount > 2) ]',
        TargetTable: target,
        Tags: { env: 'prod' },
      });
      await call('CreateDataQualityRuleset', {
        Name: 'b',
        Ruleset: 'Rules = [ RowCount > 0 ]',
        TargetTable: { DatabaseName: 'shop', TableName: 'customers' },
      });
      await call('CreateDataQualityRuleset', { Name: 'c', Ruleset: 'Analyzers = [ RowCount ]' });
      const all = await call('ListDataQualityRulesets', {});
      expect(all.Rulesets.map((r: { Name: string; RuleCount: number }) => [r.Name, r.RuleCount])).toEqual([
        ['a', 2],
        ['b', 1],
        ['c', 0],
      ]);
      const byTable = await call('ListDataQualityRulesets', { Filter: { TargetTable: { DatabaseName: 'SHOP', TableName: 'orders' } } });
      expect(byTable.Rulesets.map((r: { Name: string }) => r.Name)).toEqual(['a']);
      expect((await call('ListDataQualityRulesets', { Tags: { env: 'prod' } })).Rulesets.map((r: { Name: string }) => r.Name)).toEqual([
        'a',
      ]);
      expect((await call('ListDataQualityRulesets', { Filter: { Name: 'b' } })).Rulesets).toHaveLength(1);
      const page = await call('ListDataQualityRulesets', { MaxResults: 2 });
      expect(page.Rulesets).toHaveLength(2);
      const rest = await call('ListDataQualityRulesets', { MaxResults: 2, NextToken: page.NextToken });
      expect(rest.Rulesets.map((r: { Name: string }) => r.Name)).toEqual(['c']);
      expect(rest.NextToken).toBeUndefined();
    });

    it('serves results from the history: get, batch get and list with filters', async () => {
      const DataSource = { GlueTable: target };
      const mk = (id: string, at: string, extra = {}) => ({
        result: {
          ResultId: id,
          Score: 0.5,
          DataSource,
          RulesetName: 'a',
          StartedOn: new Date(at),
          CompletedOn: new Date(at),
          RuleResults: [
            { Name: 'Rule_0', Description: 'RowCount > 0', Result: 'PASS' as const, EvaluatedMetrics: { 'Dataset.*.RowCount': 4 } },
          ],
          ...extra,
        },
        sourceKey: '123456789012.shop.orders',
        metrics: { 'Dataset.*.RowCount': 4 },
      });
      await recordResult(p.sluice.services.store.db, mk('dqresult-1', '2024-01-01T00:00:00Z'));
      await recordResult(p.sluice.services.store.db, {
        ...mk('dqresult-2', '2024-02-01T00:00:00Z', { JobName: 'etl', JobRunId: 'jr_1' }),
        metrics: { 'Dataset.*.RowCount': 5 },
      });
      const r = await call('GetDataQualityResult', { ResultId: 'dqresult-1' });
      expect(r).toMatchObject({ ResultId: 'dqresult-1', Score: 0.5, DataSource, RuleResults: [{ Name: 'Rule_0', Result: 'PASS' }] });
      expect(r.StartedOn).toEqual(new Date('2024-01-01T00:00:00Z'));
      await expectGlueError(call('GetDataQualityResult', { ResultId: 'dqresult-x' }), 'EntityNotFoundException');
      const batch = await call('BatchGetDataQualityResult', { ResultIds: ['dqresult-2', 'dqresult-x'] });
      expect(batch.Results.map((x: { ResultId: string }) => x.ResultId)).toEqual(['dqresult-2']);
      expect(batch.ResultsNotFound).toEqual(['dqresult-x']);
      const list = await call('ListDataQualityResults', { Filter: { DataSource } });
      expect(list.Results.map((x: { ResultId: string }) => x.ResultId)).toEqual(['dqresult-2', 'dqresult-1']);
      expect((await call('ListDataQualityResults', { Filter: { JobName: 'etl' } })).Results).toEqual([
        { ResultId: 'dqresult-2', DataSource, JobName: 'etl', JobRunId: 'jr_1', StartedOn: new Date('2024-02-01T00:00:00Z') },
      ]);
      expect((await call('ListDataQualityResults', { Filter: { StartedAfter: new Date('2024-01-15T00:00:00Z') } })).Results).toHaveLength(
        1,
      );
      expect(
        (await call('ListDataQualityResults', { Filter: { DataSource: { GlueTable: { DatabaseName: 'shop', TableName: 'other' } } } }))
          .Results,
      ).toEqual([]);
      // The metrics are the history dynamic rules read, most recent first.
      const history = await storeHistory(p.sluice.services.store.db, '123456789012.shop.orders');
      expect(await history.values('Dataset.*.RowCount', 5)).toEqual([5, 4]);
      expect(await history.values('Dataset.*.RowCount', 1)).toEqual([5]);
      expect(await history.values('Column.x.Completeness', 5)).toEqual([]);
    });
  });
}
