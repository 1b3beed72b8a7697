// Data quality results and evaluation runs are isolated by account over the HTTP face, like jobs and
// crawlers: another account's result or run, read by id, is not found; listings and batch-gets hold
// the caller's own only. (Results and runs are inserted as their workers store them.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_ACCOUNT_KEY, startTestServer, TEST_KEY, type TestKey, type TestServer } from '../helpers/server.js';
import { callRemote } from '../../src/api/http/client.js';

let s: TestServer;
const call = (key: TestKey, op: string, input: unknown) =>
  callRemote(op, input, {
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId: key.id, secretAccessKey: key.secret },
  }) as Promise<any>;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { name: string; message: string }) => `${e.name}: ${e.message}`,
  );

const MINE = 'dqresult-mine-by-ruleset';
const MINE_BY_TABLE = 'dqresult-mine-by-table';
const THEIRS = 'dqresult-theirs-by-table';
const MY_RUN = 'dqrun-mine-0001';

async function insertResult(id: string, sourceKey: string, ruleset: string | null) {
  const [database, table] = sourceKey.split('.').slice(1);
  const doc = {
    ResultId: id,
    RulesetName: ruleset ?? undefined,
    DataSource: { GlueTable: { DatabaseName: database, TableName: table } },
    StartedOn: new Date().toISOString(),
    RuleResults: [],
  };
  await s.sluice.services.store.db
    .insertInto('dq_results')
    .values({
      result_id: id,
      source_key: sourceKey,
      ruleset_name: ruleset,
      run_id: null,
      job_name: null,
      job_run_id: null,
      started_on: Date.now(),
      doc: JSON.stringify(doc),
    })
    .execute();
}

beforeAll(async () => {
  s = await startTestServer({ keys: [TEST_KEY, OTHER_ACCOUNT_KEY] });
  await call(TEST_KEY, 'CreateDataQualityRuleset', { Name: 'orders-checks', Ruleset: 'Rules = [ RowCount > 0 ]' });
  // A ruleset created over the API belongs to its creator's account, wherever the table lives.
  await insertResult(MINE, '210987654321.sales.orders', 'orders-checks');
  await insertResult(MINE_BY_TABLE, '123456789012.sales.orders', null);
  await insertResult(THEIRS, '210987654321.sales.orders', null);
  const now = Date.now();
  const doc = {
    RunId: MY_RUN,
    Status: 'SUCCEEDED',
    RulesetNames: ['orders-checks'],
    DataSource: { GlueTable: { DatabaseName: 'sales', TableName: 'orders' } },
    StartedOn: new Date(now).toISOString(),
  };
  await s.sluice.services.store.db
    .insertInto('runs')
    .values({
      id: MY_RUN,
      kind: 'dq-evaluation',
      name: '123456789012.sales.orders',
      state: 'SUCCEEDED',
      doc: JSON.stringify(doc),
      pid: null,
      started_on: now,
      updated_on: now,
    })
    .execute();
});
afterAll(() => s?.cleanup());

describe('data quality isolation by account', () => {
  it("answers another account's result, read by id, as not found", async () => {
    expect((await call(TEST_KEY, 'GetDataQualityResult', { ResultId: MINE })).ResultId).toBe(MINE);
    expect(await failure(call(OTHER_ACCOUNT_KEY, 'GetDataQualityResult', { ResultId: MINE }))).toBe(
      `EntityNotFoundException: Data Quality Result ${MINE} not found.`,
    );
    expect(await failure(call(OTHER_ACCOUNT_KEY, 'GetDataQualityResult', { ResultId: MINE_BY_TABLE }))).toMatch(/^EntityNotFoundException/);
    expect(await failure(call(TEST_KEY, 'GetDataQualityResult', { ResultId: THEIRS }))).toMatch(/^EntityNotFoundException/);
    expect(await failure(call(OTHER_ACCOUNT_KEY, 'GetDataQualityFailingRows', { ResultId: MINE }))).toMatch(/^EntityNotFoundException/);
  });

  it("filters listings and batch-gets to the caller's own results", async () => {
    const listed = async (key: TestKey) =>
      (await call(key, 'ListDataQualityResults', {})).Results.map((r: { ResultId: string }) => r.ResultId).sort();
    expect(await listed(TEST_KEY)).toEqual([MINE_BY_TABLE, MINE].sort());
    expect(await listed(OTHER_ACCOUNT_KEY)).toEqual([THEIRS]);
    const batch = await call(OTHER_ACCOUNT_KEY, 'BatchGetDataQualityResult', { ResultIds: [MINE, THEIRS, 'dqresult-none'] });
    expect(batch.Results.map((r: { ResultId: string }) => r.ResultId)).toEqual([THEIRS]);
    expect(batch.ResultsNotFound.sort()).toEqual(['dqresult-none', MINE].sort());
  });

  it('isolates evaluation runs, in their own operations and in ListRuns/GetRun', async () => {
    expect((await call(TEST_KEY, 'GetDataQualityRulesetEvaluationRun', { RunId: MY_RUN })).RunId).toBe(MY_RUN);
    expect(await failure(call(OTHER_ACCOUNT_KEY, 'GetDataQualityRulesetEvaluationRun', { RunId: MY_RUN }))).toBe(
      `EntityNotFoundException: Data Quality Ruleset Evaluation Run ${MY_RUN} not found.`,
    );
    expect(await failure(call(OTHER_ACCOUNT_KEY, 'CancelDataQualityRulesetEvaluationRun', { RunId: MY_RUN }))).toMatch(
      /^EntityNotFoundException/,
    );
    const runs = async (key: TestKey) =>
      (await call(key, 'ListDataQualityRulesetEvaluationRuns', {})).Runs.map((r: { RunId: string }) => r.RunId);
    expect(await runs(TEST_KEY)).toEqual([MY_RUN]);
    expect(await runs(OTHER_ACCOUNT_KEY)).toEqual([]);
    expect((await call(OTHER_ACCOUNT_KEY, 'ListRuns', {})).Runs.map((r: { RunId: string }) => r.RunId)).not.toContain(MY_RUN);
    expect((await call(TEST_KEY, 'ListRuns', {})).Runs.map((r: { RunId: string }) => r.RunId)).toContain(MY_RUN);
    expect(await failure(call(OTHER_ACCOUNT_KEY, 'GetRun', { RunId: MY_RUN }))).toMatch(/^EntityNotFoundException/);
  });
});
