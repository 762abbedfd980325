import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// npm test: unit and in-process integration tests. Sites are built in-process, once per run, and
// shared between test files (test/helpers/cli.ts). Browser tests: vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/props/**', 'node_modules/**'],
    globalSetup: ['test/setup.ts'],
    // Vitest's default is one worker less than the cores: one, on the two-core machines CI has.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
