import { defineConfig } from 'vitest/config';

// End-to-end tests: `npm run test:e2e`. They build sites with `redline build`, serve them on
// 127.0.0.1 and read them in Debian's Chromium (/usr/bin/chromium) through playwright-core.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // One browser at a time: the machine has two cores, shared with the static server.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
