// Triggers and workflows as definitions, on SQLite and PostgreSQL: what CreateTrigger accepts and
// refuses (with Glue's rules for each type), states, updates, listing, deletion, and workflow graphs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../../../test/helpers/backends.js';
import { expectGlueError } from '../../../test/helpers/expect-error.js';

const pg = await postgresAvailable();

describe.each(BACKENDS)('trigger and workflow definitions on %s', (backend) => {
  let p: TestProject;
  const call = (op: string, input: unknown) => p.sluice.call(op, input);
  const job = (JobName: string) => ({ JobName });

  beforeAll(async () => {
    if (backend === 'postgres' && !pg) return;
    p = await openTestProject(backend);
    for (const name of ['extract', 'load', 'report'])
      await call('CreateJob', { Name: name, Role: 'r', Command: { Name: 'glueetl', ScriptLocation: 'jobs/ok.mjs' } });
    await call('CreateCrawler', { Name: 'raw', Role: 'r', DatabaseName: 'raw', Targets: { S3Targets: [{ Path: 'lake/raw' }] } });
    await call('CreateWorkflow', {
      Name: 'nightly',
      Description: 'the nightly load',
      DefaultRunProperties: { day: 'today' },
      MaxConcurrentRuns: 1,
      Tags: { team: 'data' },
    });
  });
  afterAll(async () => p?.cleanup());

  it.skipIf(backend === 'postgres' && !pg)('creates each type with its state, and refuses what Glue refuses', async () => {
    await call('CreateTrigger', { Name: 'start', WorkflowName: 'nightly', Type: 'ON_DEMAND', Actions: [{ CrawlerName: 'raw' }] });
    await call('CreateTrigger', {
      Name: 'at-two',
      WorkflowName: 'nightly',
      Type: 'SCHEDULED',
      Schedule: 'cron(0 2 * * ? *)',
      Actions: [{ CrawlerName: 'raw' }],
      StartOnCreation: true,
    });
    await call('CreateTrigger', {
      Name: 'after-crawl',
      WorkflowName: 'nightly',
      Type: 'CONDITIONAL',
      StartOnCreation: true,
      Predicate: { Conditions: [{ LogicalOperator: 'EQUALS', CrawlerName: 'raw', CrawlState: 'SUCCEEDED' }] },
      Actions: [{ ...job('extract'), Arguments: { '--x': '1' }, Timeout: 5 }],
    });
    await call('CreateTrigger', { Name: 'on-files', WorkflowName: 'nightly', Type: 'EVENT', Actions: [{ CrawlerName: 'raw' }] });
    const { Triggers } = await call('BatchGetTriggers', { TriggerNames: ['start', 'at-two', 'after-crawl', 'on-files', 'ghost'] });
    expect(Triggers.map((t: { Name: string; State: string }) => [t.Name, t.State])).toEqual([
      ['start', 'CREATED'],
      ['at-two', 'ACTIVATED'],
      ['after-crawl', 'ACTIVATED'],
      ['on-files', 'CREATED'],
    ]);
    expect(Triggers[2].Predicate).toEqual({
      Logical: 'AND',
      Conditions: [{ LogicalOperator: 'EQUALS', CrawlerName: 'raw', CrawlState: 'SUCCEEDED' }],
    });
    expect(Triggers[3].EventBatchingCondition).toEqual({ BatchSize: 1, BatchWindow: 900 });

    const create = (extra: object) => call('CreateTrigger', { Name: 'bad', Type: 'SCHEDULED', Actions: [job('load')], ...extra });
    await expectGlueError(
      create({ Schedule: 'cron(0 0 1 * 1 *)' }),
      'InvalidInputException',
      /^Invalid schedule expression 'cron\(0 0 1 \* 1 \*\)': .*one of them must be '\?'/,
    );
    await expectGlueError(create({ Schedule: undefined }), 'InvalidInputException', /needs a Schedule/);
    await expectGlueError(
      create({ Type: 'ON_DEMAND', StartOnCreation: true }),
      'InvalidInputException',
      'StartOnCreation is not supported for ON_DEMAND triggers.',
    );
    await expectGlueError(create({ Type: 'EVENT' }), 'InvalidInputException', /EVENT trigger starts a workflow/);
    await expectGlueError(create({ Type: 'ON_DEMAND', Actions: [] }), 'InvalidInputException', /at least one action/);
    await expectGlueError(
      create({ Type: 'ON_DEMAND', Actions: [{ JobName: 'load', CrawlerName: 'raw' }] }),
      'InvalidInputException',
      'Both JobName and CrawlerName cannot be set together in an action',
    );
    await expectGlueError(
      create({ Type: 'ON_DEMAND', Actions: [job('ghost')] }),
      'EntityNotFoundException',
      /Job with name ghost not found/,
    );
    await expectGlueError(
      create({ Type: 'ON_DEMAND', WorkflowName: 'none' }),
      'EntityNotFoundException',
      /Workflow with name none not found/,
    );
    const conditional = (Predicate: object, Actions = [job('report')]) =>
      call('CreateTrigger', { Name: 'bad', Type: 'CONDITIONAL', Predicate, Actions });
    await expectGlueError(conditional({ Conditions: [] }), 'InvalidInputException', 'Predicate cannot be null or empty');
    await expectGlueError(
      conditional({ Conditions: [{ CrawlerName: 'raw', CrawlState: 'SUCCEEDED' }] }),
      'InvalidInputException',
      'Logical operator cannot be null or empty',
    );
    await expectGlueError(
      conditional({ Conditions: [{ LogicalOperator: 'EQUALS', JobName: 'load' }] }),
      'InvalidInputException',
      'State cannot be null or empty, choose from one of the following job state: [SUCCEEDED, STOPPED, FAILED, TIMEOUT]',
    );
    await expectGlueError(
      conditional({ Conditions: [{ LogicalOperator: 'EQUALS', State: 'SUCCEEDED' }] }),
      'InvalidInputException',
      'JobName or CrawlerName in condition cannot be null or empty',
    );
    await expectGlueError(
      conditional({ Conditions: [{ LogicalOperator: 'EQUALS', JobName: 'load', State: 'RUNNING' }] }),
      'InvalidInputException',
      /must watch State SUCCEEDED, STOPPED, FAILED, TIMEOUT \(was RUNNING\)/,
    );
    await expectGlueError(
      conditional({ Conditions: [{ LogicalOperator: 'EQUALS', CrawlerName: 'raw', CrawlState: 'RUNNING' }] }),
      'InvalidInputException',
      /CrawlState SUCCEEDED, FAILED, CANCELLED/,
    );
    await expectGlueError(
      conditional({
        Conditions: [
          { JobName: 'load', State: 'SUCCEEDED' },
          { JobName: 'extract', State: 'FAILED' },
        ],
      }),
      'InvalidInputException',
      /Logical \(AND or ANY\) is required/,
    );
    await expectGlueError(
      conditional({ Conditions: [{ LogicalOperator: 'EQUALS', JobName: 'load', State: 'SUCCEEDED' }] }, [job('load')]),
      'InvalidInputException',
      'Job cannot be a Predicate and Action for Conditional Trigger.',
    );
    // A condition naming a job and a crawler is a job condition: the crawler fields are dropped.
    await call('CreateTrigger', {
      Name: 'both',
      Type: 'CONDITIONAL',
      Actions: [job('report')],
      Predicate: {
        Conditions: [{ LogicalOperator: 'EQUALS', JobName: 'load', State: 'SUCCEEDED', CrawlerName: 'raw', CrawlState: 'FAILED' }],
      },
    });
    expect((await call('GetTrigger', { Name: 'both' })).Trigger.Predicate.Conditions).toEqual([
      { LogicalOperator: 'EQUALS', JobName: 'load', State: 'SUCCEEDED' },
    ]);
    await call('DeleteTrigger', { Name: 'both' });
    await expectGlueError(call('CreateTrigger', { Name: 'start', Type: 'ON_DEMAND', Actions: [job('load')] }), 'AlreadyExistsException');
    await expectGlueError(call('GetTrigger', { Name: 'bad' }), 'EntityNotFoundException', 'Trigger with name bad not found');
  });

  it.skipIf(backend === 'postgres' && !pg)('starts, stops and updates triggers, and lists them by job and by tag', async () => {
    await call('CreateTrigger', {
      Name: 'solo',
      Type: 'SCHEDULED',
      Schedule: 'cron(0 3 * * ? *)',
      Actions: [job('load')],
      Tags: { kind: 'solo' },
    });
    expect((await call('StartTrigger', { Name: 'solo' })).Name).toBe('solo');
    expect((await call('GetTrigger', { Name: 'solo' })).Trigger.State).toBe('ACTIVATED');
    await call('StopTrigger', { Name: 'solo' });
    expect((await call('GetTrigger', { Name: 'solo' })).Trigger.State).toBe('DEACTIVATED');
    await expectGlueError(call('StopTrigger', { Name: 'start' }), 'InvalidInputException', /ON_DEMAND/);
    const { Trigger } = await call('UpdateTrigger', {
      Name: 'solo',
      TriggerUpdate: { Schedule: 'cron(30 4 ? * MON *)', Description: 'weekly' },
    });
    expect(Trigger).toMatchObject({
      Schedule: 'cron(30 4 ? * MON *)',
      Description: 'weekly',
      State: 'DEACTIVATED',
      Actions: [job('load')],
    });
    await expectGlueError(
      call('UpdateTrigger', { Name: 'solo', TriggerUpdate: { Schedule: 'cron(* * * * ? *)' } }),
      'InvalidInputException',
      /minimum precision of a schedule is 5 minutes/,
    );
    expect((await call('ListTriggers', { DependentJobName: 'load' })).TriggerNames).toEqual(['solo']);
    expect((await call('ListTriggers', { Tags: { kind: 'solo' } })).TriggerNames).toEqual(['solo']);
    expect((await call('GetTriggers', { DependentJobName: 'extract' })).Triggers.map((t: { Name: string }) => t.Name)).toEqual([
      'after-crawl',
    ]);
    const first = await call('ListTriggers', { MaxResults: 2 });
    const second = await call('ListTriggers', { MaxResults: 2, NextToken: first.NextToken });
    expect([...first.TriggerNames, ...second.TriggerNames]).toEqual(['after-crawl', 'at-two', 'on-files', 'solo']);
    expect(await call('DeleteTrigger', { Name: 'solo' })).toEqual({ Name: 'solo' });
    expect(await call('DeleteTrigger', { Name: 'solo' })).toEqual({ Name: 'solo' });
  });

  it.skipIf(backend === 'postgres' && !pg)('draws the workflow graph from its triggers, with stable node ids', async () => {
    const { Workflow } = await call('GetWorkflow', { Name: 'nightly', IncludeGraph: true });
    expect(Workflow).toMatchObject({
      Name: 'nightly',
      Description: 'the nightly load',
      DefaultRunProperties: { day: 'today' },
      MaxConcurrentRuns: 1,
    });
    const names = Object.fromEntries(
      Workflow.Graph.Nodes.map((n: { UniqueId: string; Type: string; Name: string }) => [n.UniqueId, `${n.Type}:${n.Name}`]),
    );
    const edges = Workflow.Graph.Edges.map(
      (e: { SourceId: string; DestinationId: string }) => `${names[e.SourceId]} -> ${names[e.DestinationId]}`,
    ).sort();
    expect(edges).toEqual([
      'CRAWLER:raw -> TRIGGER:after-crawl',
      'TRIGGER:after-crawl -> JOB:extract',
      'TRIGGER:at-two -> CRAWLER:raw',
      'TRIGGER:on-files -> CRAWLER:raw',
      'TRIGGER:start -> CRAWLER:raw',
    ]);
    expect(Object.keys(names).every((id) => /^wnode_[0-9a-f]{64}$/.test(id))).toBe(true);
    const again = await call('GetWorkflow', { Name: 'nightly', IncludeGraph: true });
    expect(again.Workflow.Graph.Nodes.map((n: { UniqueId: string }) => n.UniqueId)).toEqual(Object.keys(names));
    expect((await call('GetWorkflow', { Name: 'nightly' })).Workflow.Graph).toBeUndefined();
  });

  it.skipIf(backend === 'postgres' && !pg)('updates, lists and deletes workflows with their triggers', async () => {
    await call('CreateWorkflow', { Name: 'spare' });
    await expectGlueError(call('CreateWorkflow', { Name: 'spare' }), 'AlreadyExistsException');
    await expectGlueError(call('CreateWorkflow', { Name: 'zero', MaxConcurrentRuns: 0 }), 'InvalidInputException', /at least 1/);
    await call('UpdateWorkflow', { Name: 'spare', Description: 'kept', MaxConcurrentRuns: 3 });
    expect((await call('GetWorkflow', { Name: 'spare' })).Workflow).toMatchObject({ Description: 'kept', MaxConcurrentRuns: 3 });
    expect((await call('ListWorkflows', {})).Workflows).toEqual(['nightly', 'spare']);
    expect(await call('BatchGetWorkflows', { Names: ['spare', 'gone'] })).toMatchObject({
      Workflows: [{ Name: 'spare' }],
      MissingWorkflows: ['gone'],
    });
    await call('CreateTrigger', { Name: 'spare-start', WorkflowName: 'spare', Type: 'ON_DEMAND', Actions: [job('load')] });
    await call('DeleteWorkflow', { Name: 'spare' });
    await expectGlueError(call('GetWorkflow', { Name: 'spare' }), 'EntityNotFoundException', 'Entity not found');
    await expectGlueError(call('GetTrigger', { Name: 'spare-start' }), 'EntityNotFoundException');
    await expectGlueError(call('StartWorkflowRun', { Name: 'spare' }), 'EntityNotFoundException');
  });
});
