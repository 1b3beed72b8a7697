import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Native modules (DuckDB, better-sqlite3) are safest in forked processes.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Builds the dashboard (web/dist) first when it is missing or stale: the browser tests and `sluice server` serve it;
    // and the bundle the `sluice` command runs (bin/bundle.js).
    globalSetup: ['web/scripts/ensure-built.ts', 'test/build-bundle.js'],
  },
});
