/**
 * Authentication: login (token + HttpOnly SameSite=Strict cookie), bearer and cookie auth, logout,
 * the lockout (per account and client address, counted in the database before the password is checked,
 * waits doubling from 1 minute, parallel guesses counted one by one, an account ceiling that slows every
 * client, administrator unlock), unknown usernames indistinguishable from wrong passwords, Argon2id hashes
 * with old ones rehashed on login, and `GET /auth/me` with permissions.
 */

import { randomBytes, scryptSync } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCKOUT } from '../../src/domain/access/login-backoff.ts';
import { ARGON2_PARAMS, argon2ParamsOf, dummyHash } from '../../src/modules/auth/password.ts';
import { SESSION_CACHE_MS } from '../../src/modules/auth/session-cache.ts';
import { createUsers, login, PASSWORD, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

for (const engine of ENGINES) {
  describe(`auth (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;

    const HERE = '127.0.0.1';
    const loginAs = (username: string, password: string, remoteAddress = HERE) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
        remoteAddress,
      });
    const me = (headers: Record<string, string>) => app.inject({ url: '/api/v1/auth/me', headers });
    /** The database's login-attempt count for a username from a client (no row: none counted). */
    const userRow = async (username: string, client = HERE) => {
      const row = await t.container.database.db
        .selectFrom('loginAttempts')
        .select(['failures', 'lastAttemptAt'])
        .where('username', '=', username)
        .where('client', '=', client)
        .executeTakeFirst();
      return { failedLogins: row?.failures ?? 0, lastAttemptAt: row?.lastAttemptAt ?? null };
    };
    /** Moves the last attempt of (username, client) back, as if `seconds` had passed. */
    const waitFor = async (username: string, seconds: number, client = HERE) => {
      const { lastAttemptAt } = await userRow(username, client);
      await t.container.database.db
        .updateTable('loginAttempts')
        .set({ lastAttemptAt: new Date(Date.parse(lastAttemptAt!) - seconds * 1000).toISOString() })
        .where('username', '=', username)
        .where('client', '=', client)
        .execute();
    };
    const auditActions = async (username: string) =>
      (
        await t.container.database.db
          .selectFrom('auditLog')
          .select('action')
          .where('actorUsername', '=', username)
          .orderBy('seq')
          .execute()
      ).map((r) => r.action);
    /** Body without the request's own id, plus status and content type: what a client can tell apart. */
    const visible = (res: LightMyRequestResponse) => {
      const { requestId: _r, ...body } = res.json();
      return {
        status: res.statusCode,
        type: res.headers['content-type'],
        cookie: res.headers['set-cookie'],
        body,
      };
    };

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('login answers {token, user} and sets an HttpOnly, SameSite=Strict session cookie', async () => {
      const res = await loginAs('op-a', PASSWORD);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['token', 'user']);
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body.user).toMatchObject({
        username: 'op-a',
        role: 'operator_desa',
        regionCode: '33.07.01.2001',
        regionName: 'Kaligowong',
        status: 'active',
      });
      expect(res.body).not.toMatch(/scrypt|passwordHash|failedLogins/);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(new RegExp(`^dtks_session=${body.token};`));
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Strict/i);
      expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
      // Only a hash of the token is stored.
      const sessions = await t.container.database.db.selectFrom('authSessions').select('id').execute();
      expect(sessions.map((s) => s.id)).not.toContain(body.token);
      expect(await auditActions('op-a')).toContain('auth.login');
    });

    it('the cookie and the bearer token both authenticate; GET /auth/me lists permissions', async () => {
      const { token } = (await loginAs('op-a', PASSWORD)).json();
      const byCookie = await me({ cookie: `dtks_session=${token}` });
      expect(byCookie.statusCode, byCookie.body).toBe(200);
      expect(byCookie.json()).toMatchObject({
        username: 'op-a',
        role: 'operator_desa',
        permissions: [
          'registry.read',
          'registry.write',
          'registry.export',
          'social.write',
          'citizen.verify',
          'reports.read',
          'reports.handle',
          'usulan.draft',
        ],
      });
      const byBearer = await me({ authorization: `Bearer ${token}` });
      expect(byBearer.json()).toEqual(byCookie.json());

      const auditor = (await loginAs('auditor', PASSWORD)).json().token;
      expect((await me({ authorization: `Bearer ${auditor}` })).json().permissions).toEqual([
        'registry.read',
        'audit.read',
        'distribution.read',
        'targeting.read',
        'reports.read',
      ]);
      const admin = (await loginAs('admin', PASSWORD)).json().token;
      expect((await me({ authorization: `Bearer ${admin}` })).json()).toMatchObject({
        regionCode: '',
        regionName: null,
        permissions: expect.arrayContaining(['user.manage', 'audit.read', 'registry.import']),
      });
      const bad: Record<string, string>[] = [
        {},
        { authorization: `Bearer ${token}x` },
        { cookie: 'dtks_session=x' },
      ];
      for (const headers of bad) {
        const res = await me(headers);
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('auth.required');
      }
    });

    it('logout revokes the session (bearer and cookie) and clears the cookie', async () => {
      const { token } = (await loginAs('op-b', PASSWORD)).json();
      const other = (await loginAs('op-b', PASSWORD)).json().token;
      const out = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(out.statusCode, out.body).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(/^dtks_session=;.*Expires=Thu, 01 Jan 1970/);
      expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
      expect((await me({ cookie: `dtks_session=${token}` })).statusCode).toBe(401);
      // Only that session ended.
      expect((await me({ authorization: `Bearer ${other}` })).statusCode).toBe(200);
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(again.statusCode).toBe(401);
      expect(await auditActions('op-b')).toContain('auth.logout');
    });

    it('an expired session no longer authenticates, though it was used a moment before', async () => {
      const { token } = (await loginAs('kades-a', PASSWORD)).json();
      expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
      const { expiresAt } = await t.container.database.db
        .selectFrom('authSessions')
        .select('expiresAt')
        .orderBy('createdAt', 'desc')
        .executeTakeFirstOrThrow();
      // The session is kept in memory for a second after its last read (src/modules/auth/session-cache.ts):
      // its expiry still counts to the millisecond.
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(Date.parse(expiresAt) - 1);
        expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
        vi.setSystemTime(Date.parse(expiresAt));
        expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
      } finally {
        vi.useRealTimers();
      }
      // An expiry changed behind the server (another process, SQL) counts once the second has passed.
      const other = (await loginAs('kades-a', PASSWORD)).json().token;
      expect((await me({ authorization: `Bearer ${other}` })).statusCode).toBe(200);
      await t.container.database.db
        .updateTable('authSessions')
        .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
        .execute();
      await new Promise((r) => setTimeout(r, SESSION_CACHE_MS + 10));
      expect((await me({ authorization: `Bearer ${other}` })).statusCode).toBe(401);
    });

    it(`after ${LOCKOUT.maxFailures} wrong passwords a client waits 1 minute, then 2, 4 …; counted in the database`, async () => {
      expect(await userRow('camat-a')).toMatchObject({ failedLogins: 0 });
      for (let i = 1; i <= LOCKOUT.maxFailures; i++) {
        const res = await loginAs('camat-a', 'wrong-password-1');
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('auth.invalid_credentials');
        expect((await userRow('camat-a')).failedLogins).toBe(i);
      }
      // The right password does not get through while the client waits; it is not even checked.
      const right = await loginAs('camat-a', PASSWORD);
      expect(right.statusCode, right.body).toBe(429);
      expect(right.headers['content-type']).toMatch(/^application\/problem\+json/);
      const { lastAttemptAt } = await userRow('camat-a');
      const until = new Date(Date.parse(lastAttemptAt!) + 60_000).toISOString();
      expect(right.json()).toMatchObject({
        type: 'urn:dtks:problem:auth.locked',
        code: 'auth.locked',
        lockedUntil: until,
      });
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(50);
      expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(right.json().detail).toMatch(/^Terlalu banyak percobaan gagal/);
      expect(right.headers['set-cookie']).toBeUndefined();
      expect(right.body).not.toMatch(/"token"/);
      expect((await userRow('camat-a')).failedLogins).toBe(LOCKOUT.maxFailures);
      const actions = await auditActions('camat-a');
      expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(LOCKOUT.maxFailures - 1);
      expect(actions).toContain('auth.locked');
      expect(actions.at(-1)).toBe('auth.login_locked');

      // The wait is a database fact: another process (here: a second app on the same database) sees it.
      const app2 = await testApp(t.container);
      const other = await app2.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'camat-a', password: PASSWORD },
      });
      expect(other.statusCode).toBe(429);
      await app2.close();

      // A minute later one more attempt is checked; failing, it makes the next wait 2 minutes.
      await waitFor('camat-a', 61);
      expect((await loginAs('camat-a', 'wrong-password-1')).statusCode).toBe(401);
      expect((await loginAs('camat-a', PASSWORD)).statusCode).toBe(429);
      await waitFor('camat-a', 61);
      expect((await loginAs('camat-a', PASSWORD)).statusCode).toBe(429);
      await waitFor('camat-a', 60);
      // Two minutes on, the right password works and clears the count.
      expect((await loginAs('camat-a', PASSWORD)).statusCode).toBe(200);
      expect(await userRow('camat-a')).toMatchObject({ failedLogins: 0, lastAttemptAt: null });
    });

    it('a guesser on another address cannot lock the real user out', async () => {
      for (let i = 0; i < LOCKOUT.maxFailures + 3; i++) await loginAs('op-b', 'guess-guess-1', '203.0.113.7');
      expect((await loginAs('op-b', PASSWORD, '203.0.113.7')).statusCode).toBe(429);
      // The user's own address is unaffected.
      expect((await loginAs('op-b', PASSWORD)).statusCode).toBe(200);
      // An IPv6 guesser is one client across its /64.
      for (let i = 0; i < LOCKOUT.maxFailures; i++) {
        await loginAs('op-b', 'guess-guess-1', `2001:db8:1:2::${i + 1}`);
      }
      expect((await loginAs('op-b', PASSWORD, '2001:db8:1:2:ffff::9')).statusCode).toBe(429);
      expect((await loginAs('op-b', PASSWORD, '2001:db8:1:3::1')).statusCode).toBe(200);
    });

    it(`past ${LOCKOUT.accountCeiling} failures from all addresses, every address waits after one failure`, async () => {
      const clients = Math.ceil(LOCKOUT.accountCeiling / LOCKOUT.maxFailures);
      for (let c = 0; c < clients; c++) {
        for (let i = 0; i < LOCKOUT.maxFailures; i++)
          await loginAs('kades-a', 'guess-guess-2', `198.51.100.${c}`);
      }
      // A new address gets one free attempt instead of five …
      expect((await loginAs('kades-a', 'guess-guess-2', '192.0.2.50')).statusCode).toBe(401);
      expect((await loginAs('kades-a', PASSWORD, '192.0.2.50')).statusCode).toBe(429);
      // … and so does the real user's own address: slowed, but never locked out.
      expect((await loginAs('kades-a', PASSWORD)).statusCode).toBe(200);
      // The success clears the account's count: a new address has its free attempts again.
      for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) {
        expect((await loginAs('kades-a', 'guess-guess-2', '192.0.2.51')).statusCode).toBe(401);
      }
    });

    it('parallel wrong passwords are counted one by one: never more checks than the free attempts', async () => {
      for (const [n, username] of [
        [40, 'auditor'],
        [100, 'pusdatin'],
      ] as const) {
        const answers = await Promise.all(
          Array.from({ length: n }, () => loginAs(username, 'parallel-guess-1')),
        );
        const statuses = answers.map((r) => r.statusCode);
        const checks = (await auditActions(username)).filter(
          (a) => a === 'auth.login_failed' || a === 'auth.locked',
        );
        expect(checks.length, `${n} parallel`).toBe(LOCKOUT.maxFailures);
        expect(statuses.filter((s) => s === 401)).toHaveLength(LOCKOUT.maxFailures);
        expect(statuses.filter((s) => s === 429)).toHaveLength(n - LOCKOUT.maxFailures);
        expect((await userRow(username)).failedLogins).toBe(LOCKOUT.maxFailures);
      }
    });

    it('an administrator unlocks an account (API, audited); others may not, outside the territory not found', async () => {
      for (let i = 0; i < LOCKOUT.maxFailures; i++)
        await loginAs('dinsos-other', 'guess-guess-3', '203.0.113.9');
      for (let i = 0; i < LOCKOUT.maxFailures; i++) await loginAs('dinsos-other', 'guess-guess-3');
      expect((await loginAs('dinsos-other', PASSWORD)).statusCode).toBe(429);
      const id = (
        await t.container.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'dinsos-other')
          .executeTakeFirstOrThrow()
      ).id;
      const unlock = (headers: Record<string, string>) =>
        app.inject({ method: 'POST', url: `/api/v1/users/${id}/unlock`, headers });
      const dinsos = await login(app, 'dinsos');
      expect((await unlock(dinsos)).statusCode).toBe(403);
      expect((await loginAs('dinsos-other', PASSWORD)).statusCode).toBe(429);
      const admin = await login(app, 'admin');
      const res = await unlock(admin);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ cleared: 3 });
      expect((await loginAs('dinsos-other', PASSWORD)).statusCode).toBe(200);
      expect((await loginAs('dinsos-other', PASSWORD, '203.0.113.9')).statusCode).toBe(200);
      const entry = await t.container.database.db
        .selectFrom('auditLog')
        .select(['actorUsername', 'entityId', 'details'])
        .where('action', '=', 'user.unlock')
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ actorUsername: 'admin', entityId: id });
      expect(JSON.parse(entry.details)).toEqual({ username: 'dinsos-other', cleared: 3 });
      const missing = await app.inject({
        method: 'POST',
        url: '/api/v1/users/01900000-0000-7000-8000-000000000001/unlock',
        headers: admin,
      });
      expect(missing.statusCode).toBe(404);
    });

    it('a successful login resets the failure count', async () => {
      for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) await loginAs('dinsos', 'nope-nope-nope');
      expect((await userRow('dinsos')).failedLogins).toBe(LOCKOUT.maxFailures - 1);
      expect((await loginAs('dinsos', PASSWORD)).statusCode).toBe(200);
      expect((await userRow('dinsos')).failedLogins).toBe(0);
      expect((await loginAs('dinsos', 'nope-nope-nope')).statusCode).toBe(401);
      expect(await userRow('dinsos')).toMatchObject({ failedLogins: 1 });
    });

    it('an unknown username is locked out exactly like a real one', async () => {
      const answers = [];
      for (let i = 0; i <= LOCKOUT.maxFailures; i++) {
        const real = await loginAs('op-a', 'wrong-password-3', '192.0.2.99');
        const ghost = await loginAs('no-such-kades', 'wrong-password-3', '192.0.2.99');
        answers.push([real.statusCode, ghost.statusCode, real.json().code, ghost.json().code]);
      }
      expect(answers.at(-1)).toEqual([429, 429, 'auth.locked', 'auth.locked']);
      expect(answers.map(([a, b, c, d]) => a === b && c === d)).toEqual(answers.map(() => true));
      const ghostAudit = await t.container.database.db
        .selectFrom('auditLog')
        .select(['actorRole', 'action'])
        .where('actorUsername', '=', 'no-such-kades')
        .execute();
      expect(ghostAudit.length).toBe(LOCKOUT.maxFailures + 1);
      expect(ghostAudit.every((r) => r.actorRole === null)).toBe(true);
    });

    it('passwords are Argon2id at OWASP parameters; an old scrypt hash verifies and is rehashed on login', async () => {
      expect(ARGON2_PARAMS).toEqual({ m: 19_456, t: 2, p: 1 });
      const stored = async () =>
        (
          await t.container.database.db
            .selectFrom('users')
            .select('passwordHash')
            .where('username', '=', 'kades-a')
            .executeTakeFirstOrThrow()
        ).passwordHash;
      expect(await stored()).toMatch(
        /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
      );
      // The unknown-user comparison costs the same: a hash with today's parameters.
      expect(argon2ParamsOf(await dummyHash())).toEqual(ARGON2_PARAMS);

      // A hash from before (scrypt, N=16384), as stored by the previous release.
      const salt = randomBytes(16);
      const key = scryptSync(PASSWORD, salt, 32, { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
      const old = ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
      await t.container.database.db
        .updateTable('users')
        .set({ passwordHash: old })
        .where('username', '=', 'kades-a')
        .execute();
      expect((await loginAs('kades-a', 'wrong-password-4')).statusCode).toBe(401);
      expect(await stored()).toBe(old);
      const res = await loginAs('kades-a', PASSWORD);
      expect(res.statusCode, res.body).toBe(200);
      const fresh = await stored();
      expect(argon2ParamsOf(fresh)).toEqual(ARGON2_PARAMS);
      expect((await loginAs('kades-a', PASSWORD)).statusCode).toBe(200);
      expect(await stored()).toBe(fresh);
      const entry = await t.container.database.db
        .selectFrom('auditLog')
        .select('details')
        .where('action', '=', 'auth.login')
        .where('actorUsername', '=', 'kades-a')
        .orderBy('seq')
        .execute();
      expect(entry.map((e) => JSON.parse(e.details).passwordRehashed ?? false).slice(-2)).toEqual([
        true,
        false,
      ]);
    });

    it('an unknown username answers exactly like a wrong password', async () => {
      const wrong = await loginAs('op-a', 'wrong-password-2');
      const unknown = await loginAs('no-such-user', 'wrong-password-2');
      expect(visible(unknown)).toEqual(visible(wrong));
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toMatchObject({
        code: 'auth.invalid_credentials',
        detail: 'Nama pengguna atau kata sandi salah',
      });
      const en = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'accept-language': 'en' },
        payload: { username: 'no-such-user', password: 'x' },
      });
      expect(en.json().detail).toBe('Wrong username or password');
      // A disabled account answers the same way, even with the right password.
      await t.container.database.db
        .updateTable('users')
        .set({ status: 'disabled' })
        .where('username', '=', 'camat-a')
        .execute();
      expect(visible(await loginAs('camat-a', PASSWORD))).toEqual(visible(wrong));
    });

    it('malformed login bodies are 400 problems', async () => {
      for (const payload of [
        {},
        { username: 'op-a' },
        { username: '', password: 'x' },
        { username: 'op-a', password: PASSWORD, role: 'admin' },
      ]) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().code).toBe('request.invalid');
      }
    });
  });
}
