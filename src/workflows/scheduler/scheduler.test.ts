// The scheduler on a test clock, on SQLite and PostgreSQL: a slot fires once when due and never twice
// (two schedulers racing included), missed slots fire once or are recorded SKIPPED (never dropped),
// a deactivated trigger does not fire, MaxConcurrentRuns turns a scheduled run into ERROR, and crawler
// schedules run. This process poses as the server, so the runs are created but not driven.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../../../test/helpers/backends.js';
import { parseAwsCron } from '../cron/aws-cron.js';
import { serviceCaller } from '../glue-call.js';
import { setHosting } from '../server/presence.js';
import { schedulerTick, type SchedulerEnv } from './scheduler.js';
import type { CatchUp } from './slots.js';

const pg = await postgresAvailable();
const MIN = 60_000;
const HOUR = 60 * MIN;

describe.each(BACKENDS)('the scheduler on %s', (backend) => {
  let p: TestProject;
  let env: SchedulerEnv;
  const call = (op: string, input: unknown) => p.sluice.call(op, input);
  const tick = (at: number, catchUp: CatchUp = 'fire-once') => schedulerTick(env, at, { catchUp, graceMs: MIN });
  const next = (expr: string, after: number) => parseAwsCron(expr).nextAfter(new Date(after))!.getTime();
  const slots = async (input: object) =>
    (await call('ListScheduledSlots', input)).Slots.map((s: { Slot: Date; Outcome: string }) => [s.Slot.getTime(), s.Outcome]);
  const scheduled = (Name: string, Schedule: string, extra: object = {}) =>
    call('CreateTrigger', { Name, Type: 'SCHEDULED', Schedule, Actions: [{ JobName: 'load' }], StartOnCreation: true, ...extra });
  const skip = backend === 'postgres' && !pg;

  beforeAll(async () => {
    if (skip) return;
    setHosting(true);
    p = await openTestProject(backend);
    env = { services: p.sluice.services, call: serviceCaller(p.sluice.services), log: () => {} };
    await call('CreateJob', { Name: 'load', Role: 'r', Command: { Name: 'glueetl', ScriptLocation: 'jobs/ok.mjs' } });
    await call('CreateWorkflow', { Name: 'nightly', MaxConcurrentRuns: 1 });
    await scheduled('at-two', 'cron(0 2 * * ? *)', { WorkflowName: 'nightly' });
  });
  afterAll(async () => {
    setHosting(false);
    await p?.cleanup();
  });

  it.skipIf(skip)('fires a slot once when it comes due, never twice, and in ERROR past MaxConcurrentRuns', async () => {
    const slot = next('cron(0 2 * * ? *)', Date.now());
    expect((await tick(slot - MIN))['trigger:at-two']).toBeUndefined();
    const [fired] = (await tick(slot + 1000))['trigger:at-two'];
    expect(fired).toMatchObject({ slot, outcome: 'FIRED' });
    expect((await tick(slot + 5000))['trigger:at-two']).toBeUndefined();
    const { Run } = await call('GetWorkflowRun', { Name: 'nightly', RunId: fired.runId });
    expect(Run.Status).toBe('RUNNING');
    // The first run is still going (nothing drives it here), so the next night's run cannot start.
    const [second] = (await tick(slot + 24 * HOUR + 1000))['trigger:at-two'];
    expect(second).toMatchObject({ outcome: 'ERROR', note: 'Concurrent runs exceeded for workflow: nightly.' });
    expect((await call('GetWorkflowRun', { Name: 'nightly', RunId: second.runId })).Run).toMatchObject({
      Status: 'ERROR',
      ErrorMessage: 'Concurrent runs exceeded for workflow: nightly.',
    });
    expect(await slots({ TriggerName: 'at-two' })).toEqual([
      [slot + 24 * HOUR, 'ERROR'],
      [slot, 'FIRED'],
    ]);
  });

  it.skipIf(skip)('lets one of two schedulers racing for a slot start its run', async () => {
    await scheduled('quarter', 'cron(0/15 * * * ? *)');
    const slot = next('cron(0/15 * * * ? *)', Date.now());
    const results = await Promise.all([tick(slot + 1000), tick(slot + 1000), tick(slot + 1000)]);
    const outcomes = results.flatMap((r) => r['trigger:quarter'] ?? []);
    expect(outcomes).toHaveLength(1);
    expect(await slots({ TriggerName: 'quarter' })).toEqual([[slot, 'FIRED']]);
    const chains = await p.sluice.services.store.db
      .selectFrom('runs')
      .select('id')
      .where('kind', '=', 'trigger-chain')
      .where('name', '=', 'quarter')
      .execute();
    expect(chains.map((c) => c.id)).toEqual([outcomes[0].runId]);
  });

  it.skipIf(skip)(
    'fires the latest missed slot once after downtime and records the others SKIPPED; with skip, records them all',
    async () => {
      // Created here: the ticks of the tests before have moved far ahead of the real clock.
      await scheduled('hourly', 'cron(0 * * * ? *)');
      const h0 = next('cron(0 * * * ? *)', Date.now());
      expect((await tick(h0 + 1000))['trigger:hourly']).toMatchObject([{ slot: h0, outcome: 'FIRED' }]);
      // Down for four hours: h1, h2, h3 missed, h4 noticed ten minutes late.
      const back = await tick(h0 + 4 * HOUR + 10 * MIN);
      expect(back['trigger:hourly'].map((o) => [o.slot - h0, o.outcome])).toEqual([
        [HOUR, 'SKIPPED'],
        [2 * HOUR, 'SKIPPED'],
        [3 * HOUR, 'SKIPPED'],
        [4 * HOUR, 'FIRED'],
      ]);
      expect(back['trigger:hourly'][0].note).toMatch(/missed while no scheduler was running; slot .* fired once in its place/);
      expect(back['trigger:hourly'][3].note).toBe('caught up after the scheduler was down');
      const skipped = await tick(h0 + 7 * HOUR + 10 * MIN, 'skip');
      expect(skipped['trigger:hourly'].map((o) => [o.slot - h0, o.outcome])).toEqual([
        [5 * HOUR, 'SKIPPED'],
        [6 * HOUR, 'SKIPPED'],
        [7 * HOUR, 'SKIPPED'],
      ]);
      expect(skipped['trigger:hourly'][0].note).toMatch(/catchUp is skip/);
      // Every slot from the first on is accounted for.
      expect((await slots({ TriggerName: 'hourly' })).map(([s]: [number]) => (s - h0) / HOUR)).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    },
  );

  it.skipIf(skip)('counts slots from activation: nothing fires while a trigger is not activated', async () => {
    await call('CreateTrigger', { Name: 'quiet', Type: 'SCHEDULED', Schedule: 'cron(0 9 * * ? *)', Actions: [{ JobName: 'load' }] });
    const nine = next('cron(0 9 * * ? *)', Date.now());
    expect((await tick(nine + 1000))['trigger:quiet']).toBeUndefined();
    await call('StartTrigger', { Name: 'quiet' });
    expect((await tick(nine + 1000))['trigger:quiet']).toMatchObject([{ slot: nine, outcome: 'FIRED' }]);
    await call('StopTrigger', { Name: 'quiet' });
    expect((await tick(nine + 24 * HOUR + 1000))['trigger:quiet']).toBeUndefined();
  });

  it.skipIf(skip)("runs a crawler's schedule as a crawl of that crawler", async () => {
    await call('CreateCrawler', { Name: 'raw', Role: 'r', DatabaseName: 'raw', Targets: { S3Targets: [{ Path: 'lake/raw' }] } });
    await call('UpdateCrawlerSchedule', { CrawlerName: 'raw', Schedule: 'cron(30 6 * * ? *)' });
    const slot = next('cron(30 6 * * ? *)', Date.now());
    const [fired] = (await tick(slot + 1000))['crawler:raw'];
    expect(fired.outcome).toBe('FIRED');
    const actions = await p.sluice.services.store.db
      .selectFrom('workflow_run_actions')
      .selectAll()
      .where('run_id', '=', fired.runId!)
      .execute();
    expect(actions.map((a) => [a.node_type, a.target, a.state])).toEqual([['CRAWLER', 'raw', 'CLAIMED']]);
    expect(await slots({ CrawlerName: 'raw' })).toEqual([[slot, 'FIRED']]);
    await call('StopCrawlerSchedule', { CrawlerName: 'raw' });
    expect((await tick(slot + 24 * HOUR + 1000))['crawler:raw']).toBeUndefined();
  });
});
