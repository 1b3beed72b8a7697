// Workflow runs end to end with real job processes and, since no server runs here, a detached driver
// per run: conditional triggers (AND vs ANY, watching FAILED), COMPLETED although nodes failed,
// statistics, the run graph with each node's runs, run properties reaching jobs as arguments,
// action Arguments and Timeout, a deleted job (ERROR), resume, stop, MaxConcurrentRuns, and a chain
// of triggers outside workflows that cascades only from runs a trigger started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowRun } from '../../kernel/glue-types.js';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { expectGlueError } from '../../../test/helpers/expect-error.js';
import { createJobs, nodeStates, useFastTimings, waitForWorkflowRun, writeScripts } from '../test-helpers.js';

let p: TestProject;
const call = (op: string, input: unknown) => p.sluice.call(op, input);
const on = (JobName: string, State: string) => ({ LogicalOperator: 'EQUALS', JobName, State });
const conditional = (Name: string, WorkflowName: string | undefined, Predicate: object, Actions: object[]) =>
  call('CreateTrigger', { Name, WorkflowName, Type: 'CONDITIONAL', StartOnCreation: true, Predicate, Actions });
const args = (job: string) => JSON.parse(readFileSync(join(p.dir, `args-${job}.json`), 'utf8'));
let logicRun: Promise<WorkflowRun>;

beforeAll(async () => {
  useFastTimings();
  p = await openTestProject('sqlite');
  writeScripts(p.dir);
  await createJobs(
    p.sluice,
    { a: 'args', b: 'fail', c: 'ok', d: 'args', e: 'ok', ghost: 'ok', x: 'ok', y: 'args' },
    { DefaultArguments: { '--from': 'job' } },
  );
  await createJobs(p.sluice, { nap: 'sleep' }, { ExecutionProperty: { MaxConcurrentRuns: 3 }, Timeout: 20 });
  await createJobs(p.sluice, { busy: 'sleep' }, { Timeout: 20 });
  await call('CreateWorkflow', { Name: 'busy-flow' });
  await call('CreateTrigger', { Name: 'busy-go', WorkflowName: 'busy-flow', Type: 'ON_DEMAND', Actions: [{ JobName: 'busy' }] });
  // logic: start → a (args), b (fails), ghost (deleted below); AND(a ok, b ok) → c; ANY(a failed, b failed) → d; AND(a ok, b failed) → e.
  await call('CreateWorkflow', { Name: 'logic', DefaultRunProperties: { day: '2024-03-05', region: 'eu' } });
  await call('CreateTrigger', {
    Name: 'go',
    WorkflowName: 'logic',
    Type: 'ON_DEMAND',
    Actions: [{ JobName: 'a', Arguments: { '--from': 'trigger' }, Timeout: 7 }, { JobName: 'b' }, { JobName: 'ghost' }],
  });
  await conditional('all-ok', 'logic', { Logical: 'AND', Conditions: [on('a', 'SUCCEEDED'), on('b', 'SUCCEEDED')] }, [{ JobName: 'c' }]);
  await conditional('any-failed', 'logic', { Logical: 'ANY', Conditions: [on('a', 'FAILED'), on('b', 'FAILED')] }, [{ JobName: 'd' }]);
  await conditional('a-ok-b-failed', 'logic', { Logical: 'AND', Conditions: [on('a', 'SUCCEEDED'), on('b', 'FAILED')] }, [
    { JobName: 'e' },
  ]);
  await call('DeleteJob', { JobName: 'ghost' });
  const { RunId } = await call('StartWorkflowRun', { Name: 'logic', RunProperties: { region: 'us' } });
  logicRun = waitForWorkflowRun(p.sluice, 'logic', RunId);
  // Outside workflows: go-x → x; x SUCCEEDED → y.
  await call('CreateTrigger', { Name: 'go-x', Type: 'ON_DEMAND', Actions: [{ JobName: 'x' }] });
  await conditional('then-y', undefined, { Conditions: [on('x', 'SUCCEEDED')] }, [{ JobName: 'y' }]);
  await call('CreateWorkflow', { Name: 'slow', MaxConcurrentRuns: 1 });
  await call('CreateTrigger', { Name: 'slow-go', WorkflowName: 'slow', Type: 'ON_DEMAND', Actions: [{ JobName: 'nap' }] });
  await conditional('after-nap', 'slow', { Logical: 'ANY', Conditions: [on('nap', 'STOPPED'), on('nap', 'SUCCEEDED')] }, [
    { JobName: 'c' },
  ]);
});
afterAll(async () => p?.cleanup());

