/**
 * `dtks migrate`, `dtks user add`, `dtks user unlock`, `dtks user list` and `dtks seed` on each engine:
 * migrate on a migrated database changes nothing; a user added from the CLI is bound to the normalised region
 * and can log in; a taken username, an unknown role or region and a non-admin `--as` are refused with nothing
 * written, and so is a common or trivial password, with the reason; `user unlock` lifts the login waits of an
 * account, audited; the user list as JSON and as text; the seed gives the same KK numbers for the same seed and date on
 * two databases, all in the region asked for, and refuses a zero count or an unknown or malformed region.
 *
 * Own process (`runDtks`: argv, exit codes, stdout/stderr as pipes, --json and non-terminal text): `migrate`,
 * `user list` and the seed's same-KK test. The others run the same command tree inside the test's process
 * (`runDtksInProcess`): what they prove — refusals with their exit code and text, what is written, `--lang`
 * — is the commands' and services', not the process's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts } from '../support/db-state.ts';

const system = systemActor('test');
const VILLAGE = '33.07.01.2001';
const PASSWORD = 'Kaligowong-2026!';
const SEED_ARGS = [
  'seed',
  '--households',
  '12',
  '--region',
  VILLAGE,
  '--seed',
  'abc',
  '--as-of',
  '2026-01-15',
];

/** Every user as the service lists them, in username order: what a refused command must leave as it was. */
async function users(t: TestDb) {
  return (await t.container.users.list(system))
    .map((u) => ({ username: u.username, role: u.role, regionCode: u.regionCode, status: u.status }))
    .sort((x, y) => (x.username < y.username ? -1 : 1));
}

/** The KK numbers and villages of every stored household, in KK order. */
function households(t: TestDb) {
  return t.container.database.db
    .selectFrom('households')
    .select(['kkNumber', 'villageCode'])
    .orderBy('kkNumber')
    .execute();
}

