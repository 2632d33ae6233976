/**
 * The public API (issue 14), all under /api/v1/public/ and declared `public: true`: Cek Bansos, its
 * proof-of-work challenge and region cascade, WALIM (direct and provider webhooks), public statistics.
 * Plus one staff route: the abuse reports. Rules live in PublicService; this file is schemas in, one call,
 * schemas out, and the caching headers (checks never cached; statistics and regions cached publicly).
 */
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { RegionCodeParam } from '../../http/params.ts';
import { ProblemSchema, problems } from '../../http/schemas.ts';
import { clientKey } from '../../lib/client-key.ts';
import { AbuseReport, CheckAnswer, RegionItem, Statistics } from './public.schemas.ts';

const CheckBody = z
  .strictObject({
    nik: z
      .string()
      .regex(/^\d{16}$/)
      .optional()
      .describe('16 digits, with `name`'),
    regionCode: z.string().max(20).optional().describe('A village code (dotted or not), with `name`'),
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('Full name as on the KTP (case, spaces, old spellings fold)'),
    altcha: z.string().max(8000).optional().describe('The ALTCHA widget payload, when a challenge was asked'),
  })
  .refine((b) => (b.nik === undefined) !== (b.regionCode === undefined), {
    message: 'Send either nik or regionCode (not both)',
    path: ['nik'],
  });

const Challenge = z
  .object({
    parameters: z.object({
      algorithm: z.string(),
      nonce: z.string(),
      salt: z.string(),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string(),
      keySignature: z.string().optional(),
      memoryCost: z.number().optional(),
      parallelism: z.number().optional(),
      expiresAt: z.number().optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    }),
    signature: z.string().optional(),
  })
  .describe('An ALTCHA v2 challenge: the widget solves it and sends back its payload');

const limited = {
  429: ProblemSchema.describe(
    'rate.limited: too many checks from this client, of this NIK or village; see Retry-After',
  ),
};

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

