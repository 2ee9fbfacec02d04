import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests of the web app in Debian's Chromium through playwright-core. They run one file
 * at a time in a single forked worker, because each file starts a server and a browser.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
