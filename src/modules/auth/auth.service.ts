import { hash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import type { Role } from '../../domain/access/roles.ts';
import { AppError } from '../../domain/errors.ts';
import { nowIso } from '../../lib/ids.ts';
import type { Actor } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import type { PublicUser, UsersService } from '../users/users.service.ts';
import type { AuthRepository } from './auth.repository.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';

export const LOCKOUT = { maxFailures: 5, minutes: 15 };
const SESSION_HOURS = 12;
const TOUCH_AFTER_MS = 5 * 60_000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const invalidCredentials = () =>
  new AppError('unauthorized', 'auth.invalid_credentials', {
    id: 'Nama pengguna atau kata sandi salah',
    en: 'Wrong username or password',
  });

const hashToken = (token: string) => hash('sha256', token); // one-shot: a third of createHash's cost

export class AuthService {
  readonly #db: Kysely<DB>;
  readonly #repo: AuthRepository;
  readonly #users: UsersRepository;
  readonly #usersService: UsersService;
  readonly #audit: AuditService;

  constructor(
    db: Kysely<DB>,
    repo: AuthRepository,
    users: UsersRepository,
    usersService: UsersService,
    audit: AuditService,
  ) {
    this.#db = db;
    this.#repo = repo;
    this.#users = users;
    this.#usersService = usersService;
    this.#audit = audit;
  }

  /**
   * Checks the password. After `LOCKOUT.maxFailures` consecutive failures for a username the name is locked
   * for `LOCKOUT.minutes` — counted per username whether or not the account exists, in the database (so
   * every process sees it), so neither the 401 nor the 429 tells an attacker which usernames exist.
   */
  async login(
    username: string,
    password: string,
    client: ClientInfo,
  ): Promise<{ token: string; user: PublicUser }> {
    const key = username.trim().toLowerCase();
    const user = await this.#users.findByUsername(this.#db, username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    const now = new Date();
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
    const throttle = await this.#repo.throttle(this.#db, key);
    if (throttle?.lockedUntil && throttle.lockedUntil > now.toISOString()) {
      await this.#audit.recordRead(actor, { action: 'auth.login_locked', ...subject });
      throw new AppError(
        'rate_limited',
        'auth.locked',
        {
          id: `Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah ${throttle.lockedUntil}.`,
          en: `Account temporarily locked after too many failed attempts. Try again after ${throttle.lockedUntil}.`,
        },
        { extra: { lockedUntil: throttle.lockedUntil } },
      );
    }
    if (!ok || !user || user.status !== 'active') {
      const failures = (throttle?.failures ?? 0) + 1;
      const lock = failures >= LOCKOUT.maxFailures;
      await this.#db.transaction().execute(async (trx) => {
        await this.#repo.saveThrottle(
          trx,
          key,
          lock ? 0 : failures,
          lock ? new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString() : null,
          now.toISOString(),
        );
        await this.#audit.record(trx, actor, {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          ...subject,
          details: { failures, ...(user ? {} : { reason: 'unknown_user' }) },
        });
      });
      throw invalidCredentials();
    }
    const token = randomBytes(32).toString('base64url');
    const at = now.toISOString();
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.clearThrottle(trx, key);
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
      await this.#audit.record(trx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
    });
    return { token, user: await this.#usersService.toPublic(user) };
  }

  /** The actor behind a bearer/cookie token, or null when the token is unknown, expired or revoked. */
  async authenticate(token: string, client: ClientInfo): Promise<Actor | null> {
    const id = hashToken(token);
    const s = await this.#repo.sessionWithUser(this.#db, id);
    const now = new Date();
    if (!s || s.revokedAt || s.expiresAt <= now.toISOString() || s.status !== 'active') return null;
    if (now.getTime() - Date.parse(s.lastUsedAt) > TOUCH_AFTER_MS) {
      await this.#repo.touchSession(this.#db, id, now.toISOString());
    }
    return {
      userId: s.userId,
      username: s.username,
      role: s.role as Role,
      regionCode: s.regionCode,
      ...client,
    };
  }

  async me(actor: Actor): Promise<PublicUser> {
    const user = await this.#users.findById(this.#db, actor.userId ?? '');
    if (!user) throw invalidCredentials();
    return this.#usersService.toPublic(user);
  }

  async logout(token: string, actor: Actor): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.revokeSession(trx, hashToken(token), nowIso());
      await this.#audit.record(trx, actor, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
  }
}
