/**
 * Probes and metrics, all public (no session): `/healthz` answers while the process runs; `/readyz` 200 when
 * it can serve (database reachable, migrations current), 503 otherwise; `/metrics` the Prometheus text, only
 * with the `METRICS_TOKEN` bearer or over a direct loopback connection — any other caller gets the answer of
 * a path that does not exist.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../http/schemas.ts';
import type { HttpSettings } from '../../http/settings.ts';
import type { Metrics } from './metrics.ts';
import type { OpsService } from './ops.service.ts';

const Readiness = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.object({
    database: z.enum(['ok', 'unreachable']),
    migrations: z.enum(['current', 'pending_or_newer', 'unknown']),
  }),
});

export const opsRoutes: FastifyPluginAsyncZod<{
  ops: OpsService;
  metrics: Metrics;
  settings: HttpSettings;
}> = async (app, { ops, metrics, settings }) => {
  const probe = { config: { public: true } } as const;
  // Load balancers may probe with HEAD (the app exposes no HEAD routes by default: src/http/app.ts).
  const headProbe = { ...probe, exposeHeadRoute: true } as const;

  app.get(
    '/healthz',
    {
      ...headProbe,
      schema: {
        tags: ['ops'],
        summary: 'Liveness: answers while the process runs',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/readyz',
    {
      ...headProbe,
      schema: {
        tags: ['ops'],
        summary: "Readiness: 200 when the database answers and has exactly this version's migrations",
        response: {
          200: Readiness,
          503: Readiness.describe('Not ready: the database does not answer, or its migrations differ'),
        },
      },
    },
    async (_req, reply) => {
      const r = await ops.readiness();
      reply.header('cache-control', 'no-store');
      return reply
        .status(r.ready ? 200 : 503)
        .send({ status: r.ready ? 'ready' : 'unavailable', checks: r.checks });
    },
  );

  app.get(
    '/metrics',
    {
      ...probe,
      schema: {
        tags: ['ops'],
        summary:
          'Prometheus metrics: with `Authorization: Bearer` and the METRICS_TOKEN, or over a direct loopback connection',
        response: {
          200: {
            description: 'The Prometheus text exposition format',
            content: { 'text/plain': { schema: z.string() } },
          },
          404: ProblemSchema.describe(
            'Neither the METRICS_TOKEN nor a direct loopback connection: the answer of a path that does not exist',
          ),
        },
      },
    },
    async (req, reply) => {
      if (!mayReadMetrics(req, settings.metricsToken)) return reply.callNotFound();
      const { contentType, body } = await metrics.render();
      return reply.header('cache-control', 'no-store').type(contentType).send(body);
    },
  );
};

/**
 * The token, compared in constant time; or a loopback peer that is not a reverse proxy forwarding someone
 * else's request (a proxy on the same host connects from loopback for every client, and says so in
 * `X-Forwarded-For` / `Forwarded`). The socket's own address is used, never one taken from those headers.
 */
export function mayReadMetrics(req: FastifyRequest, token: string | null): boolean {
  const header = req.headers.authorization;
  if (token && header?.startsWith('Bearer ')) {
    const given = Buffer.from(header.slice(7).trim());
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  const peer = req.socket.remoteAddress ?? '';
  const loopback = peer === '::1' || peer.startsWith('127.') || peer.startsWith('::ffff:127.');
  return loopback && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}
