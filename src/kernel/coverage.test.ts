import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Registry, glueOperation, sluiceOperation } from './registry.js';
import { coverageOf, renderCoverageText } from './coverage.js';
import { COVERAGE_DOC, currentCoverageDoc } from '../../scripts/gen-api-coverage.js';

describe('API coverage', () => {
  it('sorts operations into implemented, partial, not implemented and Sluice-only', () => {
    const registry = new Registry([
      glueOperation('GetTable', async () => ({})),
      glueOperation('GetTables', async () => ({}), { partial: 'no filtering' }),
      sluiceOperation(
        'RewindBookmark',
        (i) => i,
        async () => ({}),
      ),
    ]);
    const c = coverageOf(registry);
    expect(c.implemented).toEqual(['GetTable']);
    expect(c.partial).toEqual([{ name: 'GetTables', note: 'no filtering' }]);
    expect(c.sluiceOnly).toEqual(['RewindBookmark']);
    expect(c.notImplemented).toContain('StartCrawler');
    expect(c.notImplemented).not.toContain('GetTable');
    expect(c.notImplemented.length + 2).toBe(c.glueTotal);
    const text = renderCoverageText(c);
    expect(text).toMatch(/^Glue operations served: 2 of \d+ \(1 implemented, 1 partial\)/);
    expect(text).toContain('  GetTables: no filtering');
  });

  it('docs/api-coverage.md is up to date with the registry (regenerate: npx tsx scripts/gen-api-coverage.ts)', () => {
    const onDisk = readFileSync(COVERAGE_DOC, 'utf8');
    expect(onDisk, 'docs/api-coverage.md is stale: run npx tsx scripts/gen-api-coverage.ts').toBe(currentCoverageDoc());
  });
});
