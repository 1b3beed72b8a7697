// Jobs as a user runs them: `sluice job run` in a real project, and a run killed with SIGKILL in
// the middle of its write, which must leave nothing visible and re-run cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { openSluice, type Sluice } from '../../src/config/compose.js';
import { createJob, waitForRun, waitForRunProcess, writeScript } from '../../src/jobs/job-test-helpers.js';

let dir: string;
let sluice: Sluice;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-job-e2e-'));
  expect(runCli(dir, ['init']).status).toBe(0);
  sluice = await openSluice({ cwd: dir });
  writeScript(dir, 'data/in.csv', 'id,kind\n1,a\n2,b\n3,a\n');
  writeScript(
    dir,
    'jobs/copy.yaml',
    'sources:\n  in: { path: data/in.csv, format: csv }\nsinks:\n  - { from: in, database: lake, table: copied, path: lake/processed/copied, partitionKeys: [kind] }\n',
  );
  writeScript(dir, 'jobs/broken.mjs', "export default async () => { throw new Error('no input today'); };");
  // Writes 8 million generated rows, after leaving a marker the test waits for before killing it.
  writeScript(
    dir,
    'jobs/big.mjs',
    `import { writeFileSync } from 'node:fs';
export default async (glue) => {
  const rows = await glue.sql('SELECT range AS id, range % 10 AS part, md5(range::VARCHAR) AS h FROM range(8000000)', {});
  writeFileSync('writing', '');
  await glue.write(rows, { database: 'lake', table: 'big', path: 'lake/processed/big', partitionKeys: ['part'], mode: 'overwrite' });
};`,
  );
  await createJob(sluice, 'copy', 'jobs/copy.yaml');
  await createJob(sluice, 'broken', 'jobs/broken.mjs');
  await createJob(sluice, 'big', 'jobs/big.mjs');
});
afterAll(async () => {
  await sluice?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sluice job run', () => {
  it('starts the run, shows its progress until it ends, and exits 0 when it succeeded', () => {
    const r = runCli(dir, ['job', 'run', 'copy', '--interval', '50']);
    expect(r.stderr).toMatch(/SUCCEEDED\s+\d+\.\ds {2}read 3 rows \/ 1 files .* wrote 3 rows \/ 2 files {2}quarantined 0/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^jr_[0-9a-f]{64}\n$/);
    const q = runCli(dir, ['query', '--json', 'SELECT kind, count(*) AS n FROM lake.copied GROUP BY kind ORDER BY kind']);
    expect(JSON.parse(q.stdout)).toEqual([
      { kind: 'a', n: 2 },
      { kind: 'b', n: 1 },
    ]);
  });

  it('exits 1 with the error when the run fails, and 254 for a job that does not exist', () => {
    const r = runCli(dir, ['job', 'run', 'broken', '--arg', 'day=2024-01-01']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/FAILED/);
    expect(r.stderr).toMatch(/no input today/);
    const missing = runCli(dir, ['job', 'run', 'ghost']);
    expect(missing.status).toBe(254);
    expect(missing.stderr).toMatch(/Job with name: ghost not found\./);
  });
});

describe('a run killed with SIGKILL mid-write', () => {
  it('leaves no visible output or catalog entry, and the next run writes everything once', async () => {
    const { JobRunId } = await sluice.call('StartJobRun', { JobName: 'big' });
    const deadline = Date.now() + 60_000;
    while (!existsSync(join(dir, 'writing'))) {
      if (Date.now() > deadline) throw new Error('the job never started writing');
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 400));
    const { pid } = await sluice.services.store.db.selectFrom('runs').select('pid').where('id', '=', JobRunId).executeTakeFirstOrThrow();
    process.kill(-pid!, 'SIGKILL');
    const killed = await waitForRun(sluice, 'big', JobRunId);
    expect(killed.JobRunState).toBe('FAILED');
    expect(killed.ErrorMessage).toMatch(/killed or crashed/);
    // It was killed while writing: its last progress says so.
    expect((await sluice.call('GetJobRunDetails', { JobName: 'big', RunId: JobRunId })).Progress.step).toBe('writing lake.big');
    expect(existsSync(join(dir, 'lake/processed/big'))).toBe(false);
    await expect(sluice.call('GetTable', { DatabaseName: 'lake', Name: 'big' })).rejects.toThrow(/not found/);

    const { JobRunId: again } = await sluice.call('StartJobRun', { JobName: 'big' });
    expect((await waitForRun(sluice, 'big', again, undefined, 120_000)).JobRunState).toBe('SUCCEEDED');
    await waitForRunProcess(sluice, again);
    expect(readdirSync(join(dir, 'lake/processed/big')).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `part=${i}`).sort());
    const q = runCli(dir, ['query', '--json', 'SELECT count(*) AS n, count(DISTINCT id) AS d FROM lake.big']);
    expect(JSON.parse(q.stdout)).toEqual([{ n: 8_000_000, d: 8_000_000 }]);
    // The killed run's scratch space was swept when the next run started.
    expect(existsSync(join(dir, '.sluice/tmp/jobs', JobRunId))).toBe(false);
  }, 180_000);
});
