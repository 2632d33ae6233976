/**
 * Abuse limits (@fastify/rate-limit), counted per minute:
 * - every request of a logged-in account, keyed by the account (an office behind one address is not one
 *   client), after authentication;
 * - every request without a session, keyed by the client address (IPv6 by its /64);
 * - login attempts, keyed by the client address, whatever the username (the per-account side of login is
 *   the lockout's back-off in AuthService: a per-account limit here would let anyone keep a user out).
 * - every request of a DCI partner on /dci routes, keyed by the client id of its token (routes declaring
 *   `ownRateLimit` skip the per-address limit and call `partner` themselves, after authenticating).
 * Counters live in Redis when REDIS_URL is set, so several server processes count together; otherwise in
 * the process. A Redis outage lets requests through (logged) rather than taking the API down: the login
 * lockout, kept in the database, still bounds password guessing.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { plainLabel } from '../domain/catalogue.ts';
import { AppError } from '../domain/errors.ts';
import { clientKey } from '../lib/client-key.ts';
import type { HttpSettings } from './settings.ts';

const WINDOW_MS = 60_000;

export type Limiter = (req: FastifyRequest) => Promise<void>;

export interface Limiters {
  /** Per account when `req.actor` is set, per client address otherwise. */
  request: Limiter;
  /** Login attempts per client address. */
  login: Limiter;
  /** Requests of one DCI partner, keyed by its client id. */
  partner: (req: FastifyRequest, clientId: string) => Promise<void>;
}

/** The partner a request is counted for (set just before the check). */
const partnerOf = new WeakMap<FastifyRequest, string>();

export async function registerRateLimits(app: FastifyInstance, settings: HttpSettings): Promise<Limiters> {
  let redis: Redis | null = null;
  if (settings.redisUrl) {
    const { Redis } = await import('ioredis');
    redis = new Redis(settings.redisUrl, {
      // Fail fast instead of queueing requests behind a Redis that is down.
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
    });
    redis.on('error', (err) => app.log.warn({ err }, 'rate-limit store (Redis) unavailable'));
    app.addHook('onClose', async () => {
      redis?.disconnect();
    });
    // Counting starts with the first request: wait for the connection (not longer than its timeout).
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, 2000);
      redis!.once('ready', done);
    });
  }
  await app.register(fastifyRateLimit, {
    global: false,
    cache: 10_000,
    skipOnError: true,
    ...(redis ? { redis, nameSpace: settings.redisPrefix } : {}),
  });
  const { account, anonymous, login, dci } = settings.rateLimits;
  const perAccount = app.createRateLimit({
    max: account,
    timeWindow: WINDOW_MS,
    keyGenerator: (req) => `account:${req.actor?.userId}`,
  });
  const perClient = app.createRateLimit({
    max: anonymous,
    timeWindow: WINDOW_MS,
    keyGenerator: (req) => `client:${clientKey(req.ip)}`,
  });
  const loginPerClient = app.createRateLimit({
    max: login,
    timeWindow: WINDOW_MS,
    keyGenerator: (req) => `login:${clientKey(req.ip)}`,
  });
  const perPartner = app.createRateLimit({
    max: dci,
    timeWindow: WINDOW_MS,
    keyGenerator: (req) => `dci:${partnerOf.get(req)}`,
  });
  const limiter =
    (check: (req: FastifyRequest) => ReturnType<typeof perClient>): Limiter =>
    async (req) => {
      const result = await check(req);
      if (result.isAllowed || !result.isExceeded) return;
      throw tooManyRequests(Math.max(1, result.ttlInSeconds));
    };
  return {
    request: limiter((req) => (req.actor?.userId ? perAccount(req) : perClient(req))),
    login: limiter(loginPerClient),
    partner: (req, clientId) => {
      partnerOf.set(req, clientId);
      return limiter(perPartner)(req);
    },
  };
}

function tooManyRequests(retryAfter: number): AppError {
  return new AppError('rate_limited', 'rate.limited', { retryAfter }, { extra: { retryAfter } });
}

/**
 * A browser loading a page (a link, the address bar, a reload), which cannot show a JSON document: it asks
 * for HTML by name. The web app's own API calls ask for JSON.
 */
export function isNavigation(req: FastifyRequest): boolean {
  return /\btext\/html\b/i.test(req.headers.accept ?? '');
}

/**
 * 429 for a page load: a small page in both languages (the visitor may read either) with Retry-After, the
 * same wording as the problem document, never cached.
 */
export function sendRateLimitPage(reply: FastifyReply, err: AppError): FastifyReply {
  const title = plainLabel('title.429');
  const html = `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.id} / ${title.en}</title></head>
<body>
<h1>${title.id}</h1>
<p>${err.text.id}</p>
<h1 lang="en">${title.en}</h1>
<p lang="en">${err.text.en}</p>
</body>
</html>
`;
  if (typeof err.extra.retryAfter === 'number') reply.header('retry-after', String(err.extra.retryAfter));
  return reply.status(429).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}