describe('a workflow run', () => {
  it('fires AND only when every condition holds and ANY when one does, and is COMPLETED although nodes failed', async () => {
    const run = await logicRun;
    expect(run.Status).toBe('COMPLETED');
    expect(nodeStates(run)).toEqual({ a: ['SUCCEEDED'], b: ['FAILED'], ghost: ['ERROR'], c: [], d: ['SUCCEEDED'], e: ['SUCCEEDED'] });
    expect(run.Statistics).toEqual({
      TotalActions: 5,
      SucceededActions: 3,
      FailedActions: 1,
      ErroredActions: 1,
      TimeoutActions: 0,
      StoppedActions: 0,
      RunningActions: 0,
      WaitingActions: 0,
    });
    const ghost = run.Graph!.Nodes!.find((n) => n.Name === 'ghost')!.JobDetails!.JobRuns![0];
    expect(ghost.ErrorMessage).toMatch(/Job ghost no longer exists/);
    expect(run.CompletedOn!.getTime()).toBeGreaterThanOrEqual(run.StartedOn!.getTime());
    const { Workflow } = await call('GetWorkflow', { Name: 'logic' });
    expect(Workflow.LastRun).toMatchObject({ WorkflowRunId: run.WorkflowRunId, Status: 'COMPLETED' });
  });

  it('hands the run properties, the workflow ids and the action Arguments and Timeout to the jobs', async () => {
    const run = await logicRun;
    expect(run.WorkflowRunProperties).toEqual({ day: '2024-03-05', region: 'us' });
    expect(args('a')).toMatchObject({
      '--from': 'trigger',
      '--day': '2024-03-05',
      '--region': 'us',
      '--WORKFLOW_NAME': 'logic',
      '--WORKFLOW_RUN_ID': run.WorkflowRunId,
    });
    expect(args('d')).toMatchObject({ '--from': 'job', '--WORKFLOW_RUN_ID': run.WorkflowRunId });
    const a = run.Graph!.Nodes!.find((n) => n.Name === 'a')!.JobDetails!.JobRuns![0];
    expect(a.Timeout).toBe(7);
    // Each job run names the trigger that started it.
    expect(a.TriggerName).toBe('go');
    expect(
      (await call('GetJobRun', { JobName: 'e', RunId: run.Graph!.Nodes!.find((n) => n.Name === 'e')!.JobDetails!.JobRuns![0].Id })).JobRun
        .TriggerName,
    ).toBe('a-ok-b-failed');
    await call('PutWorkflowRunProperties', { Name: 'logic', RunId: run.WorkflowRunId, RunProperties: { region: 'ap', checked: 'yes' } });
    expect((await call('GetWorkflowRunProperties', { Name: 'logic', RunId: run.WorkflowRunId })).RunProperties).toEqual({
      day: '2024-03-05',
      region: 'ap',
      checked: 'yes',
    });
    await expectGlueError(call('GetWorkflowRunProperties', { Name: 'logic', RunId: 'wr_missing' }), 'EntityNotFoundException');
  });

  it('resumes a COMPLETED run under a new id: the named failed node and what follows it, the rest copied', async () => {
    const original = await logicRun;
    const id = (name: string) => original.Graph!.Nodes!.find((n) => n.Name === name)!.UniqueId!;
    await expectGlueError(
      call('ResumeWorkflowRun', { Name: 'logic', RunId: original.WorkflowRunId, NodeIds: [id('all-ok')] }),
      'InvalidInputException',
      /can't resume a workflow run from a trigger node/,
    );
    await expectGlueError(
      call('ResumeWorkflowRun', { Name: 'logic', RunId: original.WorkflowRunId, NodeIds: [id('c')] }),
      'InvalidInputException',
      /Job c did not run/,
    );
    writeFileSync(join(p.dir, 'jobs/fail.mjs'), 'export default async () => {};'); // b is fixed
    const resumed = await call('ResumeWorkflowRun', { Name: 'logic', RunId: original.WorkflowRunId, NodeIds: [id('e'), id('b')] });
    expect(resumed.NodeIds).toEqual([id('b')]); // e follows b, so it is not restarted by name
    expect(resumed.RunId).not.toBe(original.WorkflowRunId);
    await expectGlueError(
      call('ResumeWorkflowRun', { Name: 'logic', RunId: resumed.RunId, NodeIds: [id('b')] }),
      'IllegalWorkflowStateException',
      /only a COMPLETED run can be resumed/,
    );
    const run = await waitForWorkflowRun(p.sluice, 'logic', resumed.RunId);
    expect(run).toMatchObject({ Status: 'COMPLETED', PreviousRunId: original.WorkflowRunId });
    expect(nodeStates(run)).toEqual({ a: ['SUCCEEDED'], b: ['SUCCEEDED'], ghost: ['ERROR'], c: ['SUCCEEDED'], d: [], e: [] });
    const runOf = (r: WorkflowRun, name: string) => r.Graph!.Nodes!.find((n) => n.Name === name)!.JobDetails!.JobRuns![0].Id;
    expect(runOf(run, 'a')).toBe(runOf(original, 'a')); // copied, not run again
    expect(runOf(run, 'b')).not.toBe(runOf(original, 'b'));
    expect((await call('GetJobRuns', { JobName: 'a' })).JobRuns).toHaveLength(1);
  });
});

