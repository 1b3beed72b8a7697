// Bookmarks through real job runs: enable, disable, pause (with from/to), commit() required, failed
// runs, rewind, reset, explicit set, bookmark keys, and a bookmark moved under a running job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { expectGlueError } from '../../../test/helpers/expect-error.js';
import { createJob, runInProcess, writeScript } from '../job-test-helpers.js';

let p: TestProject;
const call = (op: string, input: unknown) => p.sluice.call(op, input);
const landed: string[] = [];
const land = (name: string, rows: string) => {
  writeScript(p.dir, `inbox/${name}.csv`, `id,v\n${rows}\n`);
  landed.push(name);
};

/** Files the run read, from the file names in _source_file. */
async function readBy(job: string, args: Record<string, string> = {}): Promise<string[]> {
  const run = await runInProcess(p.sluice, job, args);
  if (run.JobRunState !== 'SUCCEEDED') throw new Error(`${job}: ${run.ErrorMessage}`);
  const out = join(p.dir, `${job}-read.json`);
  return existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as string[]) : [];
}

const reader = (job: string, opts: { commit?: boolean; fail?: boolean } = {}) => `import { writeFileSync } from 'node:fs';
export default async (glue: any) => {
  const src = await glue.fromPath({ paths: 'inbox', format: 'csv', transformationCtx: 'inbox', sourceFileColumn: 'f' });
  const files = [...new Set((await src.toRows()).map((r: any) => r.f.replace(/^.*\\//, '').replace('.csv', '')))].sort();
  writeFileSync(${JSON.stringify(join('JOBDIR', `${job}-read.json`))}.replace('JOBDIR', process.cwd()), JSON.stringify(files));
  await glue.write(src, { path: 'lake/processed/${job}', mode: 'append' });
  ${opts.fail ? "if (glue.args['--fail']) throw new Error('failed on purpose');" : ''}
  ${opts.commit === false ? '' : 'await glue.commit();'}
};`;

beforeAll(async () => {
  p = await openTestProject('sqlite');
  process.chdir(p.dir);
  land('a', '1,x');
  land('b', '2,y');
  for (const [job, opts] of [
    ['inc', { fail: true }],
    ['nocommit', { commit: false }],
  ] as const) {
    writeScript(p.dir, `jobs/${job}.ts`, reader(job, opts));
    await createJob(p.sluice, job, `jobs/${job}.ts`, { DefaultArguments: { '--job-bookmark-option': 'job-bookmark-enable' } });
  }
});
afterAll(async () => {
  await p?.cleanup();
});

