import type { FastifyRequest } from 'fastify';
import type { Actor } from '../modules/access/actor.ts';
import type { CitizenSession } from '../modules/citizen/citizen.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    /** How the session came: a `Bearer` header (API clients) or the cookie (the web app). */
    sessionVia: 'bearer' | 'cookie' | null;
    /** The request reached us over HTTPS (`TLS=1`, or the request's own protocol). */
    overTls: boolean;
    /** The logged-in citizen on a `citizen: true` route (a citizen session, never a staff one). */
    citizen: CitizenSession | null;
    citizenToken: string | null;
  }
  interface FastifyContextConfig {
    /**
     * Reachable without logging in. Only the login, the web app's files, the API docs, the OpenAPI document
     * and the probes and metrics (/healthz, /readyz, /metrics) are; new public routes go under /api/v1/public/ (enforced when routes are registered).
     */
    public?: boolean;
    /** A login attempt: limited per client address, and refused from another site's page. */
    loginAttempt?: boolean;
    /** Counted by the route itself, not per client address (the DCI API: per partner, after its token). */
    ownRateLimit?: boolean;
    /**
     * A file of the web build (/assets/*, the service worker, manifest, icon): the same for everyone and no
     * personal data, so not counted by the rate limits (an office behind one address loads them on every
     * fresh page load).
     */
    webFile?: boolean;
    /**
     * A citizen's own route (under /api/v1/public/, so also `public: true`): the auth boundary requires a
     * citizen session (cookie `dtks_citizen` or `Authorization: Bearer`) and answers 401
     * `citizen.session_required` without one. Staff sessions are not citizens.
     */
    citizen?: boolean;
    /**
     * Reachable by distribution partners (roles `pos`, `pengadaan`); every other route answers them 403, so a
     * partner never reaches registry data, whatever a service would allow (docs/distribution.md).
     */
    partners?: boolean;
  }
}

export const SESSION_COOKIE = 'dtks_session';

/** The authenticated actor; the auth hook has already answered 401 when there is none. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error('route without authentication reached a handler');
  return req.actor;
}

/** The logged-in citizen; the auth boundary has already answered 401 when there is none. */
export function citizenOf(req: FastifyRequest): CitizenSession {
  if (!req.citizen) throw new Error('citizen route without a citizen session reached a handler');
  return req.citizen;
}

/**
 * Why a staff request reads or changes records, from `X-Purpose` (percent-encoded UTF-8, as browsers
 * cannot send other bytes in a header): the screen's purpose, or the text a user typed. At most 200
 * characters, control characters dropped.
 */
export function purposeOf(req: FastifyRequest): string | null {
  const raw = req.headers['x-purpose'];
  if (typeof raw !== 'string' || raw === '') return null;
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {}
  const clean = text
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, 200);
  return clean === '' ? null : clean;
}

export function clientOf(req: FastifyRequest) {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null };
}
