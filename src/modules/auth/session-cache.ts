/**
 * Authenticated sessions kept in memory for a second (lru-cache, bounded): every request of a logged-in
 * user otherwise reads its session and user from the database — on the audited person lookup one of its
 * two queries, and on PostgreSQL one of its round trips.
 *
 * What may change a cached session, and how the cache learns of it:
 * - this process's logout, or any change of a user through UsersRepository.update (role, territory,
 *   status, password): the entries of that token or user are dropped at once, so the next request reads
 *   the database again; and for `ttlMs` after a change of a user nothing of that user is cached, so a read
 *   made while the changing transaction was still open (PostgreSQL) cannot keep the old values;
 * - a session's own expiry: checked on every hit against the cached expiry;
 * - a change made by another process (a second app server, a CLI command, SQL by hand): seen when the
 *   entry ages out, at most `ttlMs` (1 s) later — the bound a multi-server deployment accepts.
 * A read that began before a drop is not cached (the generation counter), so a request racing a logout or
 * a role change cannot put the old session back.
 */
import { LRUCache } from 'lru-cache';

export interface CachedSession {
  userId: string;
  username: string;
  role: string;
  regionCode: string;
  /** The session's expiry, epoch milliseconds. */
  expiresAtMs: number;
}

/** How long a session read from the database is trusted without reading it again. */
export const SESSION_CACHE_MS = 1000;

export class SessionCache {
  readonly #entries: LRUCache<string, CachedSession>;
  #generation = 0;
  readonly #ttlMs: number;
  /** Users changed less than `ttlMs` ago (their change may not be committed yet): nothing of theirs is kept. */
  readonly #unsettled = new Map<string, number>();

  constructor(opts: { ttlMs?: number; max?: number } = {}) {
    this.#ttlMs = opts.ttlMs ?? SESSION_CACHE_MS;
    this.#entries = new LRUCache({
      max: opts.max ?? 10_000,
      ttl: this.#ttlMs,
      // Wall-clock time (as the session's own expiry), so tests can move it with a fake clock.
      perf: { now: () => Date.now() },
      // Read the clock on every look-up (no timer per look-up, no clock cached across a test's fake time).
      ttlResolution: 0,
    });
  }

  /** A session read from the database less than `ttlMs` ago and not expired since; else undefined. */
  get(sessionId: string): CachedSession | undefined {
    const s = this.#entries.get(sessionId);
    if (s && s.expiresAtMs <= Date.now()) {
      this.#entries.delete(sessionId);
      return undefined;
    }
    return s;
  }

  /** Taken before reading a session from the database, and handed back to `set`. */
  get generation(): number {
    return this.#generation;
  }

  /** Keeps a session read from the database, unless something was dropped since the read began. */
  set(sessionId: string, session: CachedSession, generation: number): void {
    if (generation !== this.#generation) return;
    const until = this.#unsettled.get(session.userId);
    if (until !== undefined) {
      if (until > Date.now()) return;
      this.#unsettled.delete(session.userId);
    }
    this.#entries.set(sessionId, session);
  }

  /** Drops one session (logout). */
  forgetSession(sessionId: string): void {
    this.#generation++;
    this.#entries.delete(sessionId);
  }

  /** Drops every session of a user (a change of the user: role, territory, status, password). */
  forgetUser(userId: string): void {
    this.#generation++;
    const now = Date.now();
    for (const [id, until] of this.#unsettled) if (until <= now) this.#unsettled.delete(id);
    this.#unsettled.set(userId, now + this.#ttlMs);
    for (const [id, s] of this.#entries.entries()) if (s.userId === userId) this.#entries.delete(id);
  }

  get size(): number {
    return this.#entries.size;
  }
}
