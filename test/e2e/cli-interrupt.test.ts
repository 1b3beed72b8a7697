// Ctrl-C while `sluice job run` or `sluice workflow run` follows a run: the same in both. The first
// stops the run and says so, the command follows it until it stopped and exits 130; a second leaves
// the run going and says how to follow it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, runCli } from '../helpers/cli.js';
import { openSluice, type Sluice } from '../../src/config/compose.js';
import { createJob, waitForRun, writeScript } from '../../src/jobs/job-test-helpers.js';

let dir: string;
let sluice: Sluice;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-interrupt-'));
  expect(runCli(dir, ['init']).status).toBe(0);
  sluice = await openSluice({ cwd: dir });
  // Runs until stopped.
  writeScript(dir, 'jobs/slow.mjs', 'export default async () => { await new Promise((r) => setTimeout(r, 600_000)); };');
  await createJob(sluice, 'slow', 'jobs/slow.mjs');
  await sluice.call('CreateWorkflow', { Name: 'slowflow' });
  await sluice.call('CreateTrigger', {
    Name: 'slowflow-start',
    WorkflowName: 'slowflow',
    Type: 'ON_DEMAND',
    Actions: [{ JobName: 'slow' }],
  });
});
afterAll(async () => {
  await sluice?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Interrupted {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command, presses Ctrl-C `presses` times once `ready` shows on stderr, and waits for its end. */
function interrupt(args: string[], ready: RegExp, presses: number): Promise<Interrupted> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, SLUICE_FROM_SOURCE: '1' } });
    let stdout = '';
    let stderr = '';
    let sent = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      // The first press once the run is under way; a second one as soon as the CLI has taken the first
      // (a fixed delay raced the stop, which can finish within it on a quiet machine).
      if (sent === 0 && ready.test(stderr)) {
        sent = 1;
        child.kill('SIGINT');
      } else if (sent === 1 && presses > 1 && /press Ctrl-C again/.test(stderr)) {
        sent = 2;
        child.kill('SIGINT');
      }
    });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('Ctrl-C', () => {
  it('during sluice job run stops the run, says so and exits 130', async () => {
    const r = await interrupt(['job', 'run', 'slow', '--interval', '50'], /RUNNING/, 1);
    expect(r.stderr).toMatch(/Ctrl-C: stopping job run jr_[0-9a-f]{64} \(press Ctrl-C again to leave it running\)/);
    expect(r.stderr).toMatch(/STOPPED/);
    expect(r.code).toBe(130);
    const { JobRun } = await sluice.call('GetJobRun', { JobName: 'slow', RunId: r.stdout.trim() });
    expect(JobRun.JobRunState).toBe('STOPPED');
  });

  it('during sluice workflow run does the same: the workflow run stops', async () => {
    const r = await interrupt(['workflow', 'run', 'slowflow'], /RUNNING +job slow/, 1);
    expect(r.stderr).toMatch(/Ctrl-C: stopping workflow run wr_[0-9a-f]{64}/);
    expect(r.code).toBe(130);
    const runId = r.stdout.split('\n')[0];
    const { Run } = await sluice.call('GetWorkflowRun', { Name: 'slowflow', RunId: runId });
    expect(Run.Status).toBe('STOPPED');
  });

  it('pressed twice leaves the run going and says how to follow it', async () => {
    const r = await interrupt(['job', 'run', 'slow', '--interval', '50'], /RUNNING/, 2);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/Left job run jr_[0-9a-f]{64} to end by itself\. Follow it with: sluice logs jr_[0-9a-f]{12} --follow/);
    // The first press asked for the stop; the run ends by itself.
    const run = await waitForRun(sluice, 'slow', r.stdout.trim());
    expect(run.JobRunState).toBe('STOPPED');
  });
});
