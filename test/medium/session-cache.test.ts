/**
 * Authenticated sessions kept in memory for a second (src/modules/auth/session-cache.ts), on both engines:
 * a repeated request does not read the database, and the cache never outlives what it stands for — a
 * logout, a change of the user (role, territory, status, password) through this process, the session's own
 * expiry, a read racing a change; a change made behind the process (another server, SQL by hand) counts
 * after at most the cache's second.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthRepository } from '../../src/modules/auth/auth.repository.ts';
import { AuthService } from '../../src/modules/auth/auth.service.ts';
import { SESSION_CACHE_MS, SessionCache } from '../../src/modules/auth/session-cache.ts';
import { UsersRepository } from '../../src/modules/users/users.repository.ts';
import { createUsers, PASSWORD } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const client = { ip: '127.0.0.1', userAgent: 'test' };

/** Counts the session reads that reach the database. */
class CountingAuthRepository extends AuthRepository {
  reads = 0;
  /** When set, each read waits for it after reaching the database (to race a change against a read). */
  hold: Promise<void> | null = null;
  override async sessionWithUser(...args: Parameters<AuthRepository['sessionWithUser']>) {
    this.reads++;
    const row = await super.sessionWithUser(...args);
    if (this.hold) await this.hold;
    return row;
  }
}

for (const engine of ENGINES) {
  describe(`session cache (${engine})`, () => {
    let t: TestDb;
    let cache: SessionCache;
    let repo: CountingAuthRepository;
    let users: UsersRepository;
    let auth: AuthService;

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      cache = new SessionCache();
      repo = new CountingAuthRepository();
      users = new UsersRepository(cache);
      auth = new AuthService(
        t.container.database.db,
        repo,
        users,
        t.container.users,
        t.container.audit,
        cache,
      );
    });
    afterAll(() => t.cleanup());
    afterEach(() => vi.useRealTimers());

    const db = () => t.container.database.db;
    const userId = async (username: string) =>
      (await db().selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
        .id;

    it('a session is read once, then answered from memory for a second, then read again', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const { token } = await auth.login('op-a', PASSWORD, client);
      repo.reads = 0;
      const first = await auth.authenticate(token, client);
      expect(first).toMatchObject({ username: 'op-a', role: 'operator_desa', regionCode: '33.07.01.2001' });
      for (let i = 0; i < 5; i++) expect(await auth.authenticate(token, client)).toEqual(first);
      expect(repo.reads).toBe(1);
      vi.setSystemTime(Date.now() + SESSION_CACHE_MS + 1);
      expect(await auth.authenticate(token, client)).toEqual(first);
      expect(repo.reads).toBe(2);
      // Unknown tokens are never kept: each is read (and refused) again.
      expect(await auth.authenticate('no-such-token', client)).toBeNull();
      expect(await auth.authenticate('no-such-token', client)).toBeNull();
      expect(repo.reads).toBe(4);
    });

    it('logout ends the session at once, though it was just used', async () => {
      const { token } = await auth.login('op-a', PASSWORD, client);
      const actor = await auth.authenticate(token, client);
      expect(actor).not.toBeNull();
      await auth.logout(token, actor!);
      expect(await auth.authenticate(token, client)).toBeNull();
    });

    it('a change of role, territory, status or password of the user counts at its next request', async () => {
      const { token } = await auth.login('kades-a', PASSWORD, client);
      const other = (await auth.login('op-b', PASSWORD, client)).token;
      const id = await userId('kades-a');
      expect(await auth.authenticate(token, client)).toMatchObject({ role: 'kepala_desa' });
      await auth.authenticate(other, client);

      repo.reads = 0;
      await users.update(db(), id, { role: 'operator_desa' });
      expect(await auth.authenticate(token, client)).toMatchObject({ role: 'operator_desa' });
      await users.update(db(), id, { regionCode: '33.07.01.2002' });
      expect(await auth.authenticate(token, client)).toMatchObject({ regionCode: '33.07.01.2002' });
      // Another user's cached session is not touched by the change.
      await auth.authenticate(other, client);
      expect(repo.reads).toBe(2);

      // A changed password leaves the session to the password rules (today: it goes on), read afresh.
      await users.update(db(), id, { passwordHash: 'changed' });
      expect(await auth.authenticate(token, client)).toMatchObject({ username: 'kades-a' });
      expect(repo.reads).toBe(3);

      await users.update(db(), id, { status: 'disabled' });
      expect(await auth.authenticate(token, client)).toBeNull();
      await users.update(db(), id, { status: 'active', role: 'kepala_desa', regionCode: '33.07.01.2001' });
      expect(await auth.authenticate(token, client)).toMatchObject({ role: 'kepala_desa' });
    });

    it('a session past its expiry is refused even while it is kept in memory', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const { token } = await auth.login('op-a', PASSWORD, client);
      const id = await db()
        .selectFrom('authSessions')
        .select(['id', 'expiresAt'])
        .orderBy('createdAt', 'desc')
        .executeTakeFirstOrThrow();
      expect(await auth.authenticate(token, client)).not.toBeNull();
      vi.setSystemTime(Date.parse(id.expiresAt) - 1);
      // Twelve hours on, the entry aged out long ago: it is read again, still valid for a millisecond.
      expect(await auth.authenticate(token, client)).not.toBeNull();
      vi.setSystemTime(Date.parse(id.expiresAt));
      expect(await auth.authenticate(token, client)).toBeNull();
    });

    it('a change made behind this process (another server, SQL) counts after at most a second', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const { token } = await auth.login('op-a', PASSWORD, client);
      expect(await auth.authenticate(token, client)).not.toBeNull();
      await db().updateTable('authSessions').set({ revokedAt: new Date().toISOString() }).execute();
      // Still in memory: the documented window.
      expect(await auth.authenticate(token, client)).not.toBeNull();
      vi.setSystemTime(Date.now() + SESSION_CACHE_MS + 1);
      expect(await auth.authenticate(token, client)).toBeNull();
      await db().updateTable('authSessions').set({ revokedAt: null }).execute();
    });

    it('a read racing a change is not kept: the next request reads the changed user', async () => {
      const { token } = await auth.login('op-b', PASSWORD, client);
      const id = await userId('op-b');
      let release!: () => void;
      repo.reads = 0;
      repo.hold = new Promise((r) => {
        release = r;
      });
      // The read reaches the database before the change; it answers after it.
      const racing = auth.authenticate(token, client);
      await vi.waitFor(() => expect(repo.reads).toBeGreaterThan(0));
      await users.update(db(), id, { status: 'disabled' });
      release();
      repo.hold = null;
      expect(await racing).not.toBeNull(); // answered with what it read, like any request already under way
      expect(await auth.authenticate(token, client)).toBeNull();
      await users.update(db(), id, { status: 'active' });
    });
  });
}
