// Vitest globalSetup: builds the bundle of the current sources (bin/bundle.js) before any test
// starts a `sluice` process, instead of letting the first few processes of parallel test files
// each build it at once and time out.
import { currentBundle } from '../bin/bundle.js';

export default async function setup() {
  if (!(await currentBundle())) throw new Error('bin/bundle.js could not bundle src/: run `npx tsc -p tsconfig.json --noEmit` to see why');
}
