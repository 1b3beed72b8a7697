// Job runs handed to an executor started ahead of them (runs/warm-launcher.ts), as `sluice server` does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { openSluice, type Sluice } from '../../config/compose.js';
import type { WarmLauncher } from '../../runs/warm-launcher.js';
import { createJob, waitForRun, waitForRunProcess, writeScript } from '../job-test-helpers.js';
import { pidAlive } from '../runs/run-ids.js';

let p: TestProject;
let server: Sluice;
let warm: WarmLauncher;
const executorOf = async (runId: string) =>
  (
    await server.services.store.db
      .selectFrom('job_run_details')
      .select('executor_pid')
      .where('run_id', '=', runId)
      .executeTakeFirstOrThrow()
  ).executor_pid;

beforeAll(async () => {
  p = await openTestProject('sqlite');
  writeScript(
    p.dir,
    'jobs/echo.mjs',
    `import { writeFileSync } from 'node:fs';
export default async (glue) => { writeFileSync(glue.args['--out'], JSON.stringify(glue.args)); };`,
  );
  await createJob(p.sluice, 'echo', 'jobs/echo.mjs', { DefaultArguments: { '--out': join(p.dir, 'echo.json') } });
  server = await openSluice({ cwd: p.dir, warmJobs: true });
  warm = server.services.launcher as WarmLauncher;
});
afterAll(async () => {
  await server?.close();
  await p?.cleanup();
});

describe('a job executor started ahead of its run', () => {
  it('runs the next job run, with its arguments, and a new one is started for the run after', async () => {
    await warm.whenReady();
    const first = warm.readyPid()!;
    expect(pidAlive(first)).toBe(true);
    const { JobRunId } = await server.call('StartJobRun', { JobName: 'echo', Arguments: { '--x': '1' } });
    const run = await waitForRun(server, 'echo', JobRunId);
    expect(run).toMatchObject({ JobRunState: 'SUCCEEDED' });
    expect(await executorOf(JobRunId)).toBe(first);
    expect(JSON.parse(readFileSync(join(p.dir, 'echo.json'), 'utf8'))).toMatchObject({ '--x': '1', '--JOB_RUN_ID': JobRunId });
    await waitForRunProcess(server, JobRunId);

    await warm.whenReady();
    const second = warm.readyPid()!;
    expect(second).not.toBe(first);
    const again = await server.call('StartJobRun', { JobName: 'echo' });
    expect(await waitForRun(server, 'echo', again.JobRunId)).toMatchObject({ JobRunState: 'SUCCEEDED' });
    expect(await executorOf(again.JobRunId)).toBe(second);
    await waitForRunProcess(server, again.JobRunId);
  });

  it('starts a run as usual when the waiting executor has died, and starts another', async () => {
    await warm.whenReady();
    const dead = warm.readyPid()!;
    process.kill(dead, 'SIGKILL');
    const deadline = Date.now() + 5000;
    while (warm.readyPid() !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(warm.readyPid()).toBeUndefined();
    const { JobRunId } = await server.call('StartJobRun', { JobName: 'echo' });
    expect(await waitForRun(server, 'echo', JobRunId)).toMatchObject({ JobRunState: 'SUCCEEDED' });
    expect(await executorOf(JobRunId)).not.toBe(dead);
    await waitForRunProcess(server, JobRunId);
    await warm.whenReady();
    expect(pidAlive(warm.readyPid()!)).toBe(true);
  });

  it('ends the waiting executor when closed', async () => {
    const s = await openSluice({ cwd: p.dir, warmJobs: true });
    const w = s.services.launcher as WarmLauncher;
    await w.whenReady();
    const pid = w.readyPid()!;
    await s.close();
    const deadline = Date.now() + 5000;
    while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(pidAlive(pid)).toBe(false);
  });
});
