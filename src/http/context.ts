import type { FastifyRequest } from 'fastify';
import type { Actor } from '../modules/access/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    /** How the session came: a `Bearer` header (API clients) or the cookie (the web app). */
    sessionVia: 'bearer' | 'cookie' | null;
    /** The request reached us over HTTPS (`TLS=1`, or the request's own protocol). */
    overTls: boolean;
  }
  interface FastifyContextConfig {
    /**
     * Reachable without logging in. Only the login, the web app's files, the API docs, the OpenAPI document
     * and the probes and metrics (/healthz, /readyz, /metrics) are; new public routes go under /api/v1/public/ (enforced when routes are registered).
     */
    public?: boolean;
    /** A login attempt: limited per client address, and refused from another site's page. */
    loginAttempt?: boolean;
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

export function clientOf(req: FastifyRequest) {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null };
}
