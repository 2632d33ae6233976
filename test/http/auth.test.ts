/**
 * Authentication: login (token + HttpOnly SameSite=Strict cookie), bearer and cookie auth, logout,
 * lockout after five failures counted in the database, unknown usernames indistinguishable from wrong
 * passwords, and `GET /auth/me` with permissions.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKOUT } from '../../src/modules/auth/auth.service.ts';
import { createUsers, PASSWORD, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

for (const engine of ENGINES) {
  describe(`auth (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;

    const loginAs = (username: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    const me = (headers: Record<string, string>) => app.inject({ url: '/api/v1/auth/me', headers });
    /** The database's failed-login count for a username (no row: none counted). */
    const userRow = async (username: string) => {
      const row = await t.container.database.db
        .selectFrom('loginThrottle')
        .select(['failures', 'lockedUntil'])
        .where('username', '=', username)
        .executeTakeFirst();
      return { failedLogins: row?.failures ?? 0, lockedUntil: row?.lockedUntil ?? null };
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
    /** Body without `instance`, plus status and content type: what a client can tell apart. */
    const visible = (res: LightMyRequestResponse) => ({
      status: res.statusCode,
      type: res.headers['content-type'],
      cookie: res.headers['set-cookie'],
      body: res.json(),
    });

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
        permissions: ['registry.read', 'registry.write', 'registry.export', 'social.write'],
      });
      const byBearer = await me({ authorization: `Bearer ${token}` });
      expect(byBearer.json()).toEqual(byCookie.json());

      const auditor = (await loginAs('auditor', PASSWORD)).json().token;
      expect((await me({ authorization: `Bearer ${auditor}` })).json().permissions).toEqual([
        'registry.read',
        'audit.read',
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

    it('an expired session no longer authenticates', async () => {
      const { token } = (await loginAs('kades-a', PASSWORD)).json();
      expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
      await t.container.database.db
        .updateTable('authSessions')
        .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
        .execute();
      expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
    });

    it(`${LOCKOUT.maxFailures} wrong passwords lock the account, counted in the database`, async () => {
      const user = await userRow('camat-a');
      expect(user).toMatchObject({ failedLogins: 0, lockedUntil: null });
      for (let i = 1; i < LOCKOUT.maxFailures; i++) {
        const res = await loginAs('camat-a', 'wrong-password-1');
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('auth.invalid_credentials');
        expect((await userRow('camat-a')).failedLogins).toBe(i);
      }
      const fifth = await loginAs('camat-a', 'wrong-password-1');
      expect(fifth.statusCode).toBe(401);
      const locked = await userRow('camat-a');
      expect(locked.lockedUntil).not.toBeNull();
      const minutes = (Date.parse(locked.lockedUntil!) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(LOCKOUT.minutes - 1);
      expect(minutes).toBeLessThanOrEqual(LOCKOUT.minutes);

      // The right password does not get through while locked.
      const right = await loginAs('camat-a', PASSWORD);
      expect(right.statusCode, right.body).toBe(429);
      expect(right.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(right.json()).toMatchObject({
        type: 'urn:dtks:problem:auth.locked',
        code: 'auth.locked',
        lockedUntil: locked.lockedUntil,
      });
      expect(right.json().detail).toMatch(/^Akun dikunci/);
      expect(right.headers['set-cookie']).toBeUndefined();
      expect(right.body).not.toMatch(/"token"/);
      const actions = await auditActions('camat-a');
      expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(LOCKOUT.maxFailures - 1);
      expect(actions).toContain('auth.locked');
      expect(actions.at(-1)).toBe('auth.login_locked');

      // The lock is a database fact: another process (here: a second app on the same database) sees it.
      const app2 = await testApp(t.container);
      expect(
        (
          await app2.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: 'camat-a', password: PASSWORD },
          })
        ).statusCode,
      ).toBe(429);
      await app2.close();

      // When the lock has run out, the right password works and resets the count.
      await t.container.database.db
        .updateTable('loginThrottle')
        .set({ lockedUntil: new Date(Date.now() - 1000).toISOString(), failures: 3 })
        .where('username', '=', 'camat-a')
        .execute();
      expect((await loginAs('camat-a', PASSWORD)).statusCode).toBe(200);
      expect(await userRow('camat-a')).toMatchObject({ failedLogins: 0, lockedUntil: null });
    });

    it('a successful login resets the failure count', async () => {
      for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) await loginAs('dinsos', 'nope-nope-nope');
      expect((await userRow('dinsos')).failedLogins).toBe(LOCKOUT.maxFailures - 1);
      expect((await loginAs('dinsos', PASSWORD)).statusCode).toBe(200);
      expect((await userRow('dinsos')).failedLogins).toBe(0);
      expect((await loginAs('dinsos', 'nope-nope-nope')).statusCode).toBe(401);
      expect(await userRow('dinsos')).toMatchObject({ failedLogins: 1, lockedUntil: null });
    });

    it('an unknown username is locked out exactly like a real one', async () => {
      const answers = [];
      for (let i = 0; i <= LOCKOUT.maxFailures; i++) {
        const real = await loginAs('kades-a', 'wrong-password-3');
        const ghost = await loginAs('no-such-kades', 'wrong-password-3');
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

    it('an unknown username answers exactly like a wrong password', async () => {
      const wrong = await loginAs('pusdatin', 'wrong-password-2');
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
        .where('username', '=', 'dinsos-other')
        .execute();
      expect(visible(await loginAs('dinsos-other', PASSWORD))).toEqual(visible(wrong));
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
