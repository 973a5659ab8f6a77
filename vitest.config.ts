import { defineConfig } from 'vitest/config';

/*
 * Three suites: pure domain rules (core), integration tests over HTTP against a real database
 * (server; the backend comes from STEPWISE_TEST_BACKEND), and browser journeys in Chromium (browser).
 * scripts/test.mjs decides which run, on which backends.
 */
export default defineConfig({
  resolve: { conditions: ['development'] },
  ssr: { resolve: { conditions: ['development'] } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ['packages/core/src/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['apps/server/src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          // Two journeys at a time, each with its own server and browser: most of a journey is waiting
          // on pages and servers, so two share the machine's cores without either starving. A long
          // journey on a busy two-core machine can take two minutes.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
