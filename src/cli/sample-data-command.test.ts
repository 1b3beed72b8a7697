// The command end to end, as a user runs it: a separate process in a fresh project.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../config/project.js';

const run = promisify(execFile);
const main = join(import.meta.dirname, 'main.ts');
const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'sluice-sample-cli-'));
beforeAll(() => void initProject(dir));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sluice sample-data', () => {
  it('writes the chosen data sets into the raw zone and reports files, rows and defects', async () => {
    const args = ['sample-data', '--seed', '9', '--days', '2', '--scale', '0.1', '--only', 'customers,fx_rates,orders'];
    const { stdout } = await run(tsx, [main, ...args], { cwd: dir });
    expect(stdout).toMatch(/^Wrote sample data to file:\/\/.*lake\/raw \(seed 9, scale 0\.1, 2024-03-04 to 2024-03-05\)/);
    expect(stdout).toMatch(/customers\s+1\s+224\s/);
    expect(stdout).toMatch(/orders\s+invalidEmail\s+1\.50 %/);
    expect(stdout).toContain('Schema drift: orders from 2024-03-05 on carry a coupon_code column.');
    expect(readFileSync(join(dir, 'lake/raw/customers/marketing_campaign.tsv'), 'utf8')).toMatch(/^ID\tYear_Birth\t/);
    expect(existsSync(join(dir, 'lake/raw/reviews'))).toBe(false);

    const json = JSON.parse((await run(tsx, [main, ...args, '--json'], { cwd: dir })).stdout);
    expect(json.datasets.map((d: { name: string }) => d.name)).toEqual(['customers', 'fx_rates', 'orders']);
  });

  it('rejects bad options with a usage exit code', async () => {
    const err = await run(tsx, [main, 'sample-data', '--days', 'many'], { cwd: dir }).catch((e) => e);
    expect(err.code).toBe(252);
    expect(err.stderr).toContain('days must be an integer');
  });
});
