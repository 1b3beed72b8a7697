// What a call touches, derived from the operation's input: the IAM action (glue:<Operation>) and the
// Glue resource ARNs IAM checks it against, in Glue's forms (a table call needs the catalog, the
// database and the table; see "Actions, resources and condition keys for AWS Glue"). Operations
// without resource-level permissions in Glue are checked against "*", as IAM does.
// `owned` names the account-scoped resources (jobs, crawlers …) whose owner the guard checks.
import { glueArn, type GlueResourceType } from '../kernel/arn.js';

export type OwnedType = 'job' | 'crawler' | 'trigger' | 'workflow' | 'dataQualityRuleset';

export interface CallResources {
  action: string;
  /** The account whose catalog the call reaches (CatalogId, or the ARN's account, else the caller's). */
  catalogAccountId: string;
  resources: string[];
  owned: { type: OwnedType; name: string }[];
}

type In = Record<string, any>;
type Names = (i: In) => unknown;
interface Rule {
  type: GlueResourceType | 'catalogOnly' | 'arn';
  names: Names;
}

const str = (v: unknown): string[] =>
  typeof v === 'string' && v ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x) : [];

const ALL = () => '*';
const rules: Record<string, Rule> = {};
const add = (type: Rule['type'], names: Names, ops: string[]) => ops.forEach((op) => (rules[op] = { type, names }));

add('database', (i) => i.DatabaseInput?.Name, ['CreateDatabase']);
add('database', (i) => i.Name, ['GetDatabase', 'UpdateDatabase', 'DeleteDatabase']);
add('database', ALL, ['GetDatabases', 'SearchTables']);
add('table', (i) => [[i.DatabaseName, i.TableInput?.Name]], ['CreateTable', 'UpdateTable']);
add('table', (i) => [[i.DatabaseName, i.Name]], ['GetTable', 'DeleteTable']);
add('table', (i) => str(i.TablesToDelete).map((t) => [i.DatabaseName, t]), ['BatchDeleteTable']);
add('table', (i) => [[i.DatabaseName, '*']], ['GetTables']);
add('table', (i) => [[i.DatabaseName, i.TableName]], [
  'GetTableVersion',
  'GetTableVersions',
  'DeleteTableVersion',
  'BatchDeleteTableVersion',
  'CreatePartition',
  'GetPartition',
  'UpdatePartition',
  'DeletePartition',
  'GetPartitions',
  'BatchCreatePartition',
  'BatchGetPartition',
  'BatchUpdatePartition',
  'BatchDeletePartition',
]);
add('connection', (i) => i.ConnectionInput?.Name, ['CreateConnection']);
add('connection', (i) => i.Name, ['GetConnection', 'UpdateConnection']);
add('connection', (i) => i.ConnectionName, ['DeleteConnection']);
add('connection', ALL, ['GetConnections']);
add('arn', (i) => i.ResourceArn, ['TagResource', 'UntagResource', 'GetTags']);
add('job', (i) => i.Name, ['CreateJob']);
add('job', (i) => i.JobName, [
  'GetJob',
  'UpdateJob',
  'DeleteJob',
  'StartJobRun',
  'GetJobRun',
  'GetJobRuns',
  'BatchStopJobRun',
  'GetJobRunDetails',
  'GetJobBookmark',
  'ResetJobBookmark',
  'SetJobBookmark',
  'GetJobBookmarkHistory',
]);
add('job', (i) => i.JobNames, ['BatchGetJobs']);
add('crawler', (i) => i.Name, [
  'CreateCrawler',
  'GetCrawler',
  'UpdateCrawler',
  'DeleteCrawler',
  'StartCrawler',
  'StopCrawler',
  'DryRunCrawler',
]);
add('crawler', (i) => i.CrawlerName, [
  'ListCrawls',
  'GetCrawlDetails',
  'UpdateCrawlerSchedule',
  'StartCrawlerSchedule',
  'StopCrawlerSchedule',
]);
add('crawler', (i) => i.CrawlerNames, ['BatchGetCrawlers']);
add('crawler', (i) => i.CrawlerNameList, ['GetCrawlerMetrics']);
add('trigger', (i) => i.Name, ['CreateTrigger', 'GetTrigger', 'UpdateTrigger', 'DeleteTrigger', 'StartTrigger', 'StopTrigger']);
add('trigger', (i) => i.TriggerName, ['PutTriggerEventSource', 'GetTriggerEventSource']);
add('trigger', (i) => i.TriggerNames, ['BatchGetTriggers']);
add('workflow', (i) => i.Name, [
  'CreateWorkflow',
  'GetWorkflow',
  'UpdateWorkflow',
  'DeleteWorkflow',
  'StartWorkflowRun',
  'StopWorkflowRun',
  'GetWorkflowRun',
  'GetWorkflowRuns',
  'GetWorkflowRunProperties',
  'PutWorkflowRunProperties',
  'ResumeWorkflowRun',
]);
add('workflow', (i) => i.Names, ['BatchGetWorkflows']);
add('dataQualityRuleset', (i) => i.Name, [
  'CreateDataQualityRuleset',
  'GetDataQualityRuleset',
  'UpdateDataQualityRuleset',
  'DeleteDataQualityRuleset',
]);
add('dataQualityRuleset', (i) => i.RulesetNames, ['StartDataQualityRulesetEvaluationRun']);
add('catalogOnly', ALL, ['GetResourcePolicy', 'PutResourcePolicy', 'DeleteResourcePolicy', 'GetResourcePolicies', 'RunCatalogQuery']);

