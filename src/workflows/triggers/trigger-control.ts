// StartTrigger and StopTrigger. Starting an ON_DEMAND trigger fires it: it starts a run of its
// workflow, or, outside workflows, a chain whose conditional triggers cascade from what it starts.
// Starting any other trigger activates it (the scheduler and the watcher count from that moment);
// stopping deactivates it until it is started again.
import { glueOperation } from '../../kernel/registry.js';
import { SluiceError, invalidInput } from '../../kernel/errors.js';
import type { Trigger } from '../../kernel/glue-types.js';
import { createRun } from '../runs/create-run.js';
import { requireTriggerRow, triggerFromRow, writeTrigger } from './trigger-repo.js';
import type { Services } from '../../kernel/services.js';

const changed = (name: string) => new SluiceError('ConcurrentModificationException', `Trigger ${name} changed state meanwhile; try again.`);

/** Fires a trigger now: a run of its workflow, or a chain outside workflows. */
export function fireTrigger(services: Services, t: Trigger, startedBy: 'api' | 'trigger') {
  return createRun(services, { workflowName: t.WorkflowName, startTriggers: [t], startedBy });
}

export const triggerControlOperations = [
  glueOperation('StartTrigger', async (input, ctx) => {
    const { db } = ctx.services.store;
    const row = await requireTriggerRow(db, input.Name);
    const t = triggerFromRow(row);
    if (t.Type === 'ON_DEMAND') {
      await fireTrigger(ctx.services, t, 'api');
      return { Name: input.Name };
    }
    if (t.State === 'ACTIVATED') return { Name: input.Name };
    if (!(await writeTrigger(db, { ...t, State: 'ACTIVATED' }, row.state, { activated_on: Date.now() }))) throw changed(input.Name);
    return { Name: input.Name };
  }),

  glueOperation('StopTrigger', async (input, ctx) => {
    const { db } = ctx.services.store;
    const row = await requireTriggerRow(db, input.Name);
    const t = triggerFromRow(row);
    if (t.Type === 'ON_DEMAND') throw invalidInput(`Trigger ${input.Name} is ON_DEMAND: it is never activated, so it cannot be stopped.`);
    if (t.State === 'DEACTIVATED') return { Name: input.Name };
    if (!(await writeTrigger(db, { ...t, State: 'DEACTIVATED' }, row.state))) throw changed(input.Name);
    return { Name: input.Name };
  }),
];
