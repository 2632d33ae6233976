/**
 * The DCI social-registry API over HTTP (docs/dci.md): `POST /api/v1/oauth/token` (client credentials),
 * `GET /.well-known/jwks.json`, and the spdci social_api_v1.0.0 endpoints under `/dci/registry/…`. These
 * routes are public to the staff session boundary: a partner proves itself with the bearer token this
 * module issued, checked here. Answers follow the DCI spec, not the API's problem+json: 401/403 as the
 * spec's HttpErrorResponse, a bad envelope as an ACK ERR (HTTP 400) with the spec's error code. They are
 * left out of DTKS's OpenAPI document: the spdci specification describes them.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { clientOf } from '../../http/context.ts';
import { isAppError } from '../../http/problem.ts';
import type { Limiters } from '../../http/rate-limits.ts';
import { type DciCaller, DciError, type DciService } from './dci.service.ts';

const publicRoute = { config: { public: true }, schema: { hide: true } } as const;
const dciRoute = { config: { public: true, ownRateLimit: true }, schema: { hide: true } } as const;

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const raw = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const at = raw.indexOf(':');
  if (at < 0) return null;
  // RFC 6749 §2.3.1: both parts are form-encoded before Basic encoding.
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: dec(raw.slice(0, at)), secret: dec(raw.slice(at + 1)) };
}

export const oauthRoutes: FastifyPluginAsync<{ dci: DciService }> = async (app, { dci }) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.post('/api/v1/oauth/token', publicRoute, async (req, reply) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<
      string,
      unknown
    >;
    const basic = basicCredentials(req.headers.authorization);
    const token = await dci.issueToken({
      grantType: body.grant_type,
      clientId: basic?.id ?? body.client_id,
      clientSecret: basic?.secret ?? body.client_secret,
      scope: body.scope,
    });
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return token;
  });
  app.get('/.well-known/jwks.json', publicRoute, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return dci.jwks();
  });
};

type Handler = (caller: DciCaller, body: unknown) => Promise<object>;

/** A refused request over the limit, in the spec's error form (HTTP 429 + `Retry-After`). */
const RATE_LIMITED = 'err.rate_limit.exceeded';

/**
 * Counted per partner (`DCI_RATE_LIMIT` a minute, keyed by the token's client id): the per-address limit
 * of anonymous requests would lump partners behind one gateway together. A request whose token fails
 * still counts against its address.
 */
async function counted(limit: () => Promise<void>): Promise<void> {
  try {
    await limit();
  } catch (err) {
    if (isAppError(err) && err.code === 'rate.limited') {
      const retry = Number(err.extra.retryAfter) || 60;
      throw Object.assign(new DciError(429, RATE_LIMITED, `too many requests: retry after ${retry} s`), {
        retryAfter: retry,
      });
    }
    throw err;
  }
}

export const dciRoutes: FastifyPluginAsync<{ dci: DciService; limiters: Limiters }> = async (
  app,
  { dci, limiters },
) => {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof DciError) return sendDciError(reply, dci, err);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500)
      return sendDciError(
        reply,
        dci,
        new DciError(400, 'err.request.bad', 'the body is not a JSON envelope'),
      );
    req.log.error(err);
    return reply
      .status(500)
      .send({ errors: [{ code: 'err.service.unavailable', message: 'internal error' }] });
  });

  const route = (path: string, handle: Handler) =>
    app.post(path, dciRoute, async (req: FastifyRequest, reply: FastifyReply) => {
      let caller: DciCaller;
      try {
        caller = await dci.authenticate(req.headers.authorization, clientOf(req));
      } catch (err) {
        await counted(() => limiters.request(req));
        throw err;
      }
      await counted(() => limiters.partner(req, caller.partner.clientId));
      const answer = await handle(caller, req.body);
      // Personal data: never stored by caches.
      reply.header('cache-control', 'no-store');
      return answer;
    });

  route('/registry/sync/search', (c, b) => dci.syncSearch(c, b));
  route('/registry/search', (c, b) => dci.asyncSearch(c, b));
  route('/registry/sync/txn/status', (c, b) => dci.syncTxnStatus(c, b));
  route('/registry/txn/status', (c, b) => dci.asyncTxnStatus(c, b));
  route('/registry/subscribe', (c, b) => dci.subscribe(c, b));
  route('/registry/unsubscribe', (c, b) => dci.unsubscribe(c, b));
};

/**
 * 400: the spec's ACK ERR. 401/403/500: the spec's HttpErrorResponse (`errors`) and, beside it, the same
 * error as an ACK ERR `message` — the form DCI clients (and the conformance suite) read first.
 */
function sendDciError(reply: FastifyReply, dci: DciService, err: DciError) {
  reply.header('cache-control', 'no-store');
  const ack = dci.errorAck(err);
  if (err.status === 400) return reply.status(400).send(ack);
  const retryAfter = (err as { retryAfter?: number }).retryAfter;
  if (retryAfter) reply.header('retry-after', String(retryAfter));
  if (err.status === 401)
    reply.header('www-authenticate', `Bearer error="invalid_token", error_description="${err.message}"`);
  return reply.status(err.status).send({ errors: [{ code: err.code, message: err.message }], ...ack });
}
