// `sluice apply`: makes Sluice match sluice.yaml by calling the same Glue operations a user would.
// Creates and changes go in dependency order (databases, crawlers, jobs, workflows, triggers,
// rulesets), deletions in reverse; what apply creates is remembered, so a later apply can delete it
// (a resource that existed before is changed to match, but never deleted).
// Applying twice changes nothing the second time.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { invalidInput } from '../../kernel/errors.js';
import type { Sluice } from '../../kernel/services.js';
import { loadProject } from '../../config/project.js';
import { serviceCaller, type GlueCall } from '../glue-call.js';
import { readDeclarations } from './declarations.js';
import { planChanges, type PlannedChange } from './plan.js';
import { RESOURCES } from './resources.js';
import { PIPELINE_KINDS, pipelineShape } from './schema.js';

/**
 * The plan for the project's sluice.yaml as it is on disk now, or for the declarations of another
 * file (its databases, crawlers … over the project's own settings, such as its zones).
 */
export async function planProject(sluice: Sluice, file?: string): Promise<PlannedChange[]> {
  const { root } = sluice.services;
  let { config } = loadProject(root);
  if (file) {
    const parsed = z
      .object(pipelineShape)
      .passthrough()
      .safeParse(parse(readFileSync(file, 'utf8')) ?? {});
    if (!parsed.success) throw invalidInput(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    config = { ...config, ...Object.fromEntries(PIPELINE_KINDS.map((k) => [k, parsed.data[k]])) };
  }
  return planChanges(serviceCaller(sluice.services), sluice.services.store.db, readDeclarations(root, config));
}

/** What apply created is what it may delete later; a resource it found already there is never recorded. */
async function remember(sluice: Sluice, c: PlannedChange): Promise<void> {
  const { db } = sluice.services.store;
  if (c.action !== 'create' && c.action !== 'replace' && c.action !== 'delete') return;
  await db.deleteFrom('pipeline_resources').where('kind', '=', c.kind).where('name', '=', c.name).execute();
  if (c.action !== 'delete')
    await db.insertInto('pipeline_resources').values({ kind: c.kind, name: c.name, applied_on: Date.now() }).execute();
}

async function applyOne(call: GlueCall, c: PlannedChange): Promise<void> {
  const kind = RESOURCES[c.kind];
  if (c.action === 'create') await kind.create(call, c.declared!);
  else if (c.action === 'update') await kind.update(call, c.declared!, c.current!);
  else if (c.action === 'replace') {
    await kind.remove(call, c.name);
    await kind.create(call, c.declared!);
  } else if (c.action === 'delete') await kind.remove(call, c.name);
}

/** Applies the changes; returns them. On an error, what was applied stays applied and the error names the resource. */
export async function applyChanges(
  sluice: Sluice,
  changes: PlannedChange[],
  log: (line: string) => void = () => {},
): Promise<PlannedChange[]> {
  const call = serviceCaller(sluice.services);
  const rank = (c: PlannedChange) => PIPELINE_KINDS.indexOf(c.kind);
  const deletes = changes.filter((c) => c.action === 'delete').sort((a, b) => rank(b) - rank(a));
  const rest = changes.filter((c) => c.action !== 'delete').sort((a, b) => rank(a) - rank(b));
  for (const c of [...deletes, ...rest]) {
    try {
      await applyOne(call, c);
    } catch (e) {
      (e as Error).message = `${RESOURCES[c.kind].label} ${c.name} (${c.action}): ${(e as Error).message}`;
      throw e;
    }
    await remember(sluice, c);
    if (c.action !== 'unchanged')
      log(
        `${c.action === 'delete' ? 'deleted' : c.action === 'create' ? 'created' : c.action === 'replace' ? 'replaced' : 'updated'} ${RESOURCES[c.kind].label} ${c.name}`,
      );
  }
  return changes;
}
