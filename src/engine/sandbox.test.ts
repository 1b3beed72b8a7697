import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineProject, type EngineProject } from '../../test/helpers/engine-project.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';

let p: EngineProject;
beforeEach(() => {
  p = engineProject();
});
afterEach(() => p.cleanup());

describe('the sandbox', () => {
  it('lets SQL read the registered inputs but not /etc/passwd', async () => {
    const engine = await p.engine({ sandbox: true });
    await engine.registerFiles('people', { format: 'csv', paths: [p.file('in/people.csv', 'id\n1\n2\n')] });
    expect((await engine.query('SELECT count(*) AS n FROM people')).rows).toEqual([{ n: 2 }]);
    const err = await expectGlueError(
      engine.query(`SELECT * FROM read_csv('/etc/passwd')`),
      'AccessDeniedException',
      /may only read the run's own inputs; '\/etc\/passwd' is not one of them/,
    );
    expect(err.message).not.toContain('\n');
  });

  it('without the sandbox the same SQL reads the file, so the refusal above is the sandbox at work', async () => {
    const engine = await p.engine();
    const rows = (await engine.query(`SELECT count(*) AS n FROM read_csv('/etc/passwd', header = false, delim = '\\x01')`)).rows;
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('refuses other files, writes outside the engine, extensions and unlocking the settings', async () => {
    const outside = p.file('secret/s.csv', 'x\n1\n');
    const engine = await p.engine({ sandbox: true });
    await engine.registerFiles('t', { format: 'csv', paths: [p.file('in/t.csv', 'x\n1\n')] });
    await engine.query('SELECT 1');
    await expectGlueError(engine.query(`SELECT * FROM read_csv('${outside}')`), 'AccessDeniedException', /secret\/s\.csv/);
    await expectGlueError(engine.query(`SELECT * FROM read_csv('${join(p.dir, 'in')}/../secret/s.csv')`), 'AccessDeniedException');
    await expectGlueError(engine.query(`COPY (SELECT 1) TO '${join(p.dir, 'evil.csv')}'`), 'AccessDeniedException', /evil\.csv/);
    await expectGlueError(engine.query(`ATTACH '${join(p.dir, 'evil.db')}'`), 'AccessDeniedException');
    await expectGlueError(engine.query('LOAD httpfs'), 'AccessDeniedException');
    await expectGlueError(engine.query('SET enable_external_access = true'), 'InvalidInputException', /locked/);
    await expectGlueError(engine.query(`SET allowed_directories = ['/']`), 'InvalidInputException');
  });

  it('confines a glob input to its folder, not to folders that merely share its name as a prefix', async () => {
    p.file('data/in/a.csv', 'x\n1\n');
    p.file('data/input-secret/b.csv', 'x\n2\n');
    const engine = await p.engine({ sandbox: true });
    await engine.registerFiles('t', { format: 'csv', paths: [join(p.dir, 'data/in/*.csv')] });
    expect((await engine.query('SELECT x FROM t')).rows).toEqual([{ x: 1 }]);
    await expectGlueError(engine.query(`SELECT * FROM read_csv('${join(p.dir, 'data/input-secret/b.csv')}')`), 'AccessDeniedException');
  });

  it('still writes Parquet atomically, and reads partitioned inputs through their links', async () => {
    const dir = join(p.dir, 'lake/part/year=2024');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.csv'), 'v\n5\n');
    const engine = await p.engine({ sandbox: true });
    await engine.registerFiles('t', {
      format: 'csv',
      paths: [],
      columns: [{ name: 'v', type: 'INTEGER' }],
      options: { header: true },
      partitions: { keys: [{ name: 'year', type: 'INTEGER' }], list: [{ values: ['2024'], paths: ['lake/part/year=2024'] }] },
    });
    const result = await engine.writeParquet('SELECT * FROM t', { location: 'lake/out', partitionBy: ['year'] });
    expect(result.rows).toBe(1);
    expect(result.files[0].path).toContain(join('lake', 'out', 'year=2024'));
  });

  it('is locked once SQL has run: registering more inputs is refused', async () => {
    const engine = await p.engine({ sandbox: true });
    await engine.query('SELECT 1');
    await expectGlueError(
      engine.registerFiles('late', { format: 'csv', paths: [p.file('late.csv', 'x\n1\n')] }),
      'InvalidStateException',
      /Cannot register late/,
    );
  });
});
