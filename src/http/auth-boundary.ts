/**
 * The one authentication boundary. Fastify routes a request before `onRequest` runs, so the decision is
 * taken on the route that will answer — its configuration, never the URL text: every route needs a session
 * unless it declares `config: { public: true }`. (Deciding on the raw URL let `/%61pi/v1/…`, which the router
 * decodes to `/api/v1/…`, reach handlers without a session.)
 *
 * In order, per request: who is asking (bearer token or session cookie; on a `citizen: true` route, a
 * citizen session instead), the rate limit (per account when known, per client address otherwise; the web
 * build's files are not counted), 401
 * when a non-public route has no staff session or a citizen route no citizen session, and for a
 * cookie-authenticated write, that it comes from our own origin (Bearer clients cannot be made to send a
 * token by another site, cookies can).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../container.ts';
import { isPartner } from '../domain/access/roles.ts';
import { AppError } from '../domain/errors.ts';
import { CITIZEN_COOKIE } from '../modules/citizen/citizen.service.ts';
import { clientOf, purposeOf, SESSION_COOKIE } from './context.ts';
import { problemFromAppError, sendProblem } from './problem.ts';
import type { Limiters } from './rate-limits.ts';
import type { HttpSettings } from './settings.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may go without a session. A matched route decides by its configuration. An unmatched
 * request reaches only the not-found handler (the web app's page, or a 404 problem); under /api/ it needs a
 * session too, so an anonymous caller cannot tell an existing API route from a missing one.
 */
export function isPublicRequest(req: FastifyRequest): boolean {
  if (req.routeOptions.url !== undefined) return req.routeOptions.config?.public === true;
  return !decodedPath(req.url).toLowerCase().startsWith('/api/');
}

/**
 * A GET the not-found handler answers with the web app's page (a client-side route): not under /api/ or
 * /assets/. Only meaningful for an unmatched request.
 */
export function isAppPageRequest(req: FastifyRequest): boolean {
  return req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/');
}

/**
 * A file of the web build: its assets and offline shell files (routes declaring `webFile`) and the app's
 * page. The same for everyone, no personal data: not counted by the rate limits, so an office behind one
 * address is not stopped after a few fresh page loads. API requests are counted as before.
 */
function isWebFileRequest(req: FastifyRequest): boolean {
  if (req.routeOptions.url !== undefined) return req.routeOptions.config?.webFile === true;
  return isAppPageRequest(req);
}

function decodedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function registerAuthBoundary(
  app: FastifyInstance,
  container: Container,
  limiters: Limiters,
  settings: HttpSettings,
): void {
  app.addHook('onRequest', async (req, reply) => {
    const isPublic = isPublicRequest(req);
    if (!isPublic) {
      const header = req.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
      const token = bearer ?? req.cookies[SESSION_COOKIE] ?? null;
      const actor = token ? await container.auth.authenticate(token, clientOf(req)) : null;
      if (actor) {
        const purpose = purposeOf(req);
        req.actor = purpose ? { ...actor, purpose } : actor;
        req.sessionToken = token;
        req.sessionVia = bearer ? 'bearer' : 'cookie';
      }
    }
    const citizenRoute = req.routeOptions.config?.citizen === true;
    if (citizenRoute) {
      const header = req.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
      const token = bearer ?? req.cookies[CITIZEN_COOKIE] ?? null;
      const citizen = token ? await container.citizen.authenticate(token, clientOf(req)) : null;
      if (citizen) {
        req.citizen = citizen;
        req.citizenToken = token;
        req.sessionVia = bearer ? 'bearer' : 'cookie';
      }
    }
    // The DCI API counts per partner once the token is checked (src/modules/dci/dci.routes.ts).
    if (req.routeOptions.config?.ownRateLimit !== true && !isWebFileRequest(req)) await limiters.request(req);
    if (req.routeOptions.config?.loginAttempt) await limiters.login(req);
    if (!isPublic && !req.actor) {
      return deny(reply, req, new AppError('unauthorized', 'auth.required'));
    }
    if (req.actor && isPartner(req.actor.role) && req.routeOptions.config?.partners !== true) {
      return deny(
        reply,
        req,
        new AppError('forbidden', 'access.forbidden', { role: req.actor.role, permission: 'registry.read' }),
      );
    }
    const browserWrite = req.sessionVia === 'cookie' || req.routeOptions.config?.loginAttempt;
    if (browserWrite && !SAFE_METHODS.has(req.method) && !sameOrigin(req, settings)) {
      return deny(reply, req, new AppError('forbidden', 'auth.cross_origin'));
    }
  });
}

/**
 * A citizen route without a citizen session: 401 after the request was validated (a malformed request is
 * 400 first, as on every public route), before the handler.
 */
export function registerCitizenGate(app: FastifyInstance): void {
  // Callback-style (no promise per request): it runs on every request.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.routeOptions.config?.citizen && !req.citizen) {
      deny(reply, req, new AppError('unauthorized', 'citizen.session_required'));
      return;
    }
    done();
  });
}

function deny(reply: FastifyReply, req: FastifyRequest, err: AppError) {
  return sendProblem(reply, problemFromAppError(err, req));
}

/**
 * A browser names the page a write comes from in `Origin` (every fetch/XHR/form POST from current
 * browsers) or, failing that, `Referer`. For a cookie-authenticated write one of them must name our origin;
 * a login without either (scripts, curl) is allowed, as a login carries no session to abuse.
 */
function sameOrigin(req: FastifyRequest, settings: HttpSettings): boolean {
  const header = req.headers.origin ?? req.headers.referer;
  if (!header) return req.sessionVia !== 'cookie';
  const expected = settings.publicOrigin ?? originOf(`${req.protocol}://${req.host}`);
  return originOf(header) === expected;
}

/** The origin of a URL, normalised (`http://host:80` is `http://host`); null for `null` or garbage. */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
