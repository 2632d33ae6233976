/**
 * `dtks serve` / `dtks start` with an unusable setting refuse to start: one line naming the variable and what
 * it must look like, exit code 2, no stack trace, and no database file created.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDtks } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'dtks-serve-config-'));

function dtks(env: Record<string, string>, ...args: string[]) {
  return runDtks(args, { env: { PORT: '0', LOG_LEVEL: 'silent', ...env } });
}

describe('server configuration errors', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'serve',
      { SQLITE_CACHE_MIB: 'lots' },
      'configuration: SQLITE_CACHE_MIB must be a whole number of MiB (1 or more), got "lots"',
    ],
    [
      'start',
      { SQLITE_CACHE_MIB: '-1' },
      'configuration: SQLITE_CACHE_MIB must be a whole number of MiB (1 or more), got "-1"',
    ],
    [
      'serve',
      { IDENTITY_PROBE_LIMIT: '0' },
      'configuration: IDENTITY_PROBE_LIMIT must be a whole number, 1 or more, got "0"',
    ],
    [
      'serve',
      { RATE_LIMIT_LOGIN: 'lots' },
      'configuration: RATE_LIMIT_LOGIN must be a whole number of requests per minute (1 or more), got "lots"',
    ],
    [
      'start',
      { PUBLIC_URL: 'dtks.example.go.id' },
      'configuration: PUBLIC_URL must be the address users open, like https://dtks.example.go.id, got "dtks.example.go.id"',
    ],
  ])('dtks %s refuses %o', async (command, env, message) => {
    const db = join(dir, `${command}.sqlite`);
    const r = await dtks({ ...env, DATABASE_URL: db }, command);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(message);
    expect(existsSync(db)).toBe(false);
  });

  it('names a malformed PROPOSAL_WINDOW the same way', async () => {
    const db = join(dir, 'window.sqlite');
    const r = await dtks({ PROPOSAL_WINDOW: '24-15', DATABASE_URL: db }, 'serve');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'configuration: PROPOSAL_WINDOW must look like 15-24 (days 1–28, start ≤ end), got "24-15"',
    );
    expect(existsSync(db)).toBe(false);
  });
});
