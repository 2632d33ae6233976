/**
 * `dtks todo --as USER` against a SQLite file with the demo's cycle activity: the same items as
 * GET /api/v1/todo (JSON), readable lines with the list each count links to, in either language, and a
 * refusal without a known user.
 *
 * Own process (`runDtks`: argv, exit codes 0 and 1 as the shell sees them, stdout/stderr as pipes, --json):
 * the JSON list and the refused unknown user. The rest run the same command tree inside the test's process
 * (`runDtksInProcess`): what they prove — the lines in either language (the language is set again on every
 * run), the empty list — is the command's and service's, not the process's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks todo (sqlite)', { timeout: 120_000 }, () => {
  let t: TestDb;
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url });

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await seedDemoIfEmpty(t.container, 40, () => {});
  }, 240_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it("prints the service's list for the user, as JSON and as lines", async () => {
    const expected = await t.container.todo.list(await actorFor(t.container, 'dinsos'));
    const json = await spawned('todo', '--as', 'dinsos', '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expected);

    const id = await dtks('todo', '--as', 'dinsos', '--lang', 'id');
    expect(id.code, id.stderr).toBe(0);
    const lines = id.stdout.trim().split('\n');
    expect(lines).toHaveLength(expected.items.length);
    // The visits to review link to the oldest period with visits waiting (never an empty `period=`).
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^1 kunjungan perlu ditinjau {2}→ \/cycle\/verivali\?period=\d{4}-\d\d&state=visited$/,
      ),
    );
    const en = await dtks('todo', '--as', 'petugas');
    expect(en.stdout.trim()).toBe('Visits assigned to you: 1  → /cycle/verivali?state=assigned');
  });

  it('says when nothing waits, and refuses an unknown user', async () => {
    const auditor = await dtks('todo', '--as', 'auditor');
    expect(auditor.code, auditor.stderr).toBe(0);
    expect(auditor.stdout).toMatch(/^nothing waits for auditor \(period \d{4}-\d\d\)\n$/);
    const nobody = await spawned('todo', '--as', 'nobody');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('No active user nobody');
  });
});