describe('file bookmarks', () => {
  it('reads everything first, then nothing new, then only a new file', async () => {
    expect(await readBy('inc')).toEqual(['a', 'b']);
    expect(await readBy('inc')).toEqual([]);
    land('c', '3,z');
    expect(await readBy('inc')).toEqual(['c']);
    const { JobBookmarkEntry } = await call('GetJobBookmark', { JobName: 'inc' });
    expect(JobBookmarkEntry).toMatchObject({ JobName: 'inc', Version: 3, Run: 3, Attempt: 0 });
    expect(JSON.parse(JobBookmarkEntry.JobBookmark).inbox.jsonClass).toBe('HadoopDataSourceJobBookmarkState');
  });

  it('does not advance when the run fails, so the next run reads the same files', async () => {
    land('d', '4,w');
    const failed = await runInProcess(p.sluice, 'inc', { '--fail': 'yes' });
    expect(failed.JobRunState).toBe('FAILED');
    expect((await call('GetJobBookmark', { JobName: 'inc' })).JobBookmarkEntry.Version).toBe(3);
    expect(await readBy('inc')).toEqual(['d']);
  });

  it('re-reads a file rewritten in place, and one that landed late inside the re-check window', async () => {
    writeScript(p.dir, 'inbox/c.csv', 'id,v\n3,z\n33,zz\n');
    land('late', '5,q');
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    utimesSync(join(p.dir, 'inbox/late.csv'), fiveMinutesAgo, fiveMinutesAgo);
    land('old', '6,o');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(p.dir, 'inbox/old.csv'), hourAgo, hourAgo);
    expect(await readBy('inc')).toEqual(['c', 'late']);
  });

  it('pause reads what is new without moving the bookmark; disable reads everything', async () => {
    land('e', '7,e');
    const version = (await call('GetJobBookmark', { JobName: 'inc' })).JobBookmarkEntry.Version;
    expect(await readBy('inc', { '--job-bookmark-option': 'job-bookmark-pause' })).toEqual(['e']);
    expect(await readBy('inc', { '--job-bookmark-option': 'job-bookmark-pause' })).toEqual(['e']);
    expect((await call('GetJobBookmark', { JobName: 'inc' })).JobBookmarkEntry.Version).toBe(version);
    expect(await readBy('inc', { '--job-bookmark-option': 'job-bookmark-disable' })).toEqual(['a', 'b', 'c', 'd', 'e', 'late', 'old']);
    expect((await call('GetJobBookmark', { JobName: 'inc' })).JobBookmarkEntry.Version).toBe(version);
  });

  it('pause with --job-bookmark-from/--job-bookmark-to reads what lay between those runs', async () => {
    const history = (await call('GetJobBookmarkHistory', { JobName: 'inc' })).JobBookmarkEntries;
    const byRun = new Map(history.map((h: { Run: number; RunId: string }) => [h.Run, h.RunId]));
    // Run 3 read c, run 4 read d (after the failed run); c has been rewritten since, so only d is left.
    const read = await readBy('inc', {
      '--job-bookmark-option': 'job-bookmark-pause',
      '--job-bookmark-from': byRun.get(2) as string,
      '--job-bookmark-to': byRun.get(4) as string,
    });
    expect(read).toEqual(['d']);
    const version = (await call('GetJobBookmark', { JobName: 'inc' })).JobBookmarkEntry.Version;
    expect(
      await readBy('inc', {
        '--job-bookmark-option': 'job-bookmark-pause',
        '--job-bookmark-from': byRun.get(1) as string,
        '--job-bookmark-to': byRun.get(2) as string,
      }),
    ).toEqual([]);
    expect((await call('GetJobBookmark', { JobName: 'inc' })).JobBookmarkEntry.Version).toBe(version);
    const bad = await runInProcess(p.sluice, 'inc', {
      '--job-bookmark-from': byRun.get(1) as string,
      '--job-bookmark-to': byRun.get(3) as string,
    });
    expect(bad.ErrorMessage).toMatch(/only apply with job-bookmark-pause/);
  });

  it('rewinds to an earlier run, resets, and takes an explicit state', async () => {
    const history = (await call('GetJobBookmarkHistory', { JobName: 'inc' })).JobBookmarkEntries;
    const second = history.find((h: { Run: number }) => h.Run === 2);
    const rewound = (await call('ResetJobBookmark', { JobName: 'inc', RunId: second.RunId })).JobBookmarkEntry;
    expect(rewound).toMatchObject({ Run: 2, RunId: second.RunId, JobBookmark: second.JobBookmark });
    expect(await readBy('inc')).toEqual(['c', 'd', 'e', 'late']);
    await call('ResetJobBookmark', { JobName: 'inc' });
    expect(await readBy('inc')).toEqual(['a', 'b', 'c', 'd', 'e', 'late', 'old']);
    await call('SetJobBookmark', { JobName: 'inc', JobBookmark: second.JobBookmark });
    expect(await readBy('inc')).toEqual(['c', 'd', 'e', 'late']);
    await expectGlueError(call('ResetJobBookmark', { JobName: 'inc', RunId: 'jr_nope' }), 'EntityNotFoundException');
    await expectGlueError(call('SetJobBookmark', { JobName: 'inc', JobBookmark: '[1]' }), 'InvalidInputException', /JSON object/);
    await expectGlueError(call('GetJobBookmark', { JobName: 'ghost' }), 'EntityNotFoundException');
  });

  it('never advances without commit(), as Glue', async () => {
    expect(await readBy('nocommit')).toEqual(['a', 'b', 'c', 'd', 'e', 'late', 'old']);
    expect(await readBy('nocommit')).toEqual(['a', 'b', 'c', 'd', 'e', 'late', 'old']);
    await expectGlueError(call('GetJobBookmark', { JobName: 'nocommit' }), 'EntityNotFoundException');
  });

  it('fails a run whose bookmark was moved while it ran, and keeps the other change', async () => {
    land('f', '8,f');
    writeScript(
      p.dir,
      'jobs/slow.ts',
      `import { existsSync, writeFileSync } from 'node:fs';
export default async (glue: any) => {
  await glue.fromPath({ paths: 'inbox', format: 'csv', transformationCtx: 'inbox' });
  writeFileSync('slow.ready', '');
  while (!existsSync('slow.go')) await new Promise((r) => setTimeout(r, 20));
  await glue.commit();
};`,
    );
    await createJob(p.sluice, 'slow', 'jobs/slow.ts', { DefaultArguments: { '--job-bookmark-option': 'job-bookmark-enable' } });
    const running = runInProcess(p.sluice, 'slow');
    while (!existsSync(join(p.dir, 'slow.ready'))) await new Promise((r) => setTimeout(r, 20));
    await call('SetJobBookmark', { JobName: 'slow', JobBookmark: '{}' });
    writeFileSync(join(p.dir, 'slow.go'), '');
    const run = await running;
    expect(run.JobRunState).toBe('FAILED');
    expect(run.ErrorMessage).toMatch(/GLUE_JOB_BOOKMARK_VERSION_MISMATCH_ERROR/);
    expect((await call('GetJobBookmark', { JobName: 'slow' })).JobBookmarkEntry).toMatchObject({ Version: 1, JobBookmark: '{}' });
  });
});

