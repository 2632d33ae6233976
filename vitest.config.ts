import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/sequencer.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the CPUs: a single worker on a 2-CPU machine, where the
    // engine tests spend much of their time waiting on PostgreSQL, SQLite's fsync and child processes.
    maxWorkers: Math.max(2, availableParallelism()),
    // The slowest files start first, also on a fresh clone without vitest's timings (test/sequencer.ts).
    sequence: { sequencer: SlowestFirst },
    globalSetup: ['test/global-setup.ts'],
  },
});
