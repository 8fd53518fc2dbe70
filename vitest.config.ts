import { defineConfig } from 'vitest/config';

// The demo cycle's seed day (reference/reporting/demo-cycle/cycle.json): fixed in tests so that its dates are
// reproducible and its report year is 2024, the year of the statistics the scorecard and drafting tests read (same
// day in e2e/playwright.config.ts). demo-dates.test.ts seeds it on other days, today included.
process.env.DEMO_TODAY ??= '2024-12-02';

// One suite for the whole repository. TEST_DB=postgres runs the database tests against PostgreSQL instead of PGlite.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'apps/server/test/**/*.test.ts',
      'bench/**/*.test.ts',
      'apps/web/src/**/*.test.ts',
    ],
    // Engine-specific files run only in their engine's pass: *.pglite.test.ts or *.postgres.test.ts.
    exclude: [
      '**/node_modules/**',
      process.env.TEST_DB === 'postgres' ? '**/*.pglite.test.ts' : '**/*.postgres.test.ts',
    ],
    globalSetup: ['apps/server/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
