import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { engineProject, type EngineProject } from '../../test/helpers/engine-project.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';

let p: EngineProject | undefined;
afterEach(() => p?.cleanup());

const scratchDirs = (dir: string) => (existsSync(join(dir, '.sluice/tmp')) ? readdirSync(join(dir, '.sluice/tmp')) : []);

it('applies engine settings from sluice.yaml and removes its scratch folder on close', async () => {
  p = engineProject('engine: { kind: duckdb, threads: 1, memoryLimit: 512MB }');
  const engine = await p.engine();
  const { rows } = await engine.query(`SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS mem`);
  expect(rows).toEqual([{ threads: 1, mem: expect.stringMatching(/^(488\.2 MiB|512\.0 MB)$/) }]);
  expect(scratchDirs(p.dir)).toHaveLength(1);
  await engine.close();
  await engine.close();
  expect(scratchDirs(p.dir)).toEqual([]);
  await expectGlueError(engine.query('SELECT 1'), 'InvalidStateException', /closed/);
});

it('a setting DuckDB refuses is a clear error, and leaves no scratch folder behind', async () => {
  p = engineProject('engine: { kind: duckdb, memoryLimit: lots }');
  await expectGlueError(p.engine(), 'InvalidInputException', /^Cannot start DuckDB: .*lots/);
  expect(scratchDirs(p.dir)).toEqual([]);
});
