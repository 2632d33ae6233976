import type { FastifyRequest } from 'fastify';
import type { Actor } from '../modules/access/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in. */
    public?: boolean;
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
