// Metric history in the metadata store: one row per (series, subject, time), written when the monitor
// judges a run or a quality result, read by the dashboard's charts and by alarm rules that compare
// with the past, and deleted after the retention period.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';

export interface Point {
  series: string;
  subject: string;
  at: number;
  value: number;
  runId?: string;
}

export async function recordPoints(db: Kysely<DB>, points: Point[]): Promise<void> {
  const rows = points
    .filter((p) => Number.isFinite(p.value))
    .map((p) => ({ series: p.series, subject: p.subject, at: p.at, value: p.value, run_id: p.runId ?? null }));
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('metric_points')
      .values(rows.slice(i, i + 100))
      .execute();
}

/** The latest values of a series for one subject, newest first. */
export async function seriesValues(
  db: Kysely<DB>,
  series: string,
  subject: string,
  o: { before?: number; excludeRun?: string; limit: number },
): Promise<number[]> {
  let q = db.selectFrom('metric_points').select('value').where('series', '=', series).where('subject', '=', subject);
  if (o.before !== undefined) q = q.where('at', '<=', o.before);
  if (o.excludeRun) q = q.where((eb) => eb.or([eb('run_id', 'is', null), eb('run_id', '!=', o.excludeRun!)]));
  const rows = await q.orderBy('at', 'desc').limit(o.limit).execute();
  return rows.map((r) => Number(r.value));
}

/** The sum of a series for one subject over [from, to). */
export async function seriesSum(db: Kysely<DB>, series: string, subject: string, from: number, to: number): Promise<number> {
  const r = await db
    .selectFrom('metric_points')
    .select((eb) => eb.fn.sum<number>('value').as('total'))
    .where('series', '=', series)
    .where('subject', '=', subject)
    .where('at', '>=', from)
    .where('at', '<', to)
    .executeTakeFirst();
  return Number(r?.total ?? 0);
}

export interface HistoryQuery {
  series: string;
  subject?: string;
  since?: number;
  until?: number;
  limit?: number;
}

/** Points of a series (all subjects unless one is named), oldest first: what a chart draws. */
export async function queryHistory(db: Kysely<DB>, q: HistoryQuery): Promise<Point[]> {
  let sel = db.selectFrom('metric_points').selectAll().where('series', '=', q.series);
  if (q.subject !== undefined) sel = sel.where('subject', '=', q.subject);
  if (q.since !== undefined) sel = sel.where('at', '>=', q.since);
  if (q.until !== undefined) sel = sel.where('at', '<', q.until);
  // The newest `limit` points, returned in time order.
  const rows = await sel
    .orderBy('at', 'desc')
    .limit(q.limit ?? 1000)
    .execute();
  return rows
    .reverse()
    .map((r) => ({ series: r.series, subject: r.subject, at: Number(r.at), value: Number(r.value), runId: r.run_id ?? undefined }));
}

/** Sums of each series matching `like` (SQL LIKE), by series and subject: what /metrics exposes as counters. */
export async function seriesTotals(db: Kysely<DB>, like: string): Promise<{ series: string; subject: string; total: number; n: number }[]> {
  const rows = await db
    .selectFrom('metric_points')
    .select(['series', 'subject'])
    .select((eb) => [eb.fn.sum<number>('value').as('total'), eb.fn.countAll<number>().as('n')])
    .where('series', 'like', like)
    .groupBy(['series', 'subject'])
    .execute();
  return rows.map((r) => ({ series: r.series, subject: r.subject, total: Number(r.total), n: Number(r.n) }));
}
