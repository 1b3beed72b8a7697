// GET /metrics: the Prometheus exposition, computed at scrape time from the store (so every process
// that ran work is counted, not only this one) plus this process's own metrics (API requests,
// scheduler lag, Node.js runtime). Counts from metric history cover the retention window.
import type { Kysely } from 'kysely';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Services } from '../../kernel/services.js';
import type { DB } from '../../store/schema.js';
import { apiDuration, apiRequests, schedulerLag } from './process-metrics.js';
import { seriesTotals } from './history.js';
import { storeGauges } from './store-gauges.js';
import { activeStates } from '../observe/run-states.js';
import { effectiveAlarms } from '../config.js';

export const DURATION_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600];

export function createMetricsRegistry(services: Services): Registry {
  const register = new Registry();
  const db = services.store.db;
  register.registerMetric(apiRequests);
  register.registerMetric(apiDuration);
  register.registerMetric(schedulerLag);
  collectDefaultMetrics({ register, prefix: 'sluice_' });

  new Counter({
    name: 'sluice_runs_total',
    help: 'Ended runs by kind (job, crawl, workflow, dq-evaluation …), name and final state',
    labelNames: ['kind', 'name', 'state'] as const,
    registers: [register],
    async collect() {
      this.reset();
      for (const r of await runCounts(db)) this.inc({ kind: r.kind, name: r.name, state: r.state }, r.n);
    },
  });

  new Histogram({
    name: 'sluice_run_duration_seconds',
    help: 'Duration of ended runs, by kind and name',
    labelNames: ['kind', 'name'] as const,
    buckets: DURATION_BUCKETS,
    registers: [register],
    async collect() {
      this.reset();
      const rows = await db
        .selectFrom('metric_points')
        .select(['series', 'subject', 'value'])
        .where('series', 'like', '%.duration_seconds')
        .execute();
      for (const r of rows) this.observe({ kind: r.series.slice(0, r.series.indexOf('.')), name: r.subject }, Number(r.value));
    },
  });

  const totals: [string, string, string][] = [
    ['sluice_job_rows_read_total', 'job.rows_read', 'Rows read by successful job runs'],
    ['sluice_job_rows_written_total', 'job.rows_written', 'Rows written by successful job runs'],
    ['sluice_job_rows_quarantined_total', 'job.rows_quarantined', 'Rows successful job runs quarantined'],
    ['sluice_job_bytes_read_total', 'job.bytes_read', 'Bytes read by successful job runs'],
    ['sluice_job_bytes_written_total', 'job.bytes_written', 'Bytes written by successful job runs'],
    ['sluice_job_dpu_seconds_total', 'job.dpu_seconds', 'DPU-seconds job runs would have used on AWS Glue'],
    [
      'sluice_job_estimated_cost_total',
      'job.cost',
      `What job runs would have cost on AWS Glue, in ${services.config.monitoring.cost.currency}`,
    ],
  ];
  for (const [name, series, help] of totals) {
    new Counter({
      name,
      help,
      labelNames: ['job'] as const,
      registers: [register],
      async collect() {
        this.reset();
        for (const t of await seriesTotals(db, series)) this.inc({ job: t.subject }, t.total);
      },
    });
  }

  new Counter({
    name: 'sluice_crawler_tables_total',
    help: 'Catalog tables crawls created, updated and deleted (or deprecated), by crawler',
    labelNames: ['crawler', 'action'] as const,
    registers: [register],
    async collect() {
      this.reset();
      for (const t of await seriesTotals(db, 'crawl.tables_%'))
        this.inc({ crawler: t.subject, action: t.series.slice('crawl.tables_'.length) }, t.total);
    },
  });

  storeGauges(register, db, () => effectiveAlarms(services.config.monitoring).map((a) => a.name));
  return register;
}

async function runCounts(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('runs')
    .select(['kind', 'name', 'state'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', 'not in', activeStates())
    .groupBy(['kind', 'name', 'state'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
