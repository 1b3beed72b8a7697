// How each kind of declared resource is read, created, changed and deleted — always through the
// registry's Glue operations, the same calls a user of the API makes. read() returns the resource in
// the vocabulary of the declaration (a crawler's Schedule as its expression, a trigger's
// StartOnCreation as whether it is activated), so the two can be compared field by field.
import type { GlueCall } from '../glue-call.js';
import { isGlueError } from '../glue-call.js';
import { createRequest, type Declared } from './declarations.js';
import type { PipelineKind } from './schema.js';

export interface ResourceKind {
  /** The word plan output uses, e.g. 'crawler'. */
  label: string;
  /** Fields that cannot change in place: a change replaces the resource (delete, then create). */
  replaceOn: string[];
  read(call: GlueCall, name: string): Promise<Record<string, any> | undefined>;
  create(call: GlueCall, d: Declared): Promise<void>;
  update(call: GlueCall, d: Declared, current: Record<string, any>): Promise<void>;
  remove(call: GlueCall, name: string): Promise<void>;
}

const orMissing = async <T>(p: Promise<T>): Promise<T | undefined> =>
  p.catch((e) => (isGlueError(e, 'EntityNotFoundException') ? undefined : Promise.reject(e)));

const without = (o: Record<string, any>, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

export const RESOURCES: Record<PipelineKind, ResourceKind> = {
  databases: {
    label: 'database',
    replaceOn: [],
    read: async (call, name) => (await orMissing(call('GetDatabase', { Name: name })))?.Database,
    create: async (call, d) => void (await call('CreateDatabase', createRequest(d))),
    update: async (call, d) => void (await call('UpdateDatabase', { Name: d.name, DatabaseInput: { Name: d.name, ...d.spec } })),
    remove: async (call, name) => void (await call('DeleteDatabase', { Name: name })),
  },
  crawlers: {
    label: 'crawler',
    replaceOn: [],
    read: async (call, name) => {
      const c = (await orMissing(call('GetCrawler', { Name: name })))?.Crawler;
      return c && { ...c, Schedule: c.Schedule?.ScheduleExpression };
    },
    create: async (call, d) => void (await call('CreateCrawler', createRequest(d))),
    update: async (call, d) => void (await call('UpdateCrawler', { Name: d.name, ...without(d.spec, 'Tags') })),
    remove: async (call, name) => void (await call('DeleteCrawler', { Name: name })),
  },
  jobs: {
    label: 'job',
    replaceOn: [],
    read: async (call, name) => (await orMissing(call('GetJob', { JobName: name })))?.Job,
    create: async (call, d) => void (await call('CreateJob', createRequest(d))),
    update: async (call, d) => void (await call('UpdateJob', { JobName: d.name, JobUpdate: without(d.spec, 'Tags') })),
    remove: async (call, name) => void (await call('DeleteJob', { JobName: name })),
  },
  workflows: {
    label: 'workflow',
    replaceOn: [],
    read: async (call, name) => (await orMissing(call('GetWorkflow', { Name: name })))?.Workflow,
    create: async (call, d) => void (await call('CreateWorkflow', createRequest(d))),
    update: async (call, d) => void (await call('UpdateWorkflow', { Name: d.name, ...without(d.spec, 'Tags') })),
    remove: async (call, name) => void (await call('DeleteWorkflow', { Name: name })),
  },
  triggers: {
    label: 'trigger',
    replaceOn: ['Type', 'WorkflowName'],
    read: async (call, name) => {
      const t = (await orMissing(call('GetTrigger', { Name: name })))?.Trigger;
      if (!t) return undefined;
      const source = t.Type === 'EVENT' ? await call('GetTriggerEventSource', { TriggerName: name }) : undefined;
      return { ...t, StartOnCreation: t.State === 'ACTIVATED', Watch: source && !source.Derived ? source.Locations : undefined };
    },
    async create(call, d) {
      await call('CreateTrigger', createRequest(d));
      if (d.spec.Watch) await call('PutTriggerEventSource', { TriggerName: d.name, Locations: d.spec.Watch });
    },
    async update(call, d, current) {
      const { Description, Schedule, Actions, Predicate, EventBatchingCondition } = d.spec;
      await call('UpdateTrigger', { Name: d.name, TriggerUpdate: { Description, Schedule, Actions, Predicate, EventBatchingCondition } });
      if (d.spec.Watch !== undefined) await call('PutTriggerEventSource', { TriggerName: d.name, Locations: d.spec.Watch });
      const active = !!d.spec.StartOnCreation && d.spec.Type !== 'ON_DEMAND';
      if (d.spec.StartOnCreation !== undefined && active !== current.StartOnCreation)
        await call(active ? 'StartTrigger' : 'StopTrigger', { Name: d.name });
    },
    remove: async (call, name) => void (await call('DeleteTrigger', { Name: name })),
  },
  rulesets: {
    label: 'ruleset',
    replaceOn: ['TargetTable'],
    read: async (call, name) => orMissing(call('GetDataQualityRuleset', { Name: name })),
    create: async (call, d) => void (await call('CreateDataQualityRuleset', createRequest(d))),
    update: async (call, d) =>
      void (await call('UpdateDataQualityRuleset', { Name: d.name, Description: d.spec.Description, Ruleset: d.spec.Ruleset })),
    remove: async (call, name) => void (await call('DeleteDataQualityRuleset', { Name: name })),
  },
};
