// Job runs as real detached processes: states, arguments, retries, timeout, concurrency, stop, and
// a run whose process dies. Durations are shortened through the environment (job-test-helpers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { expectGlueError } from '../../../test/helpers/expect-error.js';
import { createJob, runJob, useFastRunTimings, waitForRun, writeScript } from '../job-test-helpers.js';
import { pidAlive } from './run-ids.js';

let p: TestProject;
const call = (op: string, input: unknown) => p.sluice.call(op, input);
const pidOf = async (runId: string) =>
  (await p.sluice.services.store.db.selectFrom('runs').select('pid').where('id', '=', runId).executeTakeFirstOrThrow()).pid!;

beforeAll(async () => {
  useFastRunTimings(1500, 50);
  p = await openTestProject('sqlite');
  writeScript(
    p.dir,
    'jobs/args.ts',
    `import { writeFileSync } from 'node:fs';
export default async (glue: { args: Record<string, string> }) => { writeFileSync('args.json', JSON.stringify(glue.args)); };`,
  );
  writeScript(p.dir, 'jobs/fail.js', `export default async () => { throw new Error('the input is broken'); };`);
  writeScript(p.dir, 'jobs/sleep.mjs', `export default async () => { await new Promise((r) => setTimeout(r, 60000)); };`);
  writeScript(p.dir, 'jobs/spin.mjs', `export default () => { for (;;) {} };`);
});
afterAll(async () => {
  await p?.cleanup();
});