export const publicRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const portal = container.publicPortal;
  const pub = { public: true } as const;

  app.get(
    '/public/challenge',
    {
      config: pub,
      schema: {
        tags: ['public'],
        summary: 'A proof-of-work challenge (ALTCHA) for the status check',
        response: { 200: Challenge },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return portal.challenge();
    },
  );

  app.post(
    '/public/status',
    {
      config: pub,
      schema: {
        tags: ['public'],
        summary: 'Cek Bansos: is this person in DTKS, and which programmes does the family receive (masked)',
        description:
          'By `{nik, name}` or `{regionCode, name}` (a village). A wrong name for an existing NIK answers like an absent NIK. ' +
          '403 `public.challenge_required`: solve `GET /api/v1/public/challenge` (ALTCHA) and resend with `altcha`.',
        body: CheckBody,
        response: { 200: CheckAnswer, ...limited },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return portal.check(req.body, { channel: 'web', key: clientKey(req.ip) });
    },
  );

  app.post(
    '/public/chat',
    {
      config: pub,
      schema: {
        tags: ['public'],
        summary: 'WALIM: one text command (CEK <NIK> <NAMA>, BANTUAN), one reply in Indonesian',
        body: z.strictObject({
          from: z.string().trim().min(1).max(40).describe('The sender (a phone number)'),
          text: z.string().max(1000),
        }),
        response: { 200: z.object({ reply: z.string() }), ...limited },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      // Counted per address too: anyone can name any sender here (a provider's webhook is signed instead).
      await portal.countDirectChat(clientKey(req.ip));
      return { reply: await portal.chat(req.body.from, req.body.text) };
    },
  );

  await app.register(async (plain) => {
    const hook = plain.withTypeProvider<ZodTypeProvider>();
    // The signature is over the exact bytes sent: keep them beside the parsed body.
    hook.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      req.rawBody = body as Buffer;
      try {
        done(null, JSON.parse((body as Buffer).toString('utf8')));
      } catch {
        const err = new Error('The body is not valid JSON') as Error & { statusCode: number };
        err.statusCode = 400;
        done(err, undefined);
      }
    });
    hook.post(
      '/public/chat/webhook/:provider',
      {
        config: pub,
        schema: {
          tags: ['public'],
          summary: 'WALIM for a messaging provider (WhatsApp Business): signed payload in, replies out',
          description:
            'Providers: `meta` (WhatsApp Cloud API, `X-Hub-Signature-256: sha256=<hex>`), `generic` ' +
            '(`{"messages":[{"from","text"}]}`, `X-Signature: <hex>`); HMAC-SHA256 of the raw body with ' +
            'CHAT_WEBHOOK_SECRET_<PROVIDER>. Answers one reply per text message; for `meta` DTKS also sends ' +
            'them through the Cloud API as jobs (WALIM_SENDER, docs/public-portal.md), others’ connectors send them.',
          params: z.strictObject({ provider: z.string().max(40) }),
          body: z.unknown(),
          response: {
            200: z.object({
              replies: z.array(z.object({ to: z.string(), reply: z.string() })),
              queued: z
                .int()
                .describe(
                  'Replies DTKS sends itself as `walim.reply` jobs (meta: WhatsApp Cloud API; else 0)',
                ),
            }),
            ...problems,
          },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        const header = portal.signatureHeader(req.params.provider);
        const signature = header ? req.headers[header] : undefined;
        return portal.webhook(
          req.params.provider,
          req.rawBody ?? Buffer.alloc(0),
          typeof signature === 'string' ? signature : undefined,
          req.body,
        );
      },
    );
  });

  app.get(
    '/public/chat/webhook/:provider',
    {
      config: pub,
      schema: {
        tags: ['public'],
        summary: 'WALIM: the WhatsApp Cloud API webhook verification (answers hub.challenge)',
        description:
          'Meta calls it once when the webhook is configured: `hub.mode=subscribe`, `hub.verify_token` equal to ' +
          'WHATSAPP_VERIFY_TOKEN → 200 with the challenge as plain text; otherwise 403 (404 without a token set).',
        params: z.strictObject({ provider: z.string().max(40) }),
        querystring: z.object({
          'hub.mode': z.string().max(40).optional(),
          'hub.verify_token': z.string().max(500).optional(),
          'hub.challenge': z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,200}$/)
            .optional(),
        }),
        response: { 200: z.string(), ...problems },
      },
    },
    async (req, reply) => {
      const challenge = portal.verifyWebhook(req.params.provider, {
        mode: req.query['hub.mode'],
        token: req.query['hub.verify_token'],
        challenge: req.query['hub.challenge'],
      });
      reply.header('cache-control', 'no-store').type('text/plain; charset=utf-8');
      return challenge;
    },
  );

  app.get(
    '/public/statistics',
    {
      config: pub,
      schema: {
        tags: ['public'],
        summary:
          'DTKS size and recipients per programme, per determined period and region (nation down to a village); cached',
        description:
          'Small-cell suppression: a figure counting fewer than `minCell` households (PUBLIC_STATS_MIN_CELL, ' +
          'default 10) is null, and so are the cells hidden with it so it cannot be derived from a total.',
        querystring: z.strictObject({
          region: z
            .string()
            .max(20)
            .optional()
            .describe('A province, regency, kecamatan or village code (dotted or not); none: the nation'),
          period: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .optional()
            .describe('A determined period (YYYY-MM); none: the newest, with the newest approved lists'),
        }),
        response: { 200: Statistics },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return portal.statistics(req.query.region, req.query.period);
    },
  );

  app.get(
    '/public/regions',
    {
      config: pub,
      schema: {
        tags: ['public'],
        summary: 'Provinces (names and codes) for the check’s region cascade',
        response: { 200: z.object({ items: z.array(RegionItem) }) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return { items: await portal.regionChildren() };
    },
  );

  app.get(
    '/public/regions/:code',
    {
      config: pub,
      schema: {
        tags: ['public'],
        summary: 'The regions directly below one (regencies, districts, villages)',
        params: z.strictObject({ code: RegionCodeParam }),
        response: { 200: z.object({ items: z.array(RegionItem) }) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return { items: await portal.regionChildren(req.params.code) };
    },
  );

  app.get(
    '/abuse-reports',
    {
      schema: {
        tags: ['public'],
        summary: 'Abuse of the public check (limits reached, failed challenges) in your territory',
        querystring: z.strictObject({
          region: z.string().max(20).optional(),
          days: z.coerce.number().int().min(1).max(90).optional(),
        }),
        response: { 200: z.object({ items: z.array(AbuseReport) }), ...problems },
      },
    },
    async (req) => portal.abuseReports(actorOf(req), req.query),
  );
};
