// Writes docs/api-coverage.md from the operation registry. src/kernel/coverage.test.ts fails when the
// file is out of date, so run this after registering an operation: npx tsx scripts/gen-api-coverage.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Registry } from '../src/kernel/registry.js';
import { allOperations } from '../src/config/operations.js';
import { coverageOf, renderCoverageMarkdown } from '../src/kernel/coverage.js';

export const COVERAGE_DOC = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'api-coverage.md');

export function currentCoverageDoc(): string {
  return renderCoverageMarkdown(coverageOf(new Registry(allOperations())));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(dirname(COVERAGE_DOC), { recursive: true });
  writeFileSync(COVERAGE_DOC, currentCoverageDoc());
  process.stdout.write(`wrote ${COVERAGE_DOC}\n`);
}
