// `sluice server` killed with SIGKILL in the middle of two workflow runs, then started again. In one
// run the job in flight outlives the server (job runs are detached processes): after the restart the
// run goes on from where it was. In the other, the job's own processes die too, as in a machine
// crash: the run is recorded FAILED with the reason and retried per the job's MaxRetries. Neither
// run loses a step or runs one twice, and nothing moves while no server runs.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/config/project.js';
import { openSluice, type Sluice } from '../../src/config/compose.js';
import { callRemote } from '../../src/api/http/client.js';
import { startServerProcess, type ServerProcess } from '../../src/monitoring/test-support/server-process.js';
import type { JobRun, WorkflowRun } from '../../src/kernel/glue-types.js';

let dir: string;
let local: Sluice;
let server: ServerProcess | undefined;
let url = '';
const ENV = { SLUICE_JOB_RETRY_DELAY_MS: '50', SLUICE_JOB_MINUTE_MS: '60000' };
const remote = (op: string, input: unknown) => callRemote(op, input, { endpoint: url, region: 'us-east-1' }) as Promise<any>;
/** Job runs, read in this process: GetJobRuns never drives a workflow run, so it shows what moved without a server. */
const jobRuns = async (job: string): Promise<JobRun[]> => [...(await local.call('GetJobRuns', { JobName: job })).JobRuns].reverse();

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 90_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 150))) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

async function startServer(): Promise<void> {
  server = await startServerProcess(dir, ENV);
  url = server.url;
}

function killServer(): void {
  server!.kill();
  server = undefined;
}

const script = (rel: string, text: string) => {
  mkdirSync(join(dir, 'jobs'), { recursive: true });
  writeFileSync(join(dir, rel), text);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-wf-server-'));
  initProject(dir);
  script('jobs/ok.mjs', 'export default async () => {};');
  script('jobs/nap.mjs', 'export default async () => { await new Promise((r) => setTimeout(r, 4000)); };');
  local = await openSluice({ cwd: dir });
  const job = (Name: string, file: string, extra = {}) =>
    local.call('CreateJob', { Name, Role: 'r', Command: { Name: 'glueetl', ScriptLocation: `jobs/${file}.mjs` }, ...extra });
  for (const [n, f] of [
    ['s1', 'ok'],
    ['s2', 'nap'],
    ['s3', 'ok'],
    ['k2', 'ok'],
  ])
    await job(n, f);
  await job('k1', 'nap', { MaxRetries: 1 });
  const chain = async (workflow: string, jobs: string[]) => {
    await local.call('CreateWorkflow', { Name: workflow });
    await local.call('CreateTrigger', {
      Name: `${workflow}-start`,
      WorkflowName: workflow,
      Type: 'ON_DEMAND',
      Actions: [{ JobName: jobs[0] }],
    });
    for (let i = 1; i < jobs.length; i++) {
      await local.call('CreateTrigger', {
        Name: `${workflow}-${i}`,
        WorkflowName: workflow,
        Type: 'CONDITIONAL',
        StartOnCreation: true,
        Predicate: { Conditions: [{ LogicalOperator: 'EQUALS', JobName: jobs[i - 1], State: 'SUCCEEDED' }] },
        Actions: [{ JobName: jobs[i] }],
      });
    }
  };
  await chain('survives', ['s1', 's2', 's3']);
  await chain('crashes', ['k1', 'k2']);
});

afterAll(async () => {
  await server?.stop();
  await local?.close();
  // Job processes may still be writing their last log lines.
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

describe('sluice server killed with SIGKILL mid-run', () => {
  it('drives both runs to the end after a restart, with no step lost or run twice', async () => {
    await startServer();
    const survives = (await remote('StartWorkflowRun', { Name: 'survives' })).RunId;
    const crashes = (await remote('StartWorkflowRun', { Name: 'crashes' })).RunId;
    const running = async (job: string) => (await jobRuns(job)).find((r) => r.JobRunState === 'RUNNING');
    await until('s2 to run', () => running('s2'));
    const k1 = await until('k1 to run', () => running('k1'));
    killServer();
    // A machine crash: k1's supervisor and executor die with the server.
    const { pid } = await local.services.store.db.selectFrom('runs').select('pid').where('id', '=', k1.Id!).executeTakeFirstOrThrow();
    process.kill(-pid!, 'SIGKILL');

    // s2 outlives the server and ends; without a server, nothing starts s3.
    await until('s2 to succeed', async () => (await jobRuns('s2'))[0]?.JobRunState === 'SUCCEEDED');
    await new Promise((r) => setTimeout(r, 2000));
    expect(await jobRuns('s3')).toEqual([]);

    await startServer();
    const done = async (name: string, id: string) => {
      const { Run } = await remote('GetWorkflowRun', { Name: name, RunId: id });
      return Run.Status !== 'RUNNING' && (Run as WorkflowRun);
    };
    const [a, b] = [
      await until('survives to end', () => done('survives', survives)),
      await until('crashes to end', () => done('crashes', crashes)),
    ];
    expect([a.Status, a.Statistics]).toEqual(['COMPLETED', expect.objectContaining({ TotalActions: 3, SucceededActions: 3 })]);
    for (const job of ['s1', 's2', 's3']) expect((await jobRuns(job)).map((r) => r.JobRunState)).toEqual(['SUCCEEDED']);

    expect([b.Status, b.Statistics]).toEqual(['COMPLETED', expect.objectContaining({ TotalActions: 2, SucceededActions: 2 })]);
    const k1Runs = await jobRuns('k1');
    expect(k1Runs.map((r) => [r.Attempt, r.JobRunState])).toEqual([
      [0, 'FAILED'],
      [1, 'SUCCEEDED'],
    ]);
    expect(k1Runs[0].ErrorMessage).toMatch(/ended without recording a result: it was killed or crashed/);
    expect(k1Runs[1].PreviousRunId).toBe(k1Runs[0].Id);
    expect((await jobRuns('k2')).map((r) => r.JobRunState)).toEqual(['SUCCEEDED']);
    // The retry is claimed once, whoever would have started it.
    const claims = await local.services.store.db.selectFrom('job_retry_claims').selectAll().execute();
    expect(claims.map((c) => [c.run_id, c.outcome])).toEqual([[k1Runs[0].Id, `started ${k1Runs[1].Id}`]]);
  }, 240_000);
});
