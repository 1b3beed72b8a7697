// What a run costs: rows read known from the write of a source's projection (no second scan, so
// even --count-input-rows false reports them), and the DuckDB memory limit a job's engine gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { openSluice } from '../../config/compose.js';
import { createJob, runInProcess, writeScript } from '../job-test-helpers.js';
import { jobMemoryLimit } from './run-session.js';

let p: TestProject;
const metrics = async (job: string, runId: string) => (await p.sluice.call('GetJobRunDetails', { JobName: job, RunId: runId })).Metrics;

/** Writes the engine's memory_limit into a file named by --out. */
const MEMORY_SCRIPT = `import { writeFileSync } from 'node:fs';
export default async (glue) => {
  const [row] = await (await glue.sql("SELECT current_setting('memory_limit') AS m", {})).toRows();
  writeFileSync(glue.args['--out'], row.m);
};`;

beforeAll(async () => {
  p = await openTestProject('sqlite');
  writeScript(p.dir, 'data/orders.csv', 'id,status\n1,paid\n2,open\n3,paid\n4,void\n');
  // Projections only: the rows written are the rows read.
  writeScript(
    p.dir,
    'jobs/copy.ts',
    `export default async (glue: any) => {
  const src = await glue.fromPath({ paths: 'data/orders.csv', format: 'csv', sourceFileColumn: '_source_file' });
  const out = await (await (await src.withMetadataColumns()).renameField('status', 'state')).withColumn('id2', 'id * 2');
  await glue.write(await out.dropFields(['_source_file']), { path: 'lake/processed/copy', partitionKeys: ['state'] });
};`,
  );
  // A filter: the rows written are not the rows read, so counting them takes a scan.
  writeScript(
    p.dir,
    'jobs/paid.ts',
    `export default async (glue: any) => {
  const src = await glue.fromPath({ paths: 'data/orders.csv', format: 'csv' });
  await glue.write(await src.filter("status = 'paid'"), { path: 'lake/processed/paid' });
};`,
  );
  // unnest() in withColumn makes rows: two per order.
  writeScript(
    p.dir,
    'jobs/explode.ts',
    `export default async (glue: any) => {
  const src = await glue.fromPath({ paths: 'data/orders.csv', format: 'csv' });
  await glue.write(await src.withColumn('copy', 'unnest([1, 2])'), { path: 'lake/processed/explode' });
};`,
  );
  writeScript(p.dir, 'jobs/memory.mjs', MEMORY_SCRIPT);
  await createJob(p.sluice, 'copy', 'jobs/copy.ts');
  await createJob(p.sluice, 'paid', 'jobs/paid.ts');
  await createJob(p.sluice, 'explode', 'jobs/explode.ts');
  await createJob(p.sluice, 'memory', 'jobs/memory.mjs', { DefaultArguments: { '--out': join(p.dir, 'memory.txt') } });
});
afterAll(async () => {
  await p?.cleanup();
});

describe('rows read', () => {
  it('are the rows written when the output is a projection of one source, even with --count-input-rows false', async () => {
    for (const count of ['true', 'false']) {
      const run = await runInProcess(p.sluice, 'copy', { '--count-input-rows': count });
      expect(run.JobRunState).toBe('SUCCEEDED');
      expect(await metrics('copy', run.Id!)).toMatchObject({ rowsRead: 4, rowsWritten: 4 });
    }
  });

  it('are counted with a scan when a step changed the rows, and left 0 with --count-input-rows false', async () => {
    const counted = await runInProcess(p.sluice, 'paid');
    expect(await metrics('paid', counted.Id!)).toMatchObject({ rowsRead: 4, rowsWritten: 2 });
    const exploded = await runInProcess(p.sluice, 'explode');
    expect(await metrics('explode', exploded.Id!)).toMatchObject({ rowsRead: 4, rowsWritten: 8 });
    const skipped = await runInProcess(p.sluice, 'paid', { '--count-input-rows': 'false' });
    expect(await metrics('paid', skipped.Id!)).toMatchObject({ rowsRead: 0, rowsWritten: 2 });
  });
});

describe("a job engine's memory", () => {
  /** How DuckDB shows a limit of n MiB. */
  const shown = (mib: number) => (mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib.toFixed(1)} MiB`);

  it('is limited by default to the smaller of 1 GiB and a fifth of the machine', async () => {
    const mib = Number(/^(\d+)MiB$/.exec(jobMemoryLimit())?.[1]);
    expect(mib).toBeGreaterThanOrEqual(256);
    expect(mib).toBeLessThanOrEqual(1024);
    const run = await runInProcess(p.sluice, 'memory');
    expect(run.ErrorMessage).toBeUndefined();
    expect(readFileSync(join(p.dir, 'memory.txt'), 'utf8')).toBe(shown(mib));
  });

  it('follows engine.memoryLimit in sluice.yaml when it is set', async () => {
    const yaml = join(p.dir, 'sluice.yaml');
    writeFileSync(
      yaml,
      readFileSync(yaml, 'utf8').replace(/engine:\n {2}kind: duckdb\n/, 'engine:\n  kind: duckdb\n  memoryLimit: 300MB\n'),
    );
    const sluice = await openSluice({ cwd: p.dir });
    try {
      const run = await runInProcess(sluice, 'memory');
      expect(run.ErrorMessage).toBeUndefined();
      expect(readFileSync(join(p.dir, 'memory.txt'), 'utf8')).toBe('286.1 MiB');
    } finally {
      await sluice.close();
    }
  });
});
