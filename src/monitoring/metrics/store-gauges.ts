// The gauges of /metrics: what is true now, read from the store at scrape time — runs in progress,
// the latest quality score and rule outcomes per table and ruleset, alarm states, the outbox.
import type { Kysely } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { DB } from '../../store/schema.js';
import { qualityFacts } from '../observe/quality-facts.js';
import { activeStates } from '../observe/run-states.js';

/** `alarms`: the names in force; states left by alarms since removed from sluice.yaml are not shown. */
export function storeGauges(register: Registry, db: Kysely<DB>, alarms: () => string[]): void {
  new Gauge({
    name: 'sluice_runs_active',
    help: 'Runs in progress, by kind and state',
    labelNames: ['kind', 'state'] as const,
    registers: [register],
    async collect() {
      this.reset();
      const rows = await db
        .selectFrom('runs')
        .select(['kind', 'state'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', 'in', activeStates())
        .groupBy(['kind', 'state'])
        .execute();
      for (const r of rows) this.set({ kind: r.kind, state: r.state }, Number(r.n));
    },
  });

  const latest = async () => {
    const rows = await db.selectFrom('dq_results').selectAll().orderBy('started_on', 'desc').limit(2000).execute();
    const seen = new Map<string, NonNullable<ReturnType<typeof qualityFacts>>>();
    for (const r of rows) {
      const q = qualityFacts(r);
      const key = `${q?.table}\u0000${q?.ruleset ?? ''}`;
      if (q && !seen.has(key)) seen.set(key, q);
    }
    return [...seen.values()];
  };

  new Gauge({
    name: 'sluice_quality_score',
    help: 'The latest data-quality score (0 to 1), by table and ruleset',
    labelNames: ['table', 'ruleset'] as const,
    registers: [register],
    async collect() {
      this.reset();
      for (const q of await latest()) this.set({ table: q.table, ruleset: q.ruleset ?? '' }, q.score);
    },
  });

  new Gauge({
    name: 'sluice_quality_rules',
    help: 'Rule outcomes of the latest data-quality result, by table, ruleset and outcome (pass, fail, error)',
    labelNames: ['table', 'ruleset', 'outcome'] as const,
    registers: [register],
    async collect() {
      this.reset();
      for (const q of await latest()) {
        const l = { table: q.table, ruleset: q.ruleset ?? '' };
        this.set({ ...l, outcome: 'pass' }, q.rules.passed);
        this.set({ ...l, outcome: 'fail' }, q.rules.failed);
        this.set({ ...l, outcome: 'error' }, q.rules.errored);
      }
    },
  });

  new Gauge({
    name: 'sluice_alarm_state',
    help: 'Alarm states: 1 for the state each alarm is in for each subject',
    labelNames: ['alarm', 'subject', 'state'] as const,
    registers: [register],
    async collect() {
      this.reset();
      const names = alarms();
      if (!names.length) return;
      for (const r of await db.selectFrom('alarm_states').select(['alarm', 'subject', 'state']).where('alarm', 'in', names).execute())
        this.set({ alarm: r.alarm, subject: r.subject, state: r.state }, 1);
    },
  });

  new Gauge({
    name: 'sluice_notifications',
    help: 'Notifications in the outbox, by notifier and state (PENDING, SENT, FAILED)',
    labelNames: ['notifier', 'state'] as const,
    registers: [register],
    async collect() {
      this.reset();
      const rows = await db
        .selectFrom('notifications')
        .select(['notifier', 'state'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy(['notifier', 'state'])
        .execute();
      for (const r of rows) this.set({ notifier: r.notifier, state: r.state }, Number(r.n));
    },
  });
}
