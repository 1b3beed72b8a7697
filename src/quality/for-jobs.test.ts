// The job-facing check: evaluate a job's output in its own engine, keep the result, and report
// critical failures and the rows to quarantine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQualityEngine, type QualityEngine } from '../../test/helpers/quality-engine.js';
import { evaluateForJob } from './for-jobs.js';

describe('evaluateForJob', () => {
  let q: QualityEngine;
  beforeAll(async () => {
    q = await openQualityEngine();
    await q.table('job_output', "SELECT * FROM (VALUES (1, 'a@x.io', 5.0), (2, 'bad', 7.0), (3, NULL, -1.0)) v(id, email, amount)");
  });
  afterAll(async () => q?.close());

  const RULESET = `Rules = [
    RowCount > avg(last(3)) * 0.5,
    ColumnValues "email" matches "[^@]+@[^@]+" labels=["severity"="warning"],
    ColumnValues "amount" >= 0 labels=["severity"="critical"],
    IsUnique "id" labels=["critical"="true"]
  ]`;

  it('records the result in the history, names critical failures and gives the quarantine query', async () => {
    const db = q.project.sluice.services.store.db;
    const check = {
      engine: q.engine,
      relation: 'job_output',
      ruleset: RULESET,
      rulesetName: 'out',
      sourceKey: 'job:etl',
      jobName: 'etl',
      jobRunId: 'jr_1',
      rowLevelTable: 'dq_out',
      db,
    };
    const first = await evaluateForJob(check);
    expect(first.result).toMatchObject({ RulesetName: 'out', JobName: 'etl', JobRunId: 'jr_1', Score: 0.5 });
    expect(first.criticalFailures.map((r) => r.Description)).toEqual(['ColumnValues "amount" >= 0 labels=["severity"="critical"]']);
    const quarantined = await q.engine.query(`SELECT id, DataQualityRulesFail AS reason FROM (${first.quarantineSql}) ORDER BY id`);
    expect(quarantined.rows).toEqual([
      { id: 2, reason: ['ColumnValues "email" matches "[^@]+@[^@]+" labels=["severity"="warning"]'] },
      {
        id: 3,
        reason: [
          'ColumnValues "email" matches "[^@]+@[^@]+" labels=["severity"="warning"]',
          'ColumnValues "amount" >= 0 labels=["severity"="critical"]',
        ],
      },
    ]);
    // The next check of the same output reads the first one's row count from history.
    const second = await evaluateForJob({ ...check, jobRunId: 'jr_2' });
    expect(second.result.RuleResults?.[0].EvaluatedRule).toBe('RowCount > 1.5');
    const listed = await q.project.sluice.call('ListDataQualityResults', { Filter: { JobName: 'etl' } });
    expect(listed.Results.map((r: { JobRunId: string }) => r.JobRunId)).toEqual(['jr_2', 'jr_1']);
  });

  it('keeps nothing without a store, and has no quarantine query without a row-level table', async () => {
    const r = await evaluateForJob({
      engine: q.engine,
      relation: 'job_output',
      ruleset: 'Rules = [ RowCount = 3 ]',
      sourceKey: 'job:adhoc',
    });
    expect(r.result.Score).toBe(1);
    expect(r.criticalFailures).toEqual([]);
    expect(r.quarantineSql).toBeUndefined();
  });
});
