// schema-change: after a run that crawled or wrote catalog tables, each table's columns and partition
// keys (names and types) against what the rule remembered from the last run that touched it. ALARM
// when they differ, with what changed; OK when a later run leaves them as they were. A table seen for
// the first time is not a change.
import type { AlarmConfig } from '../../config.js';
import type { Datapoint, Rule } from '../types.js';

type Alarm = Extract<AlarmConfig, { rule: 'schema-change' }>;

type Shape = Record<string, string>;

function shapeOf(doc: any): Shape {
  const cols: { Name: string; Type?: string }[] = [...(doc?.StorageDescriptor?.Columns ?? []), ...(doc?.PartitionKeys ?? [])];
  return Object.fromEntries(cols.map((c) => [c.Name.toLowerCase(), (c.Type ?? '').toLowerCase()]));
}

export function describeChange(before: Shape, after: Shape): string[] {
  const out: string[] = [];
  const added = Object.keys(after).filter((c) => !(c in before));
  const removed = Object.keys(before).filter((c) => !(c in after));
  const retyped = Object.keys(after).filter((c) => c in before && before[c] !== after[c]);
  if (added.length) out.push(`added ${added.map((c) => `${c} ${after[c]}`).join(', ')}`);
  if (removed.length) out.push(`removed ${removed.join(', ')}`);
  if (retyped.length) out.push(`changed ${retyped.map((c) => `${c} ${before[c]} → ${after[c]}`).join(', ')}`);
  return out;
}

export const schemaChange: Rule<Alarm> = async (alarm, obs, ctx) => {
  if (obs.type !== 'run' || obs.run.failed || obs.run.state === 'STOPPED' || !obs.run.tables.length) return [];
  const points: Datapoint[] = [];
  for (const table of obs.run.tables) {
    const [database, name] = [table.slice(0, table.indexOf('.')), table.slice(table.indexOf('.') + 1)];
    const row = await ctx.db
      .selectFrom('catalog_tables')
      .select('doc')
      .where('catalog_id', '=', ctx.catalogId)
      .where('database_name', '=', database)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) continue;
    const shape = shapeOf(JSON.parse(row.doc));
    const memo = JSON.stringify(shape);
    const before = await ctx.memo(alarm.name, table);
    const n = Object.keys(shape).length;
    if (!before) {
      points.push({
        subject: table,
        state: 'OK',
        value: 0,
        threshold: 0,
        memo,
        reason: `First seen by ${obs.run.kind} run ${obs.run.id} with ${n} columns`,
      });
      continue;
    }
    const changes = describeChange(JSON.parse(before) as Shape, shape);
    points.push(
      changes.length
        ? {
            subject: table,
            state: 'ALARM',
            value: changes.length,
            threshold: 0,
            memo,
            reason: `Schema of ${table} changed in ${obs.run.kind} run ${obs.run.id}: ${changes.join('; ')}`,
          }
        : {
            subject: table,
            state: 'OK',
            value: 0,
            threshold: 0,
            memo,
            reason: `Schema of ${table} unchanged in ${obs.run.kind} run ${obs.run.id} (${n} columns)`,
          },
    );
  }
  return points;
};
