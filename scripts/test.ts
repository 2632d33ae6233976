/**
 * `npm test`: every check, in order — types, lint, unit + API tests (SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set), browser tests (when Chromium is installed). Outside CI a missing PostgreSQL
 * or Chromium is skipped with a loud notice; with CI=true nothing may be skipped.
 * Ends with one summary line, `tests: N passed, N failed, N skipped`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipped: string[] = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
let failed = false;

function banner(lines: string[]): void {
  const bar = '!'.repeat(78);
  console.log(`\n${bar}\n${lines.map((l) => `!! ${l}`).join('\n')}\n${bar}\n`);
}

function step(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  if (!ok) {
    console.log(`=== ${name} FAILED (exit ${r.status ?? r.signal})`);
    failed = true;
  }
  return ok;
}

function vitest(name: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const out = join(mkdtempSync(join(tmpdir(), 'dtks-vitest-')), 'result.json');
  step(
    name,
    'vitest',
    ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    env,
  );
  if (!existsSync(out)) {
    totals.failed += 1;
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
}

if (!process.env.TEST_DATABASE_URL) {
  if (ci) {
    banner(['CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI.']);
    process.exit(1);
  }
  skipped.push('PostgreSQL engine: every API/service test ran on SQLite only');
  banner([
    'SKIPPING the PostgreSQL half of the engine tests: TEST_DATABASE_URL is not set.',
    'To run them: install PostgreSQL (apt-get install -y postgresql), then',
    '  TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test',
  ]);
}
const hasChromium = existsSync(chromium);
if (!hasChromium) {
  if (ci) {
    banner([`CI=true but Chromium is missing at ${chromium}: browser tests cannot be skipped in CI.`]);
    process.exit(1);
  }
  skipped.push('browser tests (no Chromium)');
  banner([
    `SKIPPING the browser tests: no Chromium at ${chromium}.`,
    'To run them: apt-get update && apt-get install -y chromium   (or set CHROMIUM_PATH)',
  ]);
}

step('typecheck', 'tsc', ['--noEmit', '-p', 'tsconfig.json']);
step('lint', 'biome', ['check', '.']);
vitest('unit + API tests', []);
if (hasChromium) {
  vitest('browser tests', ['--config', 'vitest.e2e.config.ts'], { CHROMIUM_PATH: chromium });
}

if (skipped.length) banner(['SKIPPED (see above for how to install):', ...skipped.map((s) => `  - ${s}`)]);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
// A test skipped by its own condition (it.skipIf, it.runIf, it.todo) is as unproven as a failed one in CI.
const skippedInCi = ci && totals.skipped > 0;
if (skippedInCi)
  banner([
    `CI=true but ${totals.skipped} test(s) were skipped: define engine-only tests for their engine alone.`,
  ]);
process.exit(failed || totals.failed > 0 || skippedInCi ? 1 : 0);
