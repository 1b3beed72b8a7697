// `sluice workflow resume NAME RUN_ID`: a run whose step failed says how to resume it; once the cause
// is fixed, resuming with the run's short id runs the failed step and what follows it as a new run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { openSluice, type Sluice } from '../../src/config/compose.js';
import { createJob, writeScript } from '../../src/jobs/job-test-helpers.js';

let dir: string;
let sluice: Sluice;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-resume-'));
  expect(runCli(dir, ['init']).status).toBe(0);
  sluice = await openSluice({ cwd: dir });
  writeScript(
    dir,
    'jobs/flaky.mjs',
    "import { existsSync } from 'node:fs';\nexport default async () => { if (!existsSync('fixed')) throw new Error('the input is not there yet'); };",
  );
  writeScript(dir, 'jobs/after.mjs', 'export default async () => {};');
  await createJob(sluice, 'flaky', 'jobs/flaky.mjs');
  await createJob(sluice, 'after', 'jobs/after.mjs');
  await sluice.call('CreateWorkflow', { Name: 'flow' });
  await sluice.call('CreateTrigger', { Name: 'flow-start', WorkflowName: 'flow', Type: 'ON_DEMAND', Actions: [{ JobName: 'flaky' }] });
  await sluice.call('CreateTrigger', {
    Name: 'flow-after',
    WorkflowName: 'flow',
    Type: 'CONDITIONAL',
    StartOnCreation: true,
    Predicate: { Conditions: [{ LogicalOperator: 'EQUALS', JobName: 'flaky', State: 'SUCCEEDED' }] },
    Actions: [{ JobName: 'after' }],
  });
});
afterAll(async () => {
  await sluice?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sluice workflow resume', () => {
  it('resumes a run from its failed step, by a short run id, as a new run', () => {
    const first = runCli(dir, ['workflow', 'run', 'flow']);
    expect(first.status).toBe(1);
    const hint = /sluice workflow resume flow (wr_[0-9a-f]{12})/.exec(first.stdout);
    expect(hint, first.stdout).not.toBeNull();
    writeFileSync(join(dir, 'fixed'), '');
    const resumed = runCli(dir, ['workflow', 'resume', 'flow', hint![1]]);
    expect(resumed.stderr).toMatch(/Resuming wr_[0-9a-f]{12} from flaky as a new run/);
    expect(resumed.stderr).toMatch(/SUCCEEDED +job after/);
    expect(resumed.status).toBe(0);
    const newRun = resumed.stdout.split('\n')[0];
    expect(newRun).toMatch(/^wr_[0-9a-f]{64}$/);
    expect(newRun.startsWith(hint![1])).toBe(false);
  }, 180_000);

  it('refuses a run with no failed step, and a prefix that names no workflow run', () => {
    const ok = runCli(dir, ['workflow', 'run', 'flow']);
    expect(ok.status).toBe(0);
    const runId = ok.stdout.split('\n')[0];
    const again = runCli(dir, ['workflow', 'resume', 'flow', runId.slice(0, 10)]);
    expect(again.status).toBe(252);
    expect(again.stderr).toMatch(/No step of workflow run wr_[0-9a-f]{64} failed; name the steps to run again with --step/);
    const none = runCli(dir, ['workflow', 'resume', 'flow', 'wr_ffffffffffff0']);
    expect(none.stderr).toMatch(/No run of kind workflow has an id starting 'wr_ffffffffffff0'/);
  }, 180_000);
});
