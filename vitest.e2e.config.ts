import { defineConfig } from 'vitest/config';

/** Browser tests: `vitest run --config vitest.e2e.config.ts` (needs Chromium; see test/e2e). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/global-setup.ts'],
  },
});
