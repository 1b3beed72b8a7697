// `sluice dq` end to end, as a user runs it: a separate process in a project with a catalogued table.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { ORDERS_COLUMNS, ORDERS_CSV, csvTable } from '../quality/service/test-tables.js';

const run = promisify(execFile);
const main = join(import.meta.dirname, 'main.ts');
const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');

describe('sluice dq', () => {
  let p: TestProject;
  type Ran = { code?: number; stdout: string; stderr: string };
  const sluice = (args: string[]): Promise<Ran> =>
    run(tsx, [main, 'dq', ...args], { cwd: p.dir }).then(
      (r) => ({ ...r, code: 0 }),
      (e: Ran) => e,
    );
  beforeAll(async () => {
    p = await openTestProject('sqlite');
    await csvTable(p.sluice, p.dir, 'shop', 'orders', ORDERS_CSV, ORDERS_COLUMNS);
    writeFileSync(
      join(p.dir, 'rules.dqdl'),
      'Rules = [ RowCount = 4, IsComplete "customer", ColumnValues "status" in ["shipped","pending","cancelled"] ]',
    );
    writeFileSync(join(p.dir, 'bad.dqdl'), 'Rules = [\n  RowCount = 4,\n  IsComplete\n]');
  });
  afterAll(async () => p?.cleanup());

  it('evaluates a rules file, prints the score and the failing rules, and exits 1 when a rule fails', async () => {
    const r = await sluice(['evaluate', '--table', 'shop.orders', '--rules', 'rules.dqdl']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Score: 0.67 (2 of 3 rules passed)');
    expect(r.stdout).toMatch(/FAIL\s+IsComplete "customer"\n\s+Value: 0\.75 does not meet the constraint requirement\./);
    expect(r.stdout).toContain('Top failing rules: IsComplete "customer"');
    expect(r.stdout).toContain('Rows: 4 checked, 3 met every row-level check, 1 failed at least one\n');
    const json = await sluice(['evaluate', '--table', 'shop.orders', '--rules', 'rules.dqdl', '--json', '--record']);
    const result = JSON.parse(json.stdout);
    expect(result.RuleResults.map((x: { Result: string }) => x.Result)).toEqual(['PASS', 'FAIL', 'PASS']);
    // Only the evaluation asked to be recorded was kept as the table's history.
    expect(
      (
        await p.sluice.call('ListDataQualityResults', {
          Filter: { DataSource: { GlueTable: { DatabaseName: 'shop', TableName: 'orders' } } },
        })
      ).Results,
    ).toHaveLength(1);
  });

  it('says why rows failed when every rule passed', async () => {
    writeFileSync(join(p.dir, 'lenient.dqdl'), 'Rules = [ RowCount = 4, Completeness "customer" > 0.7 ]');
    const r = await sluice(['evaluate', '--table', 'shop.orders', '--rules', 'lenient.dqdl']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Score: 1.00 (2 of 2 rules passed)');
    expect(r.stdout).toContain('1 failed at least one (rules passed by their thresholds, e.g. Completeness > 0.95)');
  });

  it('points at the problem in a malformed rules file, and at a missing table', async () => {
    const bad = await sluice(['evaluate', '--table', 'shop.orders', '--rules', 'bad.dqdl']);
    expect(bad.code).toBe(252);
    expect(bad.stderr).toContain(
      'Ruleset is invalid: line 3, column 3: Unexpected number of parameters for rule type IsComplete: expected 1, found 0',
    );
    const missing = await sluice(['evaluate', '--table', 'shop.nope', '--rules', 'rules.dqdl']);
    expect(missing.code).toBe(254);
    expect(missing.stderr).toContain('Table nope not found.');
    const noFile = await sluice(['evaluate', '--table', 'shop.orders', '--rules', 'nope.dqdl']);
    expect(noFile.code).toBe(254);
    expect(noFile.stderr).toBe('\nAn error occurred (EntityNotFoundException): nope.dqdl does not exist\n');
  });

  it('recommends a ruleset from the data and saves it', async () => {
    const r = await sluice(['recommend', '--table', 'shop.orders', '--save', 'orders-recommended']);
    expect(r.stdout).toMatch(/^Rules = \[\n {4}RowCount between 2 and 6,\n {4}ColumnCount = 4,\n {4}IsComplete "id",/);
    expect(r.stdout).toContain('Completeness "customer" >= 0.75');
    expect((await p.sluice.call('GetDataQualityRuleset', { Name: 'orders-recommended' })).Ruleset).toBe(r.stdout);
  });
});
