// The monitor over a real SQLite store: two monitors judge each run exactly once; a run that cannot be
// judged is noted and skipped, not retried forever; retention prunes history but keeps alarm states;
// sluice.yaml's monitoring section is checked with every problem named.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { parseConfig } from '../../config/project.js';
import { DEFAULT_ALARMS, effectiveAlarms, monitoringSchema } from '../config.js';
import { runLogFile } from '../logs/log-files.js';
import { insertJobRun } from '../test-support/fixtures.js';
import { Monitor } from './monitor.js';
import { pruneExpired } from './retention.js';
import { applyAlarms, planAlarms } from '../alarms/apply.js';

let p: TestProject;
beforeAll(async () => {
  p = await openTestProject();
});
afterAll(async () => {
  await p?.cleanup();
});
const db = () => p.sluice.services.store.db;

describe('Monitor', () => {
  it('judges each ended run exactly once, however many monitors pass at once', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await insertJobRun(db(), { job: 'twice', state: i % 2 ? 'FAILED' : 'SUCCEEDED' }));
    const [a, b] = [new Monitor(p.sluice.services), new Monitor(p.sluice.services)];
    const results = await Promise.all([a.pass(), b.pass(), a.pass(), b.pass()]);
    expect(results.reduce((n, r) => n + r.runs, 0)).toBeGreaterThanOrEqual(5);
    const points = await db()
      .selectFrom('metric_points')
      .select('run_id')
      .where('series', '=', 'job.duration_seconds')
      .where('subject', '=', 'twice')
      .execute();
    expect(points.map((x) => x.run_id).sort()).toEqual([...ids].sort());
    const history = await db()
      .selectFrom('alarm_history')
      .select(['old_state', 'new_state'])
      .where('alarm', '=', 'job-failure')
      .where('subject', '=', 'twice')
      .orderBy('at')
      .execute();
    expect(history.map((h) => `${h.old_state}>${h.new_state}`)).toEqual([
      'INSUFFICIENT_DATA>OK',
      'OK>ALARM',
      'ALARM>OK',
      'OK>ALARM',
      'ALARM>OK',
    ]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('notes a run it cannot judge in its own log and moves on', async () => {
    const id = await insertJobRun(db(), { job: 'broken' });
    // Lineage of a shape no job writes makes reading the run's facts throw.
    await db().updateTable('job_run_details').set({ lineage: '{"outputs":5}' }).where('run_id', '=', id).execute();
    const m = new Monitor(p.sluice.services);
    await m.pass();
    const again = await m.pass();
    expect(again.runs).toBe(0);
    await m.stop();
    const seen = await db().selectFrom('monitor_seen').select('id').where('id', '=', id).execute();
    expect(seen).toHaveLength(1);
    const log = readFileSync(runLogFile(p.dir, 'monitoring', 'monitor'), 'utf8');
    expect(log).toContain(`could not judge run ${id}`);
  });

  it('prunes metric points, alarm history and delivered notifications past retention, keeping alarm states', async () => {
    const states = await db().selectFrom('alarm_states').select('alarm').execute();
    expect(states.length).toBeGreaterThan(0);
    await pruneExpired(db(), Date.now() + 1000);
    expect(await db().selectFrom('metric_points').selectAll().execute()).toEqual([]);
    expect(await db().selectFrom('alarm_history').selectAll().execute()).toEqual([]);
    expect(await db().selectFrom('notifications').selectAll().where('state', '!=', 'PENDING').execute()).toEqual([]);
    expect(await db().selectFrom('alarm_states').select('alarm').execute()).toHaveLength(states.length);
  });
});

describe('applying alarms', () => {
  it('forgets the states of alarms sluice.yaml no longer declares', async () => {
    const config = p.sluice.services.config;
    const before = config.monitoring;
    await insertJobRun(db(), { job: 'applied' });
    await new Monitor(p.sluice.services).pass();
    config.monitoring = monitoringSchema.parse({
      alarms: [
        { name: 'error-rate', rule: 'error-rate', maxPercent: 5, enabled: false },
        { name: 'cost', rule: 'cost', budget: 1, enabled: false },
      ],
    });
    expect((await planAlarms(p.sluice.services)).removed).toEqual(['cost']);
    expect((await applyAlarms(p.sluice.services)).removed).toEqual(['cost']);
    expect(await db().selectFrom('alarm_states').select('alarm').where('alarm', '=', 'cost').execute()).toEqual([]);
    expect((await planAlarms(p.sluice.services)).removed).toEqual([]);
    config.monitoring = before;
  });
});

describe('monitoring configuration', () => {
  it('merges alarms with the seeds’ defaults by name, and drops disabled ones', () => {
    const m = monitoringSchema.parse({
      alarms: [
        { name: 'quality-score', rule: 'quality-score', minScore: 0.95 },
        { name: 'cost', rule: 'cost', budget: 1, enabled: false },
      ],
    });
    const alarms = effectiveAlarms(m);
    expect(alarms.map((a) => a.name)).toEqual(DEFAULT_ALARMS.map((a) => a.name).filter((n) => n !== 'cost'));
    expect(alarms.find((a) => a.name === 'quality-score')).toMatchObject({ minScore: 0.95 });
  });

  it('names every problem in sluice.yaml at once', () => {
    const yaml = `monitoring:
  notifiers:
    - { name: ops, kind: webhook, url: not-a-url }
    - { name: ops, kind: email, host: smtp, from: a@b.c, to: [] }
  alarms:
    - { name: slow, rule: job-duration }
    - { name: loud, rule: job-failure, notify: [pager] }
    - { name: odd, rule: no-such-rule }`;
    expect(() => parseConfig(yaml)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /sluice\.yaml has 4 problems:[\s\S]*monitoring\.alarms\.0\.percentOfTimeout: [\s\S]*monitoring\.alarms\.2\.rule: [\s\S]*monitoring\.notifiers\.0\.url: [\s\S]*monitoring\.notifiers\.1\.to: /,
        ),
      }),
    );
    expect(() =>
      parseConfig(
        `monitoring:\n  notifiers: [{ name: ops, kind: webhook, url: "http://x" }, { name: ops, kind: webhook, url: "http://y" }]\n  alarms: [{ name: loud, rule: job-failure, notify: [pager] }]`,
      ),
    ).toThrow(
      /monitoring\.notifiers\.1\.name: notifier ops is listed twice[\s\S]*monitoring\.alarms\.0\.notify: no notifier is named pager/,
    );
  });
});
