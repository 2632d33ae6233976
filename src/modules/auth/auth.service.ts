import { hash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import {
  freeAttempts,
  LOCKOUT,
  lockedUntil,
  waitMinutes,
  waitSteps,
} from '../../domain/access/login-backoff.ts';
import type { Role } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { clientKey } from '../../lib/client-key.ts';
import { nowIso } from '../../lib/ids.ts';
import { type Actor, assertWithin, requirePermission } from '../access/actor.ts';
import { findRecord } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import type { PublicUser, UsersService } from '../users/users.service.ts';
import type { AuthRepository } from './auth.repository.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import type { CachedSession, SessionCache } from './session-cache.ts';

export { LOCKOUT };

const SESSION_HOURS = 12;
const TOUCH_AFTER_MS = 5 * 60_000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const invalidCredentials = () => new AppError('unauthorized', 'auth.invalid_credentials');

const hashToken = (token: string) => hash('sha256', token); // one-shot: a third of createHash's cost

export class AuthService {
  readonly #db: Kysely<DB>;
  readonly #repo: AuthRepository;
  readonly #users: UsersRepository;
  readonly #usersService: UsersService;
  readonly #audit: AuditService;
  readonly #sessions: SessionCache | undefined;

  constructor(
    db: Kysely<DB>,
    repo: AuthRepository,
    users: UsersRepository,
    usersService: UsersService,
    audit: AuditService,
    sessions?: SessionCache,
  ) {
    this.#db = db;
    this.#repo = repo;
    this.#users = users;
    this.#usersService = usersService;
    this.#audit = audit;
    this.#sessions = sessions;
  }

  /**
   * Checks the password, within the lockout's limits (src/domain/access/login-backoff.ts): counted per
   * username — existing or not, so neither the 401 nor the 429 tells which usernames exist — and client
   * address, in the database (every process sees it). The attempt is counted before the password is
   * checked, atomically, so parallel guesses cannot run more checks than the free attempts. A successful
   * login stores a fresh hash when the stored one is made with older parameters.
   */
  async login(
    username: string,
    password: string,
    client: ClientInfo,
  ): Promise<{ token: string; user: PublicUser }> {
    const key = username.trim().toLowerCase();
    const from = clientKey(client.ip);
    const now = new Date();
    const at = now.toISOString();
    const forgetBefore = new Date(now.getTime() - LOCKOUT.forgetAfterHours * 3600_000).toISOString();
    const free = freeAttempts(await this.#repo.accountFailures(this.#db, key, forgetBefore));
    const failures = await this.#repo.claimAttempt(this.#db, {
      username: key,
      client: from,
      at,
      free,
      waitCutoffs: waitSteps().map((m) => new Date(now.getTime() - m * 60_000).toISOString()),
      forgetBefore,
    });
    const user = await this.#users.findByUsername(this.#db, username);
    const actor: Actor = user
      ? {
          userId: user.id,
          username: user.username,
          role: user.role as Role,
          regionCode: user.regionCode,
          ...client,
        }
      : { userId: null, username: key, role: 'auditor', regionCode: '', anonymous: true, ...client };
    const subject = user ? { entityType: 'user', entityId: user.id } : {};
    if (failures === undefined) {
      const row = await this.#repo.attempts(this.#db, key, from);
      const until = (row && lockedUntil(row.failures, row.lastAttemptAt, free)) ?? at;
      await this.#audit.recordRead(actor, { action: 'auth.login_locked', ...subject });
      const retryAfter = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
      throw new AppError(
        'rate_limited',
        'auth.locked',
        { until },
        { extra: { lockedUntil: until, retryAfter } },
      );
    }
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!ok || !user || user.status !== 'active') {
      const locks = waitMinutes(failures, free) > 0;
      await this.#db.transaction().execute(async (trx) => {
        await this.#repo.addAccountFailure(trx, key, at, forgetBefore);
        await this.#audit.record(trx, actor, {
          action: locks ? 'auth.locked' : 'auth.login_failed',
          ...subject,
          details: {
            failures,
            client: from,
            ...(locks ? { lockedUntil: lockedUntil(failures, at, free) } : {}),
            ...(user ? {} : { reason: 'unknown_user' }),
          },
        });
      });
      throw invalidCredentials();
    }
    const token = randomBytes(32).toString('base64url');
    const rehashed = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.clearAttempts(trx, key, from);
      if (rehashed) await this.#users.update(trx, user.id, { passwordHash: rehashed, updatedAt: at });
      await this.#repo.insertSession(trx, {
        id: hashToken(token),
        userId: user.id,
        createdAt: at,
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
        lastUsedAt: at,
        revokedAt: null,
        ip: client.ip,
        userAgent: client.userAgent,
      });
      await this.#audit.record(trx, actor, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        ...(rehashed ? { details: { passwordRehashed: true } } : {}),
      });
    });
    return { token, user: await this.#usersService.toPublic(user) };
  }

  /**
   * An administrator lifts every wait on an account (all client addresses) — for a user who forgot their
   * password or an account under a spread-out guessing attack. A user outside the administrator's
   * territory is not found, like an absent one.
   */
  async unlock(actor: Actor, ref: { id: string } | { username: string }): Promise<{ cleared: number }> {
    requirePermission(actor, 'user.manage');
    const user =
      'id' in ref
        ? await findRecord(ref.id, (id) => this.#users.findById(this.#db, id))
        : await this.#users.findByUsername(this.#db, ref.username);
    const what = label('record.user');
    if (!user) throw notFound(what);
    assertWithin(actor, user.regionCode, what);
    return this.#db.transaction().execute(async (trx) => {
      const cleared = await this.#repo.clearAttempts(trx, user.username.toLowerCase());
      await this.#audit.record(trx, actor, {
        action: 'user.unlock',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.regionCode || null,
        details: { username: user.username, cleared },
      });
      return { cleared };
    });
  }

  /**
   * The actor behind a bearer/cookie token, or null when the token is unknown, expired or revoked. A session
   * read from the database is trusted for a second (SessionCache: dropped at once on logout or a change of
   * its user in this process; another process's changes count after at most that second).
   */
  async authenticate(token: string, client: ClientInfo): Promise<Actor | null> {
    const id = hashToken(token);
    const s = this.#sessions?.get(id) ?? (await this.#readSession(id));
    if (!s) return null;
    return {
      userId: s.userId,
      username: s.username,
      role: s.role as Role,
      regionCode: s.regionCode,
      ...client,
    };
  }

  async #readSession(id: string): Promise<CachedSession | null> {
    const generation = this.#sessions?.generation ?? 0;
    const s = await this.#repo.sessionWithUser(this.#db, id);
    const now = new Date();
    if (!s || s.revokedAt || s.expiresAt <= now.toISOString() || s.status !== 'active') return null;
    if (now.getTime() - Date.parse(s.lastUsedAt) > TOUCH_AFTER_MS) {
      await this.#repo.touchSession(this.#db, id, now.toISOString());
    }
    const session: CachedSession = {
      userId: s.userId,
      username: s.username,
      role: s.role,
      regionCode: s.regionCode,
      expiresAtMs: Date.parse(s.expiresAt),
    };
    this.#sessions?.set(id, session, generation);
    return session;
  }

  async me(actor: Actor): Promise<PublicUser> {
    const user = await this.#users.findById(this.#db, actor.userId ?? '');
    if (!user) throw invalidCredentials();
    return this.#usersService.toPublic(user);
  }

  async logout(token: string, actor: Actor): Promise<void> {
    const id = hashToken(token);
    this.#sessions?.forgetSession(id);
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.revokeSession(trx, id, nowIso());
      await this.#audit.record(trx, actor, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
    this.#sessions?.forgetSession(id);
  }
}
