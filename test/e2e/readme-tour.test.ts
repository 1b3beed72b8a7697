// The README's tour, run as a new user would: the first ```sh block under "## A tour", given to bash
// unchanged from the clone's root, with HOME a fresh folder (the tour makes its project in ~/shop).
// Each command must exit 0; the last one is a query over a table the tour itself created.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'sluice-tour-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The shell block of a README section: everything between its first ```sh fence and the closing one. */
export function shellBlock(markdown: string, heading: string): string {
  const section = markdown.slice(markdown.indexOf(`\n${heading}\n`));
  const m = /```sh\n([\s\S]*?)\n```/.exec(section);
  if (!m) throw new Error(`README.md has no sh block under ${heading}`);
  return m[1];
}

describe('the README tour', () => {
  it('runs as written, every command exiting 0, ending in a query over a table it created', () => {
    const tour = shellBlock(readFileSync(join(ROOT, 'README.md'), 'utf8'), '## A tour');
    expect(tour).toMatch(/^alias sluice=/);
    // Aliases expand in a script only when asked; a failing command stops the script and names itself.
    const script = `shopt -s expand_aliases\nset -eo pipefail\ntrap 'echo "tour command failed: $BASH_COMMAND" >&2' ERR\n${tour}\n`;
    const r = spawnSync('bash', ['-c', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, HOME: home, SLUICE_FROM_SOURCE: '1', TZ: 'UTC' },
      timeout: 240_000,
    });
    expect(r.stderr).not.toMatch(/tour command failed|An error occurred|Warning/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Created Sluice project 'shop'/);
    expect(r.stdout).toMatch(/Wines +\| +\d+/);
    expect(r.stdout).toMatch(/Crawl \S+ COMPLETED: tables 1 created/);
    expect(r.stdout).toMatch(/Score: 1\.00 \(4 of 4 rules passed\)/);
    // The last command's output: the crawled orders by day partition.
    expect(r.stdout.trimEnd()).toMatch(/day \| orders \| amount[\s\S]*\n10 +\| +\d+ \| +[\d.]+\n\(7 rows\)$/);
  }, 300_000);
});
