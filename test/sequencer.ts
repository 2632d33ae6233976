/**
 * The order test files start in. Vitest starts the files that took longest last time first, but it keeps
 * those times in node_modules/.vite, which a fresh clone (CI: `npm ci`) does not have: it then starts the
 * largest files first, and a short file that runs long (the screen tests read every page of every menu) starts
 * near the end and keeps one worker busy after the other has finished. The files below took longest in the
 * last fresh-clone CI run (bench/results/ci-time.md): they start first, slowest first, then every other file in
 * vitest's own order. Keep the list to the slowest few of each phase; a file missing from it costs only order.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOWEST_FIRST = [
  // Browser tests (vitest.e2e.config.ts).
  'test/e2e/screens-regional.e2e.test.ts',
  'test/e2e/screens-central.e2e.test.ts',
  'test/e2e/distribution.e2e.test.ts',
  // Unit and API tests (vitest.config.ts).
  'test/medium/musdes-big-village.test.ts',
  'test/medium/migrations.test.ts',
  'test/medium/audit.test.ts',
  'test/medium/admin-cli.test.ts',
  'test/medium/registers-cli.test.ts',
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_FIRST.indexOf(relative(f.project.config.root, f.moduleId).replaceAll('\\', '/'));
      return i === -1 ? SLOWEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the files not listed keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
