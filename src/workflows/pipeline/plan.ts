// `sluice plan`: what `sluice apply` would create, change, replace or delete, like Terraform's plan. A
// resource is deleted only if an earlier apply created it (pipeline_resources) and the file no longer
// declares it; a resource made by hand is changed to match when the file declares it, never deleted.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';
import type { GlueCall } from '../glue-call.js';
import { changedFields, type FieldChange } from './compare.js';
import type { Declared } from './declarations.js';
import { RESOURCES } from './resources.js';
import { PIPELINE_KINDS, type PipelineKind } from './schema.js';

export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'unchanged';

export interface PlannedChange {
  kind: PipelineKind;
  name: string;
  action: ChangeAction;
  fields: FieldChange[];
  declared?: Declared;
  current?: Record<string, any>;
}

/** Fields compared: the declaration's, less those the service does not give back. */
const COMPARED_OUT = ['Tags'];

export async function managedResources(db: Kysely<DB>): Promise<{ kind: PipelineKind; name: string }[]> {
  return (await db.selectFrom('pipeline_resources').select(['kind', 'name']).orderBy('kind').orderBy('name').execute()) as {
    kind: PipelineKind;
    name: string;
  }[];
}

export async function planChanges(call: GlueCall, db: Kysely<DB>, declared: Declared[]): Promise<PlannedChange[]> {
  const out: PlannedChange[] = [];
  for (const d of declared) {
    const kind = RESOURCES[d.kind];
    const current = await kind.read(call, d.name);
    if (!current) {
      out.push({ kind: d.kind, name: d.name, action: 'create', fields: [], declared: d });
      continue;
    }
    const desired = Object.fromEntries(Object.entries(d.spec).filter(([k]) => !COMPARED_OUT.includes(k)));
    const fields = changedFields(desired, current);
    const replace = fields.some((f) => kind.replaceOn.includes(f.field));
    out.push({
      kind: d.kind,
      name: d.name,
      action: replace ? 'replace' : fields.length ? 'update' : 'unchanged',
      fields,
      declared: d,
      current,
    });
  }
  const wanted = new Set(declared.map((d) => `${d.kind}/${d.name}`));
  for (const m of await managedResources(db)) {
    if (wanted.has(`${m.kind}/${m.name}`)) continue;
    const current = await RESOURCES[m.kind].read(call, m.name);
    if (current) out.push({ kind: m.kind, name: m.name, action: 'delete', fields: [], current });
  }
  const order = (c: PlannedChange) => PIPELINE_KINDS.indexOf(c.kind);
  return out.sort((a, b) => order(a) - order(b));
}

const show = (v: unknown) => (v === undefined ? '(unset)' : JSON.stringify(v).slice(0, 120));
const SIGN: Record<ChangeAction, string> = { create: '+', update: '~', replace: '-/+', delete: '-', unchanged: ' ' };

/** The plan as text, one resource per line with its changed fields under it, then the totals. */
export function formatPlan(changes: PlannedChange[]): string {
  const lines: string[] = [];
  for (const c of changes.filter((x) => x.action !== 'unchanged')) {
    const why = c.action === 'replace' ? ' (must be replaced)' : c.action === 'delete' ? ' (no longer declared)' : '';
    lines.push(`  ${SIGN[c.action].padStart(3)} ${RESOURCES[c.kind].label} ${c.name}${why}`);
    for (const f of c.fields) lines.push(`        ${f.field}: ${show(f.from)} → ${show(f.to)}`);
  }
  const n = (a: ChangeAction) => changes.filter((c) => c.action === a).length;
  const total = `Plan: ${n('create')} to add, ${n('update')} to change, ${n('replace')} to replace, ${n('delete')} to destroy (${n('unchanged')} unchanged).`;
  if (!lines.length) return `No changes. Sluice matches sluice.yaml (${n('unchanged')} resources).\n`;
  return `${lines.join('\n')}\n\n${total}\n`;
}