/** Sluice-only operations whose action is not glue:<Operation> (reading the audit trail is not a Glue read). */
const ACTIONS: Record<string, string> = { ListAuditRecords: 'sluice:ListAuditRecords' };

const OWNED = new Set<string>(['job', 'crawler', 'trigger', 'workflow', 'dataQualityRuleset']);
const CATALOG_TYPES = new Set<string>(['database', 'table', 'connection', 'catalogOnly']);

export function resourcesOf(operation: string, input: In, caller: { accountId: string; region: string }): CallResources {
  const action = ACTIONS[operation] ?? `glue:${operation}`;
  const rule = rules[operation];
  const arnAccount = typeof input.ResourceArn === 'string' ? input.ResourceArn.split(':')[4] : undefined;
  const catalogAccountId = (typeof input.CatalogId === 'string' && input.CatalogId) || arnAccount || caller.accountId;
  if (!rule) return { action, catalogAccountId, resources: ['*'], owned: [] };
  const where = { region: caller.region, accountId: CATALOG_TYPES.has(rule.type) ? catalogAccountId : caller.accountId };
  const raw = rule.names(input);
  if (rule.type === 'arn') return { action, catalogAccountId, resources: str(raw), owned: ownedOfArn(str(raw)[0], caller.accountId) };
  const catalog = `arn:aws:glue:${where.region}:${where.accountId}:catalog`;
  if (rule.type === 'catalogOnly') return { action, catalogAccountId, resources: [catalog], owned: [] };
  if (rule.type === 'table') {
    const pairs = (raw as unknown[][]).filter((p) => typeof p[0] === 'string' && typeof p[1] === 'string') as string[][];
    const resources = new Set([catalog]);
    for (const [db, t] of pairs) {
      resources.add(glueArn(where, 'database', db));
      resources.add(glueArn(where, 'table', db, t));
    }
    return { action, catalogAccountId, resources: [...resources], owned: [] };
  }
  const names = raw === '*' ? ['*'] : str(raw);
  const arns = names.map((n) => glueArn(where, rule.type as GlueResourceType, n));
  if (CATALOG_TYPES.has(rule.type)) return { action, catalogAccountId, resources: [catalog, ...arns], owned: [] };
  const owned = OWNED.has(rule.type) ? names.map((name) => ({ type: rule.type as OwnedType, name })) : [];
  return { action, catalogAccountId, resources: arns.length ? arns : ['*'], owned };
}

function ownedOfArn(arn: string | undefined, _account: string): CallResources['owned'] {
  const m = arn ? /^arn:[^:]+:glue:[^:]*:\d{12}:(job|crawler|trigger|workflow|dataQualityRuleset)\/(.+)$/.exec(arn) : null;
  return m ? [{ type: m[1] as OwnedType, name: m[2] }] : [];
}
