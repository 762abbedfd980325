import { defineConfig } from 'vitest/config';

// npm run test:props: long runs over generated input (check ⇒ build). Bounded to a few minutes;
// REDLINE_FC_SCALE multiplies the runs for bug hunts.
export default defineConfig({
  test: {
    include: ['test/props/**/*.props.ts'],
    globalSetup: ['test/setup.ts'],
    testTimeout: 600_000,
  },
});
