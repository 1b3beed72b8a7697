// docs/writing-jobs.md and docs/data-quality.md, run as written: every ```sh block in order, with
// `sluice` on the PATH (as after `npm link`) and HOME a fresh folder. Each command must exit 0, and
// each kind of job must have written what its query then reads.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runShell, shellBlocks } from '../helpers/markdown.js';
import { BIN } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'sluice-jobs-guide-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** `sluice` on the PATH, as npm link puts it there. */
function onPath(): Record<string, string> {
  const bin = join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'sluice'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'sluice'), 0o755);
  return { HOME: home, PATH: `${bin}:${process.env.PATH}` };
}
const blocksOf = (doc: string) => shellBlocks(readFileSync(join(ROOT, 'docs', doc), 'utf8'));

describe('docs/writing-jobs.md', () => {
  it('runs: a YAML, a SQL and a TypeScript job, each read back by a query', () => {
    const blocks = blocksOf('writing-jobs.md');
    expect(blocks.length).toBe(5);
    const r = runShell(blocks.join('\n'), home, onPath());
    expect(r.stderr).not.toMatch(/doc command failed|An error occurred/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/price_band \| products\n-+\+-+\nhigh +\| +\d+\nlow +\| +\d+\nmid +\| +\d+/);
    expect(r.stdout).toMatch(/category +\| products \| avg_price_eur/);
    expect(r.stdout).toMatch(/brand +\| products\n[\s\S]*\(5 rows\)\n/);
    // What ran: the three jobs, each with its script and last run, and their runs newest first.
    expect(r.stdout).toMatch(/NAME +SCRIPT +LAST RUN \(UTC\)\nbrands +jobs\/brands\.ts +SUCCEEDED/);
    expect(r.stdout).toMatch(/Job brands\n {2}script +jobs\/brands\.ts/);
    expect(r.stdout).toMatch(
      /RUN ID +KIND +NAME +STATE[^\n]*\njr_[0-9a-f]{12} +job +brands +SUCCEEDED[^\n]*\njr_[0-9a-f]{12} +job +categories/,
    );
    // The TypeScript job quarantined the rows without a brand (the sample data leaves 2 % blank).
    expect(r.stderr).toMatch(/SUCCEEDED[\s\S]*quarantined [1-9]/);
  }, 400_000);
});

describe('docs/data-quality.md', () => {
  it('runs: a ruleset evaluated and recorded, a recommended one saved and evaluated', () => {
    const r = runShell(blocksOf('data-quality.md').join('\n'), home, onPath());
    expect(r.stderr).not.toMatch(/doc command failed|An error occurred/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Score: 1\.00 \(7 of 7 rules passed\)/);
    expect(r.stdout).toMatch(/failed at least one \(rules passed by their thresholds/);
    expect(r.stdout).toMatch(/Data quality of raw\.orders \(orders-recommended\)\nScore: 1\.00/);
  }, 400_000);
});