describe('stopping and concurrency', () => {
  it('refuses a second run past MaxConcurrentRuns, stops a run (nothing after it starts), and frees the slot', async () => {
    const first = (await call('StartWorkflowRun', { Name: 'slow' })).RunId;
    await expectGlueError(
      call('StartWorkflowRun', { Name: 'slow' }),
      'ConcurrentRunsExceededException',
      'Concurrent runs exceeded for workflow: slow.',
    );
    await expectGlueError(call('StartTrigger', { Name: 'slow-go' }), 'ConcurrentRunsExceededException');
    await waitForWorkflowRun(p.sluice, 'slow', first, ['RUNNING']);
    for (let deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      const { JobRuns } = await call('GetJobRuns', { JobName: 'nap' });
      if (JobRuns[0]?.JobRunState === 'RUNNING') break;
    }
    await call('StopWorkflowRun', { Name: 'slow', RunId: first });
    expect((await call('GetWorkflowRun', { Name: 'slow', RunId: first })).Run.Status).toMatch(/STOPPING|STOPPED/);
    const stopped = await waitForWorkflowRun(p.sluice, 'slow', first);
    expect(stopped.Status).toBe('STOPPED');
    expect(nodeStates(stopped)).toEqual({ nap: ['STOPPED'], c: [] });
    expect(stopped.Statistics).toMatchObject({ TotalActions: 1, StoppedActions: 1 });
    await expectGlueError(
      call('StopWorkflowRun', { Name: 'slow', RunId: first }),
      'IllegalWorkflowStateException',
      /only a RUNNING run can be stopped/,
    );
    const second = (await call('StartWorkflowRun', { Name: 'slow' })).RunId;
    await call('StopWorkflowRun', { Name: 'slow', RunId: second });
    expect((await waitForWorkflowRun(p.sluice, 'slow', second)).Status).toBe('STOPPED');
    const { Runs } = await call('GetWorkflowRuns', { Name: 'slow' });
    expect(Runs.map((r: WorkflowRun) => r.WorkflowRunId)).toEqual([second, first]);
  });
});

describe('a job at its own MaxConcurrentRuns', () => {
  it('is a FAILED node with the reason, and the run is COMPLETED, as Glue records it', async () => {
    const { JobRunId } = await call('StartJobRun', { JobName: 'busy' });
    const { RunId } = await call('StartWorkflowRun', { Name: 'busy-flow' });
    const run = await waitForWorkflowRun(p.sluice, 'busy-flow', RunId);
    expect(run.Status).toBe('COMPLETED');
    expect(nodeStates(run)).toEqual({ busy: ['FAILED'] });
    expect(run.Graph!.Nodes!.find((n) => n.Name === 'busy')!.JobDetails!.JobRuns![0].ErrorMessage).toMatch(
      /Concurrent runs exceeded for busy/,
    );
    expect(run.Statistics).toMatchObject({ TotalActions: 1, FailedActions: 1 });
    await call('BatchStopJobRun', { JobName: 'busy', JobRunIds: [JobRunId] });
  });
});

describe('triggers outside workflows', () => {
  it('cascade from a run a trigger started, and not from a run started by hand', async () => {
    await call('StartTrigger', { Name: 'go-x' });
    const yRuns = async () => (await call('GetJobRuns', { JobName: 'y' })).JobRuns;
    for (let deadline = Date.now() + 60_000; !(await yRuns()).some((r: { JobRunState: string }) => r.JobRunState === 'SUCCEEDED');) {
      if (Date.now() > deadline) throw new Error('y never ran');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(args('y')['--WORKFLOW_RUN_ID']).toBeUndefined();
    const { JobRunId } = await call('StartJobRun', { JobName: 'x' });
    for (let s = ''; s !== 'SUCCEEDED'; await new Promise((r) => setTimeout(r, 200)))
      s = (await call('GetJobRun', { JobName: 'x', RunId: JobRunId })).JobRun.JobRunState;
    await new Promise((r) => setTimeout(r, 1500));
    expect(await yRuns()).toHaveLength(1);
  });
});
