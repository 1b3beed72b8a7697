// GetMetricHistory and GetMonitoringOverview (Sluice-only): a series' points for charts, and the
// dashboard's front page — runs today, success rate, failing jobs, active alarms, quality scores and
// what today's runs would have cost on Glue.
import { z } from 'zod';
import { sluiceOperation } from '../../kernel/registry.js';
import { queryHistory } from '../metrics/history.js';
import { effectiveAlarms } from '../config.js';
import { severityOf } from '../alarms/alarm-store.js';
import { qualityFacts } from '../observe/quality-facts.js';
import { iso, timeInput, validator } from './input.js';
import { summarize } from './run-summary.js';

const historyInput = z
  .object({
    Series: z.string().min(1),
    Subject: z.string().optional(),
    Since: z.union([z.string(), z.number()]).optional(),
    Until: z.union([z.string(), z.number()]).optional(),
    MaxPoints: z.number().int().min(1).max(10000).optional(),
  })
  .strict();

export const metricOperations = [
  sluiceOperation('GetMetricHistory', validator(historyInput), async (input, ctx) => {
    const points = await queryHistory(ctx.services.store.db, {
      series: input.Series,
      subject: input.Subject,
      since: timeInput(input.Since),
      until: timeInput(input.Until),
      limit: input.MaxPoints,
    });
    return { Series: input.Series, Points: points.map((p) => ({ Subject: p.subject, At: iso(p.at), Value: p.value, RunId: p.runId })) };
  }),

  sluiceOperation(
    'GetMonitoringOverview',
    validator(z.object({ Since: z.union([z.string(), z.number()]).optional() }).strict()),
    async (input, ctx) => {
      const { db } = ctx.services.store;
      const now = new Date();
      // "Today" is the server's local day unless the caller (a browser in another zone) says otherwise.
      const since = timeInput(input.Since) ?? new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
      const today = (await db.selectFrom('runs').selectAll().where('started_on', '>=', since).execute()).map((r) => summarize(r));
      const ended = today.filter((r) => r.Ended && r.State !== 'STOPPED');
      const failedToday = ended.filter((r) => r.Failed).length;

      // The latest ended run of each job, crawler and workflow: those whose latest run failed are failing.
      const recent = (
        await db
          .selectFrom('runs')
          .selectAll()
          .where('kind', 'in', ['job', 'crawl', 'workflow'])
          .orderBy('started_on', 'desc')
          .limit(2000)
          .execute()
      ).map((r) => summarize(r));
      const latest = new Map<string, (typeof recent)[number]>();
      for (const r of recent) if (r.Ended && !latest.has(`${r.Kind}:${r.Name}`)) latest.set(`${r.Kind}:${r.Name}`, r);
      const failing = [...latest.values()].filter((r) => r.Failed);

      const inForce = effectiveAlarms(ctx.services.config.monitoring);
      // States of alarms since removed from sluice.yaml are history, not active alarms.
      const alarms = (
        await db.selectFrom('alarm_states').selectAll().where('state', '=', 'ALARM').orderBy('changed_on', 'desc').execute()
      ).filter((a) => inForce.some((x) => x.name === a.alarm));
      const results = await db.selectFrom('dq_results').selectAll().orderBy('started_on', 'desc').limit(500).execute();
      const scores = new Map<string, NonNullable<ReturnType<typeof qualityFacts>>>();
      for (const r of results) {
        const q = qualityFacts(r);
        if (q && !scores.has(`${q.table}/${q.ruleset ?? ''}`)) scores.set(`${q.table}/${q.ruleset ?? ''}`, q);
      }
      const cost = await db
        .selectFrom('metric_points')
        .select((eb) => eb.fn.sum<number>('value').as('total'))
        .where('series', '=', 'job.cost')
        .where('at', '>=', since)
        .executeTakeFirst();
      const severity = new Map(inForce.map((a) => [a.name, severityOf(a)]));
      return {
        Since: iso(since),
        RunsToday: today.length,
        RunningNow: today.filter((r) => !r.Ended).length,
        SucceededToday: ended.length - failedToday,
        FailedToday: failedToday,
        SuccessRate: ended.length ? (ended.length - failedToday) / ended.length : undefined,
        FailingJobs: failing.map((r) => ({
          Kind: r.Kind,
          Name: r.Name,
          RunId: r.RunId,
          State: r.State,
          At: r.CompletedOn,
          ErrorMessage: r.ErrorMessage,
        })),
        ActiveAlarms: alarms.map((a) => ({
          AlarmName: a.alarm,
          Subject: a.subject,
          Severity: severity.get(a.alarm),
          Reason: a.reason,
          Since: iso(a.changed_on),
          RunId: a.run_id ?? undefined,
        })),
        QualityScores: [...scores.values()].map((q) => ({
          Table: q.table,
          Ruleset: q.ruleset,
          Score: q.score,
          At: iso(q.at),
          ResultId: q.resultId,
        })),
        EstimatedCostToday: Number(cost?.total ?? 0),
        Currency: ctx.services.config.monitoring.cost.currency,
      };
    },
  ),
];
