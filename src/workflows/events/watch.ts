// EVENT triggers watch folders (local or S3-compatible) instead of EventBridge: each new or rewritten
// file under a watched location is one event. The listing is polled through the ObjectStore, and
// what was seen is kept in the store, so files that land while no server runs are events when it
// comes back. A file older than the trigger's activation is not an event (Glue drops events that
// arrive while a trigger is not active), and a file still being written (modified within settleMs)
// is left for the next poll, so one copy is one event.
import { randomUUID } from 'node:crypto';
import type { Crawler } from '../../kernel/glue-types.js';
import { resolveLocation } from '../../config/locations.js';
import { folderOf } from '../../storage/keys.js';
import type { TriggerRow } from '../../store/schema.js';
import { isGlueError } from '../glue-call.js';
import { listTriggerRows, triggerFromRow } from '../triggers/trigger-repo.js';
import type { SchedulerEnv } from '../scheduler/scheduler.js';

/** Where the trigger watches: its explicit event source, else the S3 targets of the crawlers it starts. */
export async function watchedLocations(env: SchedulerEnv, row: TriggerRow): Promise<string[]> {
  if (row.watch) return JSON.parse(row.watch) as string[];
  const out: string[] = [];
  for (const a of triggerFromRow(row).Actions ?? []) {
    if (!a.CrawlerName) continue;
    try {
      const { Crawler } = await env.call<{ Crawler: Crawler }>('GetCrawler', { Name: a.CrawlerName });
      for (const t of Crawler.Targets?.S3Targets ?? []) if (t.Path) out.push(t.Path);
    } catch (e) {
      if (!isGlueError(e, 'EntityNotFoundException')) throw e;
    }
  }
  return out;
}

const hidden = (key: string) => key.split('/').some((s) => s.startsWith('.') || s.startsWith('_'));

/** Lists the trigger's locations and records the files that are new since the last poll as events. */
export async function scanTrigger(env: SchedulerEnv, row: TriggerRow, now: number, settleMs: number): Promise<number> {
  const { db } = env.services.store;
  const { root, storage } = env.services;
  const seen = new Map(
    (await db.selectFrom('trigger_watch_files').select(['object_url', 'fingerprint']).where('trigger_name', '=', row.name).execute()).map(
      (r) => [r.object_url, r.fingerprint],
    ),
  );
  const since = row.activated_on ?? row.updated_on;
  const files: { url: string; fingerprint: string; event: boolean }[] = [];
  for (const location of await watchedLocations(env, row)) {
    const { store, key } = storage.resolve(resolveLocation(root, location));
    for await (const o of store.list(folderOf(key))) {
      if (hidden(o.key.slice(key.length)) || o.lastModified.getTime() > now - settleMs) continue;
      const url = store.urlOf(o.key);
      const fingerprint = `${o.size}:${o.lastModified.getTime()}:${o.etag ?? ''}`;
      if (seen.get(url) === fingerprint) continue;
      files.push({ url, fingerprint, event: o.lastModified.getTime() > since });
    }
  }
  if (!files.length) return 0;
  await db.transaction().execute(async (trx) => {
    for (const f of files) {
      await trx.deleteFrom('trigger_watch_files').where('trigger_name', '=', row.name).where('object_url', '=', f.url).execute();
      await trx
        .insertInto('trigger_watch_files')
        .values({ trigger_name: row.name, object_url: f.url, fingerprint: f.fingerprint })
        .execute();
      if (f.event)
        await trx
          .insertInto('trigger_events')
          .values({ event_id: randomUUID(), trigger_name: row.name, object_url: f.url, received_on: now, run_id: null })
          .execute();
    }
  });
  const events = files.filter((f) => f.event).length;
  if (events)
    env.log('info', 'files arrived', {
      trigger: row.name,
      events,
      files: files
        .filter((f) => f.event)
        .slice(0, 5)
        .map((f) => f.url),
    });
  return events;
}

/** Scans every activated EVENT trigger; returns the number of new events per trigger. */
export async function scanAll(env: SchedulerEnv, now: number, settleMs: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const row of await listTriggerRows(env.services.store.db, { types: ['EVENT'], states: ['ACTIVATED'] })) {
    try {
      out[row.name] = await scanTrigger(env, row, now, settleMs);
    } catch (e) {
      env.log('error', 'watched locations could not be listed; tried again on the next poll', {
        trigger: row.name,
        error: (e as Error).message,
      });
    }
  }
  return out;
}
