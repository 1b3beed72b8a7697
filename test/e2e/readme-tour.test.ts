// The README's tour, run as a new user would: the first ```sh block under "## A tour", given to bash
// unchanged from the clone's root, with HOME a fresh folder (the tour makes its project in ~/shop).
// Each command must exit 0; the last one is a query over a table the tour itself created.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runShell, shellBlocks } from '../helpers/markdown.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'sluice-tour-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the README tour', () => {
  it('runs as written, every command exiting 0, ending in a query over a table it created', () => {
    const [tour] = shellBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'), '## A tour');
    expect(tour).toMatch(/^alias sluice=/);
    const r = runShell(tour, ROOT, { HOME: home });
    expect(r.stderr).not.toMatch(/doc command failed|An error occurred|Warning/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Created Sluice project 'shop'/);
    expect(r.stdout).toMatch(/Wines +\| +\d+/);
    expect(r.stdout).toMatch(/Crawl \S+ COMPLETED: tables 1 created/);
    expect(r.stdout).toMatch(/Score: 1\.00 \(4 of 4 rules passed\)/);
    // The last command's output: the crawled orders by day partition.
    expect(r.stdout.trimEnd()).toMatch(/day \| orders \| amount[\s\S]*\n10 +\| +\d+ \| +[\d.]+\n\(7 rows\)$/);
  }, 300_000);
});
