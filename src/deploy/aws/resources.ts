// Each kind of exported resource through the AWS SDK: how it is read (in the vocabulary of its
// Create… request, so the two compare field by field), created, changed and deleted. Fields that
// cannot change in place (a trigger's Type, a ruleset's TargetTable; a security configuration has
// no Update at all) make the change a replacement.
import type { DeployKind, Resource } from '../kinds.js';

export type AwsCall = (operation: string, input: Record<string, unknown>) => Promise<any>;

export interface AwsKind {
  /** The request fields compared with what read() returns. */
  desired(r: Resource): Record<string, unknown>;
  read(call: AwsCall, r: Resource): Promise<Record<string, any> | undefined>;
  create(call: AwsCall, r: Resource): Promise<void>;
  update?(call: AwsCall, r: Resource): Promise<void>;
  remove(call: AwsCall, r: { name: string }): Promise<void>;
  replaceOn?: string[];
}

const missing = async <T>(p: Promise<T>): Promise<T | undefined> =>
  p.catch((e: { name?: string }) => (e?.name === 'EntityNotFoundException' ? undefined : Promise.reject(e)));

const without = (o: Record<string, any>, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
const classifierType = (r: Resource) => Object.keys(r.request)[0];

export const AWS_KINDS: Record<DeployKind, AwsKind> = {
  securityConfigurations: {
    desired: (r) => ({ EncryptionConfiguration: r.request.EncryptionConfiguration }),
    read: async (call, r) => (await missing(call('GetSecurityConfiguration', { Name: r.name })))?.SecurityConfiguration,
    create: async (call, r) => void (await call('CreateSecurityConfiguration', r.request)),
    remove: async (call, r) => void (await call('DeleteSecurityConfiguration', { Name: r.name })),
  },
  databases: {
    desired: (r) => without(r.request.DatabaseInput, 'Name'),
    read: async (call, r) => (await missing(call('GetDatabase', { Name: r.name })))?.Database,
    create: async (call, r) => void (await call('CreateDatabase', r.request)),
    update: async (call, r) => void (await call('UpdateDatabase', { Name: r.name, DatabaseInput: r.request.DatabaseInput })),
    remove: async (call, r) => void (await call('DeleteDatabase', { Name: r.name })),
  },
  tables: {
    desired: (r) => without(r.request.TableInput, 'Name'),
    read: async (call, r) => {
      const [DatabaseName, Name] = r.name.split('/');
      return (await missing(call('GetTable', { DatabaseName, Name })))?.Table;
    },
    create: async (call, r) => void (await call('CreateTable', r.request)),
    update: async (call, r) => void (await call('UpdateTable', r.request)),
    remove: async (call, r) => {
      const [DatabaseName, Name] = r.name.split('/');
      await call('DeleteTable', { DatabaseName, Name });
    },
  },
  connections: {
    desired: (r) => without(r.request.ConnectionInput, 'Name'),
    read: async (call, r) => (await missing(call('GetConnection', { Name: r.name, HidePassword: true })))?.Connection,
    create: async (call, r) => void (await call('CreateConnection', r.request)),
    update: async (call, r) => void (await call('UpdateConnection', { Name: r.name, ConnectionInput: r.request.ConnectionInput })),
    remove: async (call, r) => void (await call('DeleteConnection', { ConnectionName: r.name })),
  },
  classifiers: {
    desired: (r) => ({ [classifierType(r)]: without(r.request[classifierType(r)], 'Name') }),
    read: async (call, r) => (await missing(call('GetClassifier', { Name: r.name })))?.Classifier,
    create: async (call, r) => void (await call('CreateClassifier', r.request)),
    update: async (call, r) => void (await call('UpdateClassifier', r.request)),
    remove: async (call, r) => void (await call('DeleteClassifier', { Name: r.name })),
  },
  crawlers: {
    desired: (r) => without(r.request, 'Name', 'Tags'),
    read: async (call, r) => {
      const c = (await missing(call('GetCrawler', { Name: r.name })))?.Crawler;
      return c && { ...c, Schedule: c.Schedule?.ScheduleExpression };
    },
    create: async (call, r) => void (await call('CreateCrawler', r.request)),
    update: async (call, r) => void (await call('UpdateCrawler', without(r.request, 'Tags'))),
    remove: async (call, r) => void (await call('DeleteCrawler', { Name: r.name })),
  },
  jobs: {
    // JobMode follows from CodeGenConfigurationNodes, which are compared; moto does not give it back.
    desired: (r) => without(r.request, 'Name', 'Tags', 'JobMode'),
    read: async (call, r) => (await missing(call('GetJob', { JobName: r.name })))?.Job,
    create: async (call, r) => void (await call('CreateJob', r.request)),
    update: async (call, r) => void (await call('UpdateJob', { JobName: r.name, JobUpdate: without(r.request, 'Name', 'Tags') })),
    remove: async (call, r) => void (await call('DeleteJob', { JobName: r.name })),
  },
  workflows: {
    desired: (r) => without(r.request, 'Name', 'Tags'),
    read: async (call, r) => (await missing(call('GetWorkflow', { Name: r.name })))?.Workflow,
    create: async (call, r) => void (await call('CreateWorkflow', r.request)),
    update: async (call, r) => void (await call('UpdateWorkflow', without(r.request, 'Tags'))),
    remove: async (call, r) => void (await call('DeleteWorkflow', { Name: r.name })),
  },
  triggers: {
    desired: (r) => without(r.request, 'Name', 'Tags', 'StartOnCreation'),
    replaceOn: ['Type', 'WorkflowName'],
    read: async (call, r) => (await missing(call('GetTrigger', { Name: r.name })))?.Trigger,
    create: async (call, r) => void (await call('CreateTrigger', r.request)),
    update: async (call, r) => {
      const { Description, Schedule, Actions, Predicate, EventBatchingCondition } = r.request;
      await call('UpdateTrigger', { Name: r.name, TriggerUpdate: { Description, Schedule, Actions, Predicate, EventBatchingCondition } });
    },
    remove: async (call, r) => void (await call('DeleteTrigger', { Name: r.name })),
  },
  rulesets: {
    desired: (r) => without(r.request, 'Name', 'Tags'),
    replaceOn: ['TargetTable'],
    read: async (call, r) => missing(call('GetDataQualityRuleset', { Name: r.name })),
    create: async (call, r) => void (await call('CreateDataQualityRuleset', r.request)),
    update: async (call, r) =>
      void (await call('UpdateDataQualityRuleset', { Name: r.name, Description: r.request.Description, Ruleset: r.request.Ruleset })),
    remove: async (call, r) => void (await call('DeleteDataQualityRuleset', { Name: r.name })),
  },
};
