// `sluice runs` and short run ids, on real stores (SQLite and PostgreSQL): the list is newest first and
// filtered by kind, state and start time; a unique prefix names a run, an ambiguous one is an error
// listing the candidates, on every backend (ids hold '_', which LIKE would read as a wildcard).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../../test/helpers/backends.js';
import { BIN } from '../../test/helpers/cli.js';
import { requireRunId, resolveRunId } from './run-id.js';
import { sinceTime } from './runs-command.js';

const run = promisify(execFile);
const HOUR = 3_600_000;
const now = Date.now();
const RUNS = [
  { id: 'jr_abc1000000', kind: 'job', name: 'ingest', state: 'SUCCEEDED', started_on: now - 3 * HOUR },
  { id: 'jr_abc2000000', kind: 'job', name: 'ingest', state: 'FAILED', started_on: now - 2 * HOUR },
  { id: 'jrxabc3000000', kind: 'job', name: 'process', state: 'RUNNING', started_on: now - HOUR },
  { id: 'wr_def4000000', kind: 'workflow', name: 'daily', state: 'COMPLETED', started_on: now - 30 * 60_000 },
];

describe.each(BACKENDS)('short run ids and ListRuns on %s', (backend) => {
  let p: TestProject | undefined;
  beforeAll(async () => {
    if (backend === 'postgres' && !(await postgresAvailable())) return;
    p = await openTestProject(backend);
    await p.sluice.services.store.db
      .insertInto('runs')
      .values(RUNS.map((r) => ({ ...r, doc: '{}', pid: null, updated_on: r.started_on })))
      .execute();
  });
  afterAll(async () => p?.cleanup());

  it('resolves a unique prefix, refuses an ambiguous one with its candidates, and keeps an exact id', async (ctx) => {
    if (!p) return ctx.skip();
    const call = p.sluice.call;
    expect(await resolveRunId(call, 'jr_abc2')).toBe('jr_abc2000000');
    expect(await resolveRunId(call, 'wr_d')).toBe('wr_def4000000');
    // '_' is a character here, not a wildcard: jrxabc3… does not start with jr_a.
    await expect(resolveRunId(call, 'jr_abc')).rejects.toThrow(
      /The run id 'jr_abc' is ambiguous; it starts 2 runs:\n {2}jr_abc2000000 {2}job ingest FAILED\n {2}jr_abc1000000 {2}job ingest SUCCEEDED/,
    );
    expect(await resolveRunId(call, 'jr_abc1000000')).toBe('jr_abc1000000');
    await expect(resolveRunId(call, 'jr_')).rejects.toThrow(/at least 4 characters/);
    await expect(requireRunId(call, 'wr_zzz', ['workflow'])).rejects.toThrow(/No run of kind workflow has an id starting 'wr_zzz'/);
    await expect(requireRunId(call, 'jr_abc1', ['workflow'])).rejects.toThrow(/No run of kind workflow/);
  });
});

describe('sluice runs', () => {
  let p: TestProject;
  beforeAll(async () => {
    p = await openTestProject('sqlite');
    await p.sluice.services.store.db
      .insertInto('runs')
      .values(RUNS.map((r) => ({ ...r, doc: '{}', pid: null, updated_on: r.started_on })))
      .execute();
  });
  afterAll(async () => p?.cleanup());
  const sluice = (args: string[]) =>
    run(process.execPath, [BIN, ...args], { cwd: p.dir, env: { ...process.env, SLUICE_FROM_SOURCE: '1' } }).then((r) => r.stdout);

  it('lists runs newest first, filtered by kind, state and since', async () => {
    const all = (await sluice(['runs'])).trim().split('\n');
    expect(all[0]).toMatch(/^RUN ID +KIND +NAME +STATE +STARTED \(UTC\) +DURATION/);
    // Short ids: each is the start of the run's id.
    const shown = all.slice(1).map((l) => l.split(/\s+/)[0]);
    const newestFirst = ['wr_def4000000', 'jrxabc3000000', 'jr_abc2000000', 'jr_abc1000000'];
    expect(shown.map((s, i) => newestFirst[i].startsWith(s) && s.length >= 12)).toEqual([true, true, true, true]);
    const failedJobs = JSON.parse(await sluice(['runs', '--kind', 'job', '--state', 'failed', '--json']));
    expect(failedJobs.map((r: { RunId: string }) => r.RunId)).toEqual(['jr_abc2000000']);
    const recent = JSON.parse(await sluice(['runs', '--since', '90m', '--json']));
    expect(recent.map((r: { RunId: string }) => r.RunId)).toEqual(['wr_def4000000', 'jrxabc3000000']);
  });

  it('reads --since as a duration back from now or as a date', () => {
    expect(sinceTime('2h', Date.parse('2024-03-04T12:00:00Z'))).toBe('2024-03-04T10:00:00.000Z');
    expect(sinceTime('2024-03-04')).toBe('2024-03-04T00:00:00.000Z');
    expect(() => sinceTime('yesterday')).toThrow(/--since takes a duration/);
  });
});
