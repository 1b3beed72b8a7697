// Sluice-only operations around what AWS keeps outside Glue: PutTriggerEventSource and
// GetTriggerEventSource (which folders an EVENT trigger watches — EventBridge's rule, here), and
// ListScheduledSlots (what became of each slot of a schedule: FIRED, ERROR or SKIPPED with the
// reason, so a skipped slot is never silent).
import { z } from 'zod';
import { sluiceOperation } from '../../kernel/registry.js';
import { invalidInput } from '../../kernel/errors.js';
import { decodeToken, encodeToken } from '../../kernel/pagination.js';
import { resolveLocation } from '../../config/locations.js';
import { glueCaller } from '../glue-call.js';
import { parseInput } from '../parse-input.js';
import { requireTriggerRow } from '../triggers/trigger-repo.js';
import { crawlerOwner, triggerOwner } from '../scheduler/scheduler.js';
import { watchedLocations } from './watch.js';

const name = z.string().min(1).max(255);

export const eventSourceOperations = [
  sluiceOperation(
    'PutTriggerEventSource',
    (input) => parseInput(z.object({ TriggerName: name, Locations: z.array(z.string().min(1)).max(20) }).strict(), input),
    async (input, ctx) => {
      const { db } = ctx.services.store;
      const row = await requireTriggerRow(db, input.TriggerName);
      if (row.type !== 'EVENT') throw invalidInput(`Trigger ${input.TriggerName} is ${row.type}; only EVENT triggers watch locations.`);
      for (const l of input.Locations) ctx.services.storage.resolve(resolveLocation(ctx.services.root, l));
      await db
        .updateTable('triggers')
        .set({ watch: input.Locations.length ? JSON.stringify(input.Locations) : null, updated_on: Date.now() })
        .where('name', '=', row.name)
        .execute();
      return {};
    },
  ),

  sluiceOperation(
    'GetTriggerEventSource',
    (input) => parseInput(z.object({ TriggerName: name }).strict(), input),
    async (input, ctx) => {
      const { db } = ctx.services.store;
      const row = await requireTriggerRow(db, input.TriggerName);
      if (row.type !== 'EVENT') throw invalidInput(`Trigger ${input.TriggerName} is ${row.type}; only EVENT triggers watch locations.`);
      const pending = await db
        .selectFrom('trigger_events')
        .select('received_on')
        .where('trigger_name', '=', row.name)
        .where('run_id', 'is', null)
        .orderBy('received_on')
        .execute();
      const env = { services: ctx.services, call: glueCaller(ctx), log: () => {} };
      return {
        Locations: await watchedLocations(env, row),
        Derived: row.watch === null,
        PendingEvents: pending.length,
        FirstPendingOn: pending[0] ? new Date(pending[0].received_on) : undefined,
      };
    },
  ),

  sluiceOperation(
    'ListScheduledSlots',
    (input) => {
      const v = parseInput(
        z
          .object({
            TriggerName: name.optional(),
            CrawlerName: name.optional(),
            MaxResults: z.number().int().min(1).max(1000).optional(),
            NextToken: z.string().optional(),
          })
          .strict(),
        input,
      );
      if (!v.TriggerName === !v.CrawlerName) throw invalidInput('Give exactly one of TriggerName and CrawlerName.');
      return v;
    },
    async (input, ctx) => {
      const owner = input.TriggerName ? triggerOwner(input.TriggerName) : crawlerOwner(input.CrawlerName!);
      const before = decodeToken<{ before: number }>(input.NextToken)?.before;
      let q = ctx.services.store.db.selectFrom('schedule_slots').selectAll().where('owner', '=', owner);
      if (before !== undefined) q = q.where('slot', '<', before);
      const size = input.MaxResults ?? 100;
      const rows = await q
        .orderBy('slot', 'desc')
        .limit(size + 1)
        .execute();
      const page = rows.slice(0, size);
      return {
        Slots: page.map((r) => ({
          Slot: new Date(r.slot),
          Outcome: r.outcome,
          RunId: r.run_id ?? undefined,
          Note: r.note ?? undefined,
          RecordedOn: new Date(r.recorded_on),
        })),
        NextToken: rows.length > size ? encodeToken({ before: page[page.length - 1].slot }) : undefined,
      };
    },
  ),
];
