import { defineConfig } from 'vitest/config';

// One suite for the whole repository. TEST_DB=postgres runs the database tests against PostgreSQL instead of PGlite.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'apps/server/test/**/*.test.ts',
      'bench/**/*.test.ts',
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