describe('bookmark keys', () => {
  it('reads only rows past the last key committed', async () => {
    writeScript(
      p.dir,
      'jobs/seed.ts',
      `export default async (glue: any) => {
  await glue.write(await glue.fromPath({ paths: 'data/' + glue.args['--input'], format: 'csv' }), { database: 'src', table: 'events', path: 'lake/raw/events', mode: 'append' });
};`,
    );
    writeScript(
      p.dir,
      'jobs/keyed.ts',
      `import { writeFileSync } from 'node:fs';
export default async (glue: any) => {
  const src = await glue.fromCatalog({ database: 'src', table: 'events', transformationCtx: 'events', bookmarkKeys: ['seq'] });
  writeFileSync('keyed-read.json', JSON.stringify((await src.toRows()).map((r: any) => r.seq).sort((a: number, b: number) => a - b)));
  await glue.commit();
};`,
    );
    await createJob(p.sluice, 'seed', 'jobs/seed.ts');
    await createJob(p.sluice, 'keyed', 'jobs/keyed.ts', { DefaultArguments: { '--job-bookmark-option': 'job-bookmark-enable' } });
    writeScript(p.dir, 'data/e1.csv', 'seq,what\n1,a\n2,b\n');
    writeScript(p.dir, 'data/e2.csv', 'seq,what\n3,c\n');
    await runInProcess(p.sluice, 'seed', { '--input': 'e1.csv' });
    expect(await readBy('keyed')).toEqual([1, 2]);
    expect(await readBy('keyed')).toEqual([]);
    await runInProcess(p.sluice, 'seed', { '--input': 'e2.csv' });
    expect(await readBy('keyed')).toEqual([3]);
    expect(JSON.parse((await call('GetJobBookmark', { JobName: 'keyed' })).JobBookmarkEntry.JobBookmark).events).toEqual({
      jsonClass: 'KeyBookmarkState',
      keys: ['seq'],
      sortOrder: 'asc',
      last: [3],
    });
  });
});
