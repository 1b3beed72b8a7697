import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Native modules (DuckDB, better-sqlite3) are safest in forked processes.
    pool: 'forks',
    // Two forks on two cores: many suites wait on servers, databases and terraform they start, so one
    // fork (the default, cores - 1) leaves a core idle and the suite past CI's 30 minutes.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Builds the dashboard (web/dist) first when it is missing or stale: the browser tests and `sluice server` serve it;
    // and the bundle the `sluice` command runs (bin/bundle.js).
    globalSetup: ['web/scripts/ensure-built.ts', 'test/build-bundle.js'],
  },
});
