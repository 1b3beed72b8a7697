// Each alarm rule of the seeds' default set, driven through the real monitor over a real store (SQLite
// and PostgreSQL): it fires, it recovers, and each transition into or out of ALARM reaches a real webhook
// receiver exactly once (and the run log), while repeated datapoints in the same state notify nobody.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../../../test/helpers/backends.js';
import { monitoringSchema } from '../config.js';
import { Monitor } from '../observe/monitor.js';
import { readRunLog } from '../logs/read-log.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';
import { ensureJob, insertDqResult, insertJobRun, type JobRunFixture } from '../test-support/fixtures.js';

const hasPg = await postgresAvailable();

describe.each(BACKENDS)('alarm rules on %s', (backend) => {
  if (backend === 'postgres' && !hasPg) return void it.skip('PostgreSQL is not reachable', () => undefined);

  let p: TestProject;
  let hook: WebhookReceiver;
  let monitor: Monitor;

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    p = await openTestProject(backend);
    p.sluice.services.config.monitoring = monitoringSchema.parse({
      notifiers: [{ name: 'ops', kind: 'webhook', url: hook.url }],
      delivery: { maxAttempts: 3, backoffMs: 0 },
      alarms: [{ name: 'cost', rule: 'cost', budget: 1 }],
    });
    monitor = new Monitor(p.sluice.services);
  });
  afterAll(async () => {
    await monitor?.stop();
    // pg's pool.end() resolves before its sockets have closed; dropping the database (FORCE) at once
    // kills them mid-close and pg reports that as an unhandled error. Let them close first.
    await p?.sluice.close();
    await new Promise((r) => setTimeout(r, 200));
    await p?.cleanup();
    await hook?.close();
  });
  beforeEach(() => {
    hook.received.length = 0;
  });

  const db = () => p.sluice.services.store.db;
  /** Records a job run and lets the monitor judge it; returns the run id. */
  async function run(f: JobRunFixture): Promise<string> {
    const id = await insertJobRun(db(), f);
    await monitor.pass();
    return id;
  }
  const stateOf = async (alarm: string, subject: string) =>
    (await db().selectFrom('alarm_states').select('state').where('alarm', '=', alarm).where('subject', '=', subject).executeTakeFirst())
      ?.state;
  /** The transitions the webhook was told about for one alarm and subject, as "FROM>TO". */
  const told = (alarm: string, subject: string) =>
    hook.received.filter((r) => r.body.alarm === alarm && r.body.subject === subject).map((r) => `${r.body.previousState}>${r.body.state}`);

  describe('job-failure', () => {
    it('fires on a failed run, stays quiet while it keeps failing, recovers on success; stopped runs say nothing', async () => {
      await run({ job: 'orders-ingest' });
      expect(await stateOf('job-failure', 'orders-ingest')).toBe('OK');
      const failed = await run({ job: 'orders-ingest', state: 'FAILED', errorMessage: 'column amount not found' });
      expect(await stateOf('job-failure', 'orders-ingest')).toBe('ALARM');
      await run({ job: 'orders-ingest', state: 'TIMEOUT' });
      await run({ job: 'orders-ingest', state: 'STOPPED' });
      expect(await stateOf('job-failure', 'orders-ingest')).toBe('ALARM');
      await run({ job: 'orders-ingest' });
      expect(await stateOf('job-failure', 'orders-ingest')).toBe('OK');
      expect(told('job-failure', 'orders-ingest')).toEqual(['OK>ALARM', 'ALARM>OK']);
      const alarm = hook.received.find((r) => r.body.alarm === 'job-failure')!.body;
      expect(alarm).toMatchObject({ severity: 'critical', run: { id: failed, kind: 'job', name: 'orders-ingest' } });
      expect(alarm.reason).toBe(`Job run ${failed} ended FAILED: column amount not found`);
      // The run log of the failed run says so too.
      const log = readRunLog(p.dir, failed, { kind: 'job' }).entries;
      expect(log.map((e) => [e.level, e.msg])).toContainEqual([
        'error',
        `[CRITICAL] job-failure is ALARM for orders-ingest: ${alarm.reason}`,
      ]);
      const history = await db()
        .selectFrom('alarm_history')
        .select(['old_state', 'new_state'])
        .where('alarm', '=', 'job-failure')
        .where('subject', '=', 'orders-ingest')
        .orderBy('at')
        .execute();
      expect(history.map((h) => `${h.old_state}>${h.new_state}`)).toEqual(['INSUFFICIENT_DATA>OK', 'OK>ALARM', 'ALARM>OK']);
    });
  });

  describe('job-duration', () => {
    it('warns above 50 % of the timeout, is critical above 75 %, and recovers below', async () => {
      const minute = 60_000;
      await run({ job: 'slow', timeoutMinutes: 10, durationMs: 4 * minute });
      expect([await stateOf('job-duration-warning', 'slow'), await stateOf('job-duration-critical', 'slow')]).toEqual(['OK', 'OK']);
      await run({ job: 'slow', timeoutMinutes: 10, durationMs: 6 * minute });
      expect([await stateOf('job-duration-warning', 'slow'), await stateOf('job-duration-critical', 'slow')]).toEqual(['ALARM', 'OK']);
      await run({ job: 'slow', timeoutMinutes: 10, durationMs: 8 * minute });
      expect([await stateOf('job-duration-warning', 'slow'), await stateOf('job-duration-critical', 'slow')]).toEqual(['ALARM', 'ALARM']);
      await run({ job: 'slow', timeoutMinutes: 10, durationMs: 2 * minute });
      expect([await stateOf('job-duration-warning', 'slow'), await stateOf('job-duration-critical', 'slow')]).toEqual(['OK', 'OK']);
      expect(told('job-duration-warning', 'slow')).toEqual(['OK>ALARM', 'ALARM>OK']);
      expect(told('job-duration-critical', 'slow')).toEqual(['OK>ALARM', 'ALARM>OK']);
      const critical = hook.received.find((r) => r.body.alarm === 'job-duration-critical' && r.body.state === 'ALARM')!.body;
      expect(critical.reason).toMatch(/took 8 min 0 s, 80 % of its 10 min 0 s timeout \(over 75 %\)$/);
      expect(critical.value).toBeCloseTo(0.8);
    });
  });

  describe('quality-score', () => {
    it('fires below the threshold and recovers above it, per table and ruleset', async () => {
      await insertDqResult(db(), { table: 'raw.orders', ruleset: 'orders', score: 0.95, pass: 19, fail: 1 });
      await monitor.pass();
      await insertDqResult(db(), { table: 'raw.orders', ruleset: 'orders', score: 0.6, pass: 3, fail: 2 });
      await monitor.pass();
      expect(await stateOf('quality-score', 'raw.orders/orders')).toBe('ALARM');
      await insertDqResult(db(), { table: 'raw.orders', ruleset: 'orders', score: 0.5, pass: 1, fail: 1 });
      await insertDqResult(db(), { table: 'raw.orders', ruleset: 'orders', score: 0.92, pass: 23, fail: 2 });
      await monitor.pass();
      expect(await stateOf('quality-score', 'raw.orders/orders')).toBe('OK');
      expect(told('quality-score', 'raw.orders/orders')).toEqual(['OK>ALARM', 'ALARM>OK']);
      expect(hook.received[0].body.reason).toMatch(
        /^Result dqresult-\w+ for raw\.orders \(orders\) scored 0\.60, below 0\.9 \(3 of 5 rules passed\)$/,
      );
    });
  });

  describe('error-rate', () => {
    it('fires when over 5 % of the rows read were quarantined; runs without metrics give no datapoint', async () => {
      await run({ job: 'clean', metrics: { rowsRead: 1000, rowsWritten: 980, rowsQuarantined: 20 } });
      expect(await stateOf('error-rate', 'clean')).toBe('OK');
      await run({ job: 'clean', metrics: { rowsRead: 1000, rowsWritten: 900, rowsQuarantined: 100 } });
      expect(await stateOf('error-rate', 'clean')).toBe('ALARM');
      await run({ job: 'clean', state: 'FAILED' });
      expect(await stateOf('error-rate', 'clean')).toBe('ALARM');
      await run({ job: 'clean', metrics: { rowsRead: 1000, rowsWritten: 950, rowsQuarantined: 50 } });
      expect(await stateOf('error-rate', 'clean')).toBe('OK');
      expect(told('error-rate', 'clean')).toEqual(['OK>ALARM', 'ALARM>OK']);
      expect(hook.received.find((r) => r.body.alarm === 'error-rate')!.body.reason).toMatch(
        /quarantined 100 of 1,000 rows read \(10 %, over 5 %\)$/,
      );
    });
  });

  describe('row-volume', () => {
    it('has no data until three earlier runs, then fires outside ±20 % of their average and recovers within', async () => {
      const wrote = (rowsWritten: number) => run({ job: 'feed', metrics: { rowsRead: rowsWritten, rowsWritten, rowsQuarantined: 0 } });
      await wrote(1000);
      await wrote(1100);
      await wrote(900);
      expect(await stateOf('row-volume', 'feed')).toBe('INSUFFICIENT_DATA');
      await wrote(1150); // +15 % of 1000
      expect(await stateOf('row-volume', 'feed')).toBe('OK');
      await wrote(1500); // +43 % of the last five's average (1037.5)
      expect(await stateOf('row-volume', 'feed')).toBe('ALARM');
      await wrote(1150);
      expect(await stateOf('row-volume', 'feed')).toBe('OK');
      await wrote(600); // far below
      expect(await stateOf('row-volume', 'feed')).toBe('ALARM');
      expect(told('row-volume', 'feed')).toEqual(['OK>ALARM', 'ALARM>OK', 'OK>ALARM']);
      const last = hook.received.filter((r) => r.body.alarm === 'row-volume').at(-1)!.body;
      expect(last.reason).toMatch(/wrote 600 rows, −\d+ % against the average of 5 earlier runs \(\d[\d,]*\); outside ±20 %$/);
    });
  });

  describe('schema-change', () => {
    it('fires when a table a run wrote gained or lost columns, and recovers on the next unchanged run', async () => {
      const columns = [
        { Name: 'id', Type: 'bigint' },
        { Name: 'amount', Type: 'double' },
      ];
      await p.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'curated' } });
      const table = (cols: { Name: string; Type: string }[]) => ({
        DatabaseName: 'curated',
        TableInput: { Name: 'sales', StorageDescriptor: { Columns: cols, Location: '/lake/curated/sales' } },
      });
      await p.sluice.call('CreateTable', table(columns));
      await run({ job: 'sales', outputs: ['curated.sales'] });
      expect(await stateOf('schema-change', 'curated.sales')).toBe('OK');
      await p.sluice.call(
        'UpdateTable',
        table([
          { Name: 'id', Type: 'string' },
          { Name: 'amount', Type: 'double' },
          { Name: 'currency', Type: 'string' },
        ]),
      );
      await run({ job: 'sales', outputs: ['curated.sales'] });
      expect(await stateOf('schema-change', 'curated.sales')).toBe('ALARM');
      await run({ job: 'sales', outputs: ['curated.sales'] });
      expect(await stateOf('schema-change', 'curated.sales')).toBe('OK');
      expect(told('schema-change', 'curated.sales')).toEqual(['OK>ALARM', 'ALARM>OK']);
      expect(hook.received[0].body.reason).toMatch(
        /^Schema of curated\.sales changed in job run jr_\w+: added currency string; changed id bigint → string$/,
      );
    });
  });

  describe('cost', () => {
    it('prices a run as DPU-seconds × the DPU-hour price and fires above the budget', async () => {
      const workers = { NumberOfWorkers: 10, WorkerType: 'G.1X' };
      await run({ job: 'big', workers, durationMs: 5 * 60_000 }); // 10 DPU × 300 s = 0.37 USD
      expect(await stateOf('cost', 'big')).toBe('OK');
      await run({ job: 'big', workers, durationMs: 30 * 60_000 }); // 10 DPU × 1800 s = 2.20 USD
      expect(await stateOf('cost', 'big')).toBe('ALARM');
      await run({ job: 'big', workers: { NumberOfWorkers: 2, WorkerType: 'G.1X' }, durationMs: 10_000 }); // billed a minute: 0.0147 USD
      expect(await stateOf('cost', 'big')).toBe('OK');
      expect(told('cost', 'big')).toEqual(['OK>ALARM', 'ALARM>OK']);
      const fired = hook.received.find((r) => r.body.alarm === 'cost')!.body;
      expect(fired.value).toBeCloseTo(2.2, 6);
      expect(fired.reason).toMatch(/would have cost 2\.20 USD on AWS Glue \(18000 DPU-seconds\); budget 1\.00 USD a run$/);
      const points = await db()
        .selectFrom('metric_points')
        .select('value')
        .where('series', '=', 'job.cost')
        .where('subject', '=', 'big')
        .orderBy('at')
        .execute();
      expect(points.map((x) => Number(x.value.toFixed(4)))).toEqual([0.3667, 2.2, 0.0147]);
    });

    it('sums the runs of a day against a daily budget', async () => {
      p.sluice.services.config.monitoring = monitoringSchema.parse({
        ...p.sluice.services.config.monitoring,
        alarms: [{ name: 'daily-cost', rule: 'cost', budget: 1, per: 'day' }],
      });
      // The runs name no capacity: the job's (4 × G.2X = 8 DPUs) is billed.
      await ensureJob(db(), 'nightly', { NumberOfWorkers: 4, WorkerType: 'G.2X' });
      const noon = Date.UTC(2030, 0, 1, 12);
      for (let i = 0; i < 3; i++) await run({ job: 'nightly', endedOn: noon + i * 60_000, durationMs: 6 * 60_000 }); // 8 DPU × 360 s = 0.352 USD each
      expect(await stateOf('daily-cost', 'nightly')).toBe('ALARM');
      expect(told('daily-cost', 'nightly')).toEqual(['OK>ALARM']);
      expect(hook.received.find((r) => r.body.alarm === 'daily-cost')!.body.reason).toBe(
        'Runs of nightly on 2030-01-01 would have cost 1.06 USD on AWS Glue; budget 1.00 USD a day',
      );
    });
  });
});