describe('job runs', () => {
  it('runs STARTING → RUNNING → SUCCEEDED with DefaultArguments, run Arguments and NonOverridableArguments merged', async () => {
    await createJob(p.sluice, 'args', 'jobs/args.ts', {
      DefaultArguments: { '--a': 'default', '--b': 'default' },
      NonOverridableArguments: { '--c': 'fixed' },
    });
    const { JobRunId } = await call('StartJobRun', { JobName: 'args', Arguments: { '--b': 'run', '--c': 'run' } });
    expect((await call('GetJobRun', { JobName: 'args', RunId: JobRunId })).JobRun.JobRunState).toMatch(/STARTING|RUNNING/);
    const run = await waitForRun(p.sluice, 'args', JobRunId);
    expect(run).toMatchObject({ JobRunState: 'SUCCEEDED', Attempt: 0, Arguments: { '--a': 'default', '--b': 'run', '--c': 'fixed' } });
    expect(run.CompletedOn!.getTime()).toBeGreaterThanOrEqual(run.StartedOn!.getTime());
    expect(typeof run.ExecutionTime).toBe('number');
    const seen = JSON.parse(readFileSync(join(p.dir, 'args.json'), 'utf8'));
    expect(seen).toMatchObject({ '--a': 'default', '--b': 'run', '--c': 'fixed', '--JOB_NAME': 'args', '--JOB_RUN_ID': JobRunId });
    const { JobRuns } = await call('GetJobRuns', { JobName: 'args' });
    expect(JobRuns.map((r: { Id: string }) => r.Id)).toEqual([JobRunId]);
    await expectGlueError(call('GetJobRun', { JobName: 'args', RunId: 'jr_missing' }), 'EntityNotFoundException');
    await expectGlueError(call('StartJobRun', { JobName: 'ghost' }), 'EntityNotFoundException', 'Job with name: ghost not found.');
  });

  it('ends a run of a script kind Sluice cannot execute FAILED at once, saying why and what to use instead', async () => {
    await call('CreateJob', {
      Name: 'spark',
      Role: 'r',
      Command: { Name: 'glueetl', ScriptLocation: 's3://b/etl.py' },
      WorkerType: 'G.1X',
    });
    const { JobRunId } = await call('StartJobRun', { JobName: 'spark', NumberOfWorkers: 4, SecurityConfiguration: 'sec' });
    const { JobRun } = await call('GetJobRun', { JobName: 'spark', RunId: JobRunId });
    expect(JobRun).toMatchObject({ JobRunState: 'FAILED', WorkerType: 'G.1X', NumberOfWorkers: 4, SecurityConfiguration: 'sec' });
    expect(JobRun.ErrorMessage).toMatch(/Spark \(glueetl\) job with script s3:\/\/b\/etl\.py, which Sluice cannot execute/);
    expect(JobRun.ErrorMessage).toMatch(/\.sql SELECT or a \.yaml pipeline/);
    await call('CreateJob', {
      Name: 'visual',
      Role: 'r',
      Command: { Name: 'glueetl' },
      CodeGenConfigurationNodes: { n: { DropFields: { Name: 'd', Inputs: ['x'], Paths: [['a']] } } },
    });
    const visual = await runJob(p.sluice, 'visual');
    expect(visual.ErrorMessage).toMatch(/visual job \(CodeGenConfigurationNodes\)/);
    await expectGlueError(
      call('StartJobRun', { JobName: 'spark', AllocatedCapacity: 2, MaxCapacity: 5 }),
      'InvalidInputException',
      'Please set only Allocated Capacity or Max Capacity',
    );
  });

  it('marks a failing script FAILED with its message and retries it with Attempt + 1 after a back-off', async () => {
    await createJob(p.sluice, 'flaky', 'jobs/fail.js', { MaxRetries: 2 });
    const first = await runJob(p.sluice, 'flaky');
    expect(first.JobRunState).toBe('FAILED');
    expect(first.ErrorMessage).toContain('the input is broken');
    let runs: { Id: string; Attempt: number; PreviousRunId?: string; JobRunState: string }[] = [];
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline) {
      runs = (await call('GetJobRuns', { JobName: 'flaky' })).JobRuns;
      if (runs.length === 3 && runs.every((r) => r.JobRunState === 'FAILED')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const byAttempt = [...runs].sort((a, b) => a.Attempt - b.Attempt);
    expect(byAttempt.map((r) => [r.Attempt, r.JobRunState])).toEqual([
      [0, 'FAILED'],
      [1, 'FAILED'],
      [2, 'FAILED'],
    ]);
    expect(byAttempt[1].PreviousRunId).toBe(byAttempt[0].Id);
    expect(byAttempt[2].PreviousRunId).toBe(byAttempt[1].Id);
  });

  it('kills a run that exceeds its Timeout, even one that blocks its event loop, and marks it TIMEOUT', async () => {
    await createJob(p.sluice, 'spin', 'jobs/spin.mjs', { Timeout: 1 });
    const { JobRunId } = await call('StartJobRun', { JobName: 'spin' });
    await waitForRun(p.sluice, 'spin', JobRunId, ['RUNNING']);
    const run = await waitForRun(p.sluice, 'spin', JobRunId);
    expect(run.JobRunState).toBe('TIMEOUT');
    expect(run.ErrorMessage).toMatch(/timed out after 1 minute/);
    const executor = (
      await p.sluice.services.store.db
        .selectFrom('job_run_details')
        .select('executor_pid')
        .where('run_id', '=', JobRunId)
        .executeTakeFirstOrThrow()
    ).executor_pid!;
    await new Promise((r) => setTimeout(r, 300));
    expect(pidAlive(executor)).toBe(false);
  });

  it('refuses a run beyond MaxConcurrentRuns, stops runs with BatchStopJobRun, and frees the slot', async () => {
    await createJob(p.sluice, 'sleepy', 'jobs/sleep.mjs', { Timeout: 10 });
    const { JobRunId } = await call('StartJobRun', { JobName: 'sleepy' });
    await expectGlueError(
      call('StartJobRun', { JobName: 'sleepy' }),
      'ConcurrentRunsExceededException',
      /Concurrent runs exceeded for sleepy/,
    );
    await waitForRun(p.sluice, 'sleepy', JobRunId, ['RUNNING']);
    const stop = await call('BatchStopJobRun', { JobName: 'sleepy', JobRunIds: [JobRunId, 'jr_missing'] });
    expect(stop.SuccessfulSubmissions).toEqual([{ JobName: 'sleepy', JobRunId }]);
    expect(stop.Errors[0]).toMatchObject({ JobRunId: 'jr_missing', ErrorDetail: { ErrorCode: 'EntityNotFoundException' } });
    expect((await waitForRun(p.sluice, 'sleepy', JobRunId)).JobRunState).toBe('STOPPED');
    const again = await call('BatchStopJobRun', { JobName: 'sleepy', JobRunIds: [JobRunId] });
    expect(again.Errors[0].ErrorDetail.ErrorMessage).toMatch(/already ended/);

    await call('UpdateJob', {
      JobName: 'sleepy',
      JobUpdate: { Command: { ScriptLocation: 'jobs/sleep.mjs' }, ExecutionProperty: { MaxConcurrentRuns: 2 }, Timeout: 10 },
    });
    const a = (await call('StartJobRun', { JobName: 'sleepy' })).JobRunId;
    const b = (await call('StartJobRun', { JobName: 'sleepy' })).JobRunId;
    await expectGlueError(call('StartJobRun', { JobName: 'sleepy' }), 'ConcurrentRunsExceededException');
    await call('BatchStopJobRun', { JobName: 'sleepy', JobRunIds: [a, b] });
    expect((await waitForRun(p.sluice, 'sleepy', a)).JobRunState).toBe('STOPPED');
    expect((await waitForRun(p.sluice, 'sleepy', b)).JobRunState).toBe('STOPPED');
  });

  it('detects a run whose process was killed and marks it FAILED with the reason', async () => {
    const { JobRunId } = await call('StartJobRun', { JobName: 'sleepy' });
    await waitForRun(p.sluice, 'sleepy', JobRunId, ['RUNNING']);
    process.kill(-(await pidOf(JobRunId)), 'SIGKILL');
    const run = await waitForRun(p.sluice, 'sleepy', JobRunId);
    expect(run.JobRunState).toBe('FAILED');
    expect(run.ErrorMessage).toMatch(/ended without recording a result/);
  });
});
