// The generated references in docs/reference/ must match what their sources say today: the YAML job
// schema, sluice.yaml's schema, the DQDL rule catalogue and the CLI's help. Regenerate: npm run docs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR, referenceDocs } from '../scripts/gen-reference-docs.js';

describe('docs/reference', () => {
  it('is what scripts/gen-reference-docs.ts makes from the schemas and the CLI (regenerate: npm run docs)', () => {
    for (const [name, text] of Object.entries(referenceDocs())) {
      const onDisk = readFileSync(join(REFERENCE_DIR, name), 'utf8');
      expect(onDisk, `docs/reference/${name} is stale: run npm run docs`).toBe(text);
    }
  }, 120_000);
});
