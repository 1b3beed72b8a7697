// A trigger's definition as Glue keeps it, checked as a whole (glue-behaviour.md §3.2): SCHEDULED needs
// a valid Schedule, CONDITIONAL a Predicate whose conditions watch only the states Glue allows, EVENT
// belongs to a workflow; every action starts exactly one job or crawler.
import { randomBytes } from 'node:crypto';
import { invalidInput } from '../../kernel/errors.js';
import type { Action, Condition, EventBatchingCondition, Predicate, Trigger, TriggerType } from '../../kernel/glue-types.js';
import { parseAwsCron } from '../cron/aws-cron.js';

/** The only states a condition may watch (API:Condition). */
export const WATCHABLE_JOB_STATES = ['SUCCEEDED', 'STOPPED', 'FAILED', 'TIMEOUT'];
export const WATCHABLE_CRAWL_STATES = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** Glue's default batching when an EVENT trigger has none: fire on every event, or after 15 minutes. */
export const DEFAULT_BATCHING: EventBatchingCondition = { BatchSize: 1, BatchWindow: 900 };

export interface TriggerDefinition {
  Name: string;
  WorkflowName?: string;
  Type: TriggerType;
  Schedule?: string;
  Predicate?: Predicate;
  Actions: Action[];
  Description?: string;
  EventBatchingCondition?: EventBatchingCondition;
}

function checkActions(actions: Action[]): Action[] {
  if (!actions.length) throw invalidInput('A trigger needs at least one action.');
  return actions.map((a, i) => {
    const at = `Actions.${i + 1}`;
    if (a.JobName && a.CrawlerName) throw invalidInput('Both JobName and CrawlerName cannot be set together in an action');
    if (!a.JobName && !a.CrawlerName) throw invalidInput(`${at}: an action starts exactly one job (JobName) or one crawler (CrawlerName).`);
    if (a.CrawlerName && (a.Arguments || a.Timeout !== undefined))
      throw invalidInput(`${at}: Arguments and Timeout apply to jobs, not to crawler ${a.CrawlerName}.`);
    if (a.Timeout !== undefined && (a.Timeout < 1 || a.Timeout > 10080))
      throw invalidInput(`${at}: Timeout must be 1-10080 minutes (was ${a.Timeout}).`);
    return a;
  });
}

function checkCondition(c: Condition, at: string): Condition {
  // Glue requires the operator, though EQUALS is its only value.
  if (!c.LogicalOperator) throw invalidInput('Logical operator cannot be null or empty');
  if (c.LogicalOperator !== 'EQUALS') throw invalidInput(`${at}: LogicalOperator must be EQUALS.`);
  if (!c.JobName && !c.CrawlerName) throw invalidInput('JobName or CrawlerName in condition cannot be null or empty');
  // A condition naming a job is a job condition even when crawler fields are given too: Glue keeps
  // the job and drops CrawlerName and CrawlState (as moto records it), rather than refusing.
  if (c.JobName && (c.CrawlerName || c.CrawlState)) {
    const { CrawlerName: _n, CrawlState: _s, ...jobOnly } = c;
    return checkCondition(jobOnly, at);
  }
  if (c.JobName) {
    if (!c.State)
      throw invalidInput(`State cannot be null or empty, choose from one of the following job state: [${WATCHABLE_JOB_STATES.join(', ')}]`);
    if (!WATCHABLE_JOB_STATES.includes(c.State)) {
      throw invalidInput(
        `${at}: a condition on job ${c.JobName} must watch State ${WATCHABLE_JOB_STATES.join(', ')} (was ${c.State ?? 'missing'}).`,
      );
    }
    if (c.CrawlState) throw invalidInput(`${at}: CrawlState applies to crawlers, not to job ${c.JobName}.`);
  } else {
    if (!c.CrawlState) {
      throw invalidInput(
        `State cannot be null or empty, choose from one of the following crawler state: [${WATCHABLE_CRAWL_STATES.join(', ')}]`,
      );
    }
    if (!WATCHABLE_CRAWL_STATES.includes(c.CrawlState)) {
      throw invalidInput(
        `${at}: a condition on crawler ${c.CrawlerName} must watch CrawlState ${WATCHABLE_CRAWL_STATES.join(', ')} (was ${c.CrawlState ?? 'missing'}).`,
      );
    }
    if (c.State) throw invalidInput(`${at}: State applies to jobs, not to crawler ${c.CrawlerName}.`);
  }
  return { ...c, LogicalOperator: 'EQUALS' };
}

function checkPredicate(p: Predicate | undefined, actions: Action[]): Predicate {
  const conditions = p?.Conditions ?? [];
  if (!conditions.length) throw invalidInput('Predicate cannot be null or empty');
  if (conditions.length > 1 && !p?.Logical)
    throw invalidInput('Predicate.Logical (AND or ANY) is required when a predicate has more than one condition.');
  const checked = conditions.map((c, i) => checkCondition(c, `Predicate.Conditions.${i + 1}`));
  const watched = new Set(checked.map((c) => c.JobName).filter(Boolean));
  if (actions.some((a) => a.JobName && watched.has(a.JobName)))
    throw invalidInput('Job cannot be a Predicate and Action for Conditional Trigger.');
  return { Logical: p?.Logical ?? 'AND', Conditions: checked };
}

/** The checked trigger document (without State, which the caller decides). */
export function triggerDoc(def: TriggerDefinition, id?: string): Trigger {
  const type = def.Type;
  const actions = checkActions(def.Actions);
  if (type === 'SCHEDULED') {
    if (!def.Schedule) throw invalidInput('A SCHEDULED trigger needs a Schedule, e.g. cron(15 12 * * ? *).');
    parseAwsCron(def.Schedule);
  } else if (def.Schedule) throw invalidInput(`Schedule applies to SCHEDULED triggers, not to ${type} trigger ${def.Name}.`);
  if (type !== 'CONDITIONAL' && def.Predicate?.Conditions?.length)
    throw invalidInput(`Predicate applies to CONDITIONAL triggers, not to ${type} trigger ${def.Name}.`);
  if (type !== 'EVENT' && def.EventBatchingCondition)
    throw invalidInput(`EventBatchingCondition applies to EVENT triggers, not to ${type} trigger ${def.Name}.`);
  if (type === 'EVENT' && !def.WorkflowName) throw invalidInput('An EVENT trigger starts a workflow: give its WorkflowName.');
  return {
    Name: def.Name,
    WorkflowName: def.WorkflowName,
    Id: id ?? `trg_${randomBytes(8).toString('hex')}`,
    Type: type,
    Description: def.Description,
    Schedule: type === 'SCHEDULED' ? def.Schedule : undefined,
    Actions: actions,
    Predicate: type === 'CONDITIONAL' ? checkPredicate(def.Predicate, actions) : undefined,
    EventBatchingCondition: type === 'EVENT' ? { ...DEFAULT_BATCHING, ...def.EventBatchingCondition } : undefined,
  };
}

/** The names of the jobs and crawlers a trigger starts or watches. */
export function triggerReferences(t: Trigger): { jobs: string[]; crawlers: string[] } {
  const jobs = new Set<string>();
  const crawlers = new Set<string>();
  for (const x of [...(t.Actions ?? []), ...(t.Predicate?.Conditions ?? [])]) {
    if (x.JobName) jobs.add(x.JobName);
    if (x.CrawlerName) crawlers.add(x.CrawlerName);
  }
  return { jobs: [...jobs], crawlers: [...crawlers] };
}
