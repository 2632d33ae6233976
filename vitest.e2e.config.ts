import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/sequencer.ts';

/**
 * Browser tests: `vitest run --config vitest.e2e.config.ts` (needs Chromium; see test/e2e). Two files at a
 * time (each its own database, server on a free port and Chromium profile): one at a time took 12 minutes
 * of the CI's 30. The web app is built once before them (test/e2e/global-build.ts).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: Math.min(2, Math.max(1, availableParallelism())),
    // The slowest files start first, also on a fresh clone without vitest's timings (test/sequencer.ts).
    sequence: { sequencer: SlowestFirst },
    globalSetup: ['test/global-setup.ts', 'test/e2e/global-build.ts'],
  },
});