for (const engine of ENGINES) {
  // Each test runs the CLI several times; those marked "own process", each a process of its own.
  describe(`dtks migrate / user / seed (${engine})`, { timeout: 120_000 }, () => {
    let t: TestDb;
    /** Whether `run` spawns `dtks` (the tests marked "own process") or calls its commands in this process. */
    let ownProcess = false;
    beforeEach(() => {
      ownProcess = false;
    });
    const run = (...args: string[]) => (ownProcess ? runDtks : runDtksInProcess)(args, { url: t.url });

    beforeAll(async () => {
      t = await openTestDb(engine);
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it('dtks migrate on a migrated database is up to date and changes nothing (own process)', async () => {
      ownProcess = true;
      const before = await rowCounts(t.container);
      const r = await run('migrate');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(`up to date (${t.url})`);
      expect(await rowCounts(t.container)).toEqual(before);
    });

    it('dtks user add creates a user bound to the normalised region, who can then log in', async () => {
      const r = await run(
        'user',
        'add',
        '--username',
        'op-cli',
        '--password',
        PASSWORD,
        '--role',
        'operator_desa',
        '--region',
        '3307012001',
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(`created op-cli (operator_desa, ${VILLAGE})`);
      expect((await users(t)).find((u) => u.username === 'op-cli')).toEqual({
        username: 'op-cli',
        role: 'operator_desa',
        regionCode: VILLAGE,
        status: 'active',
      });
      const session = await t.container.auth.login('op-cli', PASSWORD, { ip: null, userAgent: 'test' });
      expect(session.token).toMatch(/\S{16,}/);
      expect(session.user).toMatchObject({ username: 'op-cli', role: 'operator_desa', regionCode: VILLAGE });
    });

    it('dtks user add refuses a taken username, an unknown role or region and a non-admin --as, writing nothing', async () => {
      await t.container.users.create(system, {
        username: 'kades-cli',
        password: PASSWORD,
        role: 'kepala_desa',
        regionCode: VILLAGE,
      });
      const add = (username: string, role: string, region: string, ...more: string[]) =>
        run(
          'user',
          'add',
          '--username',
          username,
          '--password',
          PASSWORD,
          '--role',
          role,
          '--region',
          region,
          ...more,
        );
      const before = { users: await users(t), rows: await rowCounts(t.container) };
      expect(before.users.map((u) => u.username)).toEqual(['kades-cli', 'op-cli']);

      const taken = await add('op-cli', 'kepala_desa', '3307012002');
      expect(taken.code, taken.stderr).toBe(2);
      expect(taken.stderr).toContain('error user.username_taken: Username op-cli is taken');

      const role = await add('op-cli-2', 'village_king', '3307012001');
      expect(role.code, role.stderr).not.toBe(0);
      expect(role.stderr).toContain('role: Unknown role: village_king (user.invalid_role)');

      const region = await add('op-cli-3', 'operator_desa', '3307019999');
      expect(region.code, region.stderr).toBe(2);
      expect(region.stderr).toContain('regionCode: Unknown region code 33.07.01.9999 (region.unknown)');

      const forbidden = await add('op-cli-4', 'operator_desa', '3307012001', '--as', 'kades-cli');
      expect(forbidden.code, forbidden.stderr).toBe(2);
      expect(forbidden.stderr).toContain('error access.forbidden: Role kepala_desa may not user.manage');

      expect(await users(t)).toEqual(before.users);
      expect(await rowCounts(t.container)).toEqual(before.rows);
      // The first op-cli keeps its password: the refused second one did not replace it.
      expect(
        (await t.container.auth.login('op-cli', PASSWORD, { ip: null, userAgent: 'test' })).user.role,
      ).toBe('operator_desa');
    });

    it('dtks user add refuses a common or trivial password, saying why, and creates nobody', async () => {
      const before = await users(t);
      for (const [password, reason] of [
        ['bismillah123', 'password: This password is among the most commonly used and easy to guess'],
        ['7890123456', 'password: The password is too simple'],
        ['short1!', 'password: The password needs at least 10 characters (password.too_short)'],
      ]) {
        const r = await run(
          'user',
          'add',
          '--username',
          'op-weak',
          '--password',
          password!,
          '--role',
          'operator_desa',
          '--region',
          VILLAGE,
        );
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(reason);
      }
      expect(await users(t)).toEqual(before);
    });

    it('dtks user unlock lifts every login wait of an account, audited', async () => {
      const client = (ip: string) => ({ ip, userAgent: 'test' });
      for (const ip of ['203.0.113.1', '203.0.113.2']) {
        for (let i = 0; i < 5; i++) {
          await expect(t.container.auth.login('op-cli', 'wrong-guess-1', client(ip))).rejects.toThrow();
        }
        await expect(t.container.auth.login('op-cli', PASSWORD, client(ip))).rejects.toMatchObject({
          code: 'auth.locked',
        });
      }
      const r = await run('user', 'unlock', 'op-cli');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('unlocked op-cli (3 counter(s) cleared)');
      for (const ip of ['203.0.113.1', '203.0.113.2']) {
        expect((await t.container.auth.login('op-cli', PASSWORD, client(ip))).user.username).toBe('op-cli');
      }
      const again = await run('user', 'unlock', 'op-cli');
      expect(again.stdout.trim()).toBe('op-cli was not locked');
      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .select(['actorUsername', 'details'])
        .where('action', '=', 'user.unlock')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => [a.actorUsername, JSON.parse(a.details).cleared])).toEqual([
        ['system:user-unlock', 3],
        ['system:user-unlock', 0],
      ]);
      const unknown = await run('user', 'unlock', 'nobody-here');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('User not found');
    });

    it('dtks user list prints every user, as JSON and as text (own process)', async () => {
      ownProcess = true;
      const json = await run('user', 'list', '--json');
      expect(json.code, json.stderr).toBe(0);
      const listed: { username: string; role: string; regionCode: string; regionName: string | null }[] =
        JSON.parse(json.stdout);
      expect(listed.map((u) => u.username).sort()).toEqual((await users(t)).map((u) => u.username));
      expect(listed.find((u) => u.username === 'op-cli')).toMatchObject({
        role: 'operator_desa',
        regionCode: VILLAGE,
        regionName: 'Kaligowong',
        status: 'active',
      });

      const text = await run('user', 'list');
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/^op-cli +operator_desa +33\.07\.01\.2001 active$/m);
      expect(text.stdout).toMatch(/^kades-cli +kepala_desa +33\.07\.01\.2001 active$/m);
    });
  });

  describe(`dtks seed (${engine})`, { timeout: 120_000 }, () => {
    let a: TestDb;
    let b: TestDb;

    beforeAll(async () => {
      [a, b] = await Promise.all([openTestDb(engine), openTestDb(engine)]);
    });
    afterAll(async () => {
      await Promise.all([a?.cleanup(), b?.cleanup()]);
    });

    it('gives the same KK numbers on two databases for the same seed and date, all in the region asked for (own process)', async () => {
      const first = await runDtks(SEED_ARGS, { url: a.url });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain(`database: ${a.url}`);
      expect(first.stdout).toMatch(
        /^seeded 12 households \(\d+ persons\) in 33\.07\.01\.2001 \(1 villages\), seed abc$/m,
      );
      const second = await runDtks(SEED_ARGS, { url: b.url });
      expect(second.code, second.stderr).toBe(0);

      const inA = await households(a);
      const inB = await households(b);
      expect(inA).toHaveLength(12);
      expect(new Set(inA.map((h) => h.kkNumber)).size).toBe(12);
      expect(inA.every((h) => h.villageCode === VILLAGE)).toBe(true);
      expect(inB.map((h) => h.kkNumber)).toEqual(inA.map((h) => h.kkNumber));
      expect(inB.every((h) => h.villageCode === VILLAGE)).toBe(true);

      // Another seed gives other households: the KK numbers come from the seed, not from a constant.
      const other = await runDtks(
        SEED_ARGS.map((arg) => (arg === 'abc' ? 'xyz' : arg)),
        { url: b.url },
      );
      expect(other.code, other.stderr).toBe(0);
      const after = await households(b);
      expect(after).toHaveLength(24);
      const firstKks = new Set(inA.map((h) => h.kkNumber));
      expect(after.filter((h) => !firstKks.has(h.kkNumber))).toHaveLength(12);
    });

    it('refuses zero households, an unknown region or a malformed one, adding nothing', async () => {
      const before = await rowCounts(a.container);

      const zero = await runDtksInProcess(
        ['seed', '--households', '0', '--region', VILLAGE, '--seed', 'abc'],
        {
          url: a.url,
        },
      );
      expect(zero.code).not.toBe(0);
      expect(zero.stderr.trim()).toBe('--households: not a positive whole number: 0');

      const nowhere = await runDtksInProcess(
        ['seed', '--households', '12', '--region', '99.99', '--seed', 'abc'],
        {
          url: a.url,
        },
      );
      expect(nowhere.code, nowhere.stderr).toBe(2);
      expect(nowhere.stderr.trim()).toBe('error record.not_found: Region 99.99 not found');
      // The same catalogue text in Indonesian on request.
      const nowhereId = await runDtksInProcess(
        ['--lang', 'id', 'seed', '--households', '12', '--region', '99.99', '--seed', 'abc'],
        {
          url: a.url,
        },
      );
      expect(nowhereId.stderr.trim()).toBe('error record.not_found: Wilayah 99.99 tidak ditemukan');

      const malformed = await runDtksInProcess(
        ['seed', '--households', '12', '--region', '33-07', '--seed', 'abc'],
        {
          url: a.url,
        },
      );
      expect(malformed.code, malformed.stderr).toBe(2);
      expect(malformed.stderr).toContain(
        'error region: Region code "33-07" is invalid: it must consist of 2, 4, 6 or 10 digits',
      );

      expect(await rowCounts(a.container)).toEqual(before);
      expect(await households(a)).toHaveLength(12);
    });
  });
}
