// The monitor: what `sluice server` runs beside the API. Each pass it notes the states runs are in
// (for their timelines), judges every run that ended and every quality result recorded since it last
// looked (metric history, then alarms), delivers due notifications and prunes what is past retention.
// It reads only what each concept left in the store, so runs started by the CLI, by another server
// or before this one started are judged alike, each exactly once (monitor_seen).
import type { Services } from '../../kernel/services.js';
import type { DB, DqResultRow, RunRow } from '../../store/schema.js';
import type { Kysely } from 'kysely';
import { effectiveAlarms } from '../config.js';
import type { AlarmEvent } from '../alarms/alarm-store.js';
import { evaluateObservation, type EvaluateOptions } from '../alarms/evaluate.js';
import type { Observation } from '../alarms/types.js';
import { recordPoints } from '../metrics/history.js';
import { createNotifiers } from '../notify/create-notifiers.js';
import type { Notifier } from '../notify/notifier.js';
import { deliverDue, type DeliverySummary } from '../notify/outbox.js';
import { appendRunLogLine } from '../logs/run-logger.js';
import { qualityPoints, runPoints } from './points.js';
import { qualityFacts } from './quality-facts.js';
import { runFacts } from './run-facts.js';
import { activeStates } from './run-states.js';
import { pruneExpired } from './retention.js';
import { recordRunStates } from './run-timeline.js';

export interface MonitorOptions {
  /** The dashboard's URL of an alarm, for links in notifications. */
  link?: (alarm: string) => string | undefined;
  /** Overrides the configured notifiers (tests). */
  notifiers?: Map<string, Notifier>;
  now?: () => number;
}

export interface PassSummary {
  runs: number;
  results: number;
  transitions: AlarmEvent[];
  delivery: DeliverySummary;
}

const BATCH = 100;
const DAY = 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000;

export class Monitor {
  private readonly notifiers: Map<string, Notifier>;
  private readonly now: () => number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<PassSummary>;
  private stopped = false;
  private lastPrune = 0;
  private stateCursor: number;

  constructor(
    private readonly services: Services,
    private readonly options: MonitorOptions = {},
  ) {
    this.notifiers = options.notifiers ?? createNotifiers(services.root, services.config.monitoring);
    this.now = options.now ?? Date.now;
    this.stateCursor = this.now() - DAY;
  }

  /** One pass; concurrent calls share the pass in flight, then a new one starts. */
  async pass(): Promise<PassSummary> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.doPass();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Passes every intervalMs (default monitoring.intervalSeconds) until stop(). */
  start(intervalMs = this.services.config.monitoring.intervalSeconds * 1000): void {
    const tick = async () => {
      if (this.stopped) return;
      await this.pass().catch((e) => this.note('monitor pass failed', e));
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    for (const n of this.notifiers.values()) await n.close?.();
  }

  private async doPass(): Promise<PassSummary> {
    const { db } = this.services.store;
    const m = this.services.config.monitoring;
    const cutoff = this.now() - m.retentionDays * DAY;
    this.stateCursor = await recordRunStates(db, this.stateCursor);
    const opts: EvaluateOptions = {
      alarms: effectiveAlarms(m),
      notifiers: [...this.notifiers.keys()].filter((n) => n !== 'log'),
      catalogId: this.services.config.account.id,
      currency: m.cost.currency,
      link: this.options.link,
    };
    const transitions: AlarmEvent[] = [];
    const runs = await endedRuns(db, cutoff);
    for (const row of runs) transitions.push(...(await this.judge('run', row.id, (trx) => this.runObservation(trx, row), opts)));
    const results = await newResults(db, cutoff);
    for (const row of results) transitions.push(...(await this.judge('dq', row.result_id, async () => qualityObservation(row), opts)));
    const delivery = await deliverDue(db, this.notifiers, { ...m.delivery, now: this.now });
    if (this.now() - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = this.now();
      await pruneExpired(db, cutoff);
    }
    return { runs: runs.length, results: results.length, transitions, delivery };
  }

  /** Claims one observation and judges it in one transaction: all of it is recorded, or none. */
  private async judge(
    source: 'run' | 'dq',
    id: string,
    observe: (trx: Kysely<DB>) => Promise<Observation | undefined>,
    opts: EvaluateOptions,
  ): Promise<AlarmEvent[]> {
    const { store } = this.services;
    try {
      return await store.transaction(async (trx) => {
        const claimed = await trx
          .insertInto('monitor_seen')
          .values({ source, id, seen_on: this.now() })
          .onConflict((oc) => oc.columns(['source', 'id']).doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return [];
        const obs = await observe(trx);
        if (!obs) return [];
        await recordPoints(trx, obs.type === 'run' ? runPoints(obs.run, obs.doc) : qualityPoints(obs.quality));
        return evaluateObservation(trx, obs, opts);
      });
    } catch (e) {
      // Never judge a poisonous observation again and again: note it as seen, and say why in the log.
      this.note(`could not judge ${source} ${id}`, e);
      await store.db
        .insertInto('monitor_seen')
        .values({ source, id, seen_on: this.now() })
        .onConflict((oc) => oc.columns(['source', 'id']).doNothing())
        .execute()
        .catch(() => undefined);
      return [];
    }
  }

  private async runObservation(trx: Kysely<DB>, row: RunRow): Promise<Observation> {
    const facts = await runFacts(trx, row, this.services.config.monitoring.cost);
    let doc: Record<string, unknown> = {};
    try {
      doc = JSON.parse(row.doc);
    } catch {
      // a run document that is not JSON still has its state and times
    }
    return { type: 'run', run: facts, doc };
  }

  private note(msg: string, e: unknown): void {
    appendRunLogLine(this.services.root, 'monitoring', 'monitor', 'error', msg, {
      error: e instanceof Error ? e.message : String(e),
      stack: e instanceof Error ? e.stack : undefined,
    });
  }
}

function qualityObservation(row: DqResultRow): Observation | undefined {
  const quality = qualityFacts(row);
  return quality ? { type: 'quality', quality } : undefined;
}

async function endedRuns(db: Kysely<DB>, cutoff: number): Promise<RunRow[]> {
  return db
    .selectFrom('runs')
    .leftJoin('monitor_seen as s', (j) => j.on('s.source', '=', 'run').onRef('s.id', '=', 'runs.id'))
    .selectAll('runs')
    .where('s.id', 'is', null)
    .where('runs.state', 'not in', activeStates())
    .where('runs.updated_on', '>=', cutoff)
    .orderBy('runs.updated_on')
    .limit(BATCH)
    .execute();
}

async function newResults(db: Kysely<DB>, cutoff: number): Promise<DqResultRow[]> {
  return db
    .selectFrom('dq_results')
    .leftJoin('monitor_seen as s', (j) => j.on('s.source', '=', 'dq').onRef('s.id', '=', 'dq_results.result_id'))
    .selectAll('dq_results')
    .where('s.id', 'is', null)
    .where('dq_results.started_on', '>=', cutoff)
    .orderBy('dq_results.started_on')
    .limit(BATCH)
    .execute();
}
