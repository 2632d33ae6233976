/**
 * The DCI API's partner systems over the staff API (`dci.manage`, docs/dci.md): list, register (the secret
 * is answered this once) and revoke — the same service functions as `dtks dci partner …`, audited there.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/context.ts';
import { problems } from '../../http/schemas.ts';
import { PartnerInput } from './dci.schemas.ts';
import type { DciService } from './dci.service.ts';

const tags = ['dci'];

export const Partner = z.object({
  clientId: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  regionCode: z.string(),
  callbackHosts: z.array(z.string()),
  signsMessages: z.boolean(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const dciPartnerRoutes: FastifyPluginAsyncZod<{ dci: DciService }> = async (app, { dci }) => {
  app.get(
    '/dci/partners',
    {
      schema: {
        tags,
        summary: 'The DCI partner systems of your territory, revoked ones too (never their secrets)',
        response: { 200: z.object({ items: z.array(Partner) }), ...problems },
      },
    },
    async (req) => ({ items: await dci.listPartners(actorOf(req)) }),
  );

  app.post(
    '/dci/partners',
    {
      schema: {
        tags,
        summary:
          'Register a partner system: its client secret is in this answer only (stored as a hash, never shown again)',
        body: PartnerInput.omit({ secret: true }),
        response: { 201: z.object({ clientId: z.string(), clientSecret: z.string() }), ...problems },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await dci.addPartner(actorOf(req), req.body));
    },
  );

  app.post(
    '/dci/partners/:clientId/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a partner system: its tokens stop working on their next request',
        params: z.strictObject({ clientId: z.string().max(63) }),
        response: { 200: Partner, ...problems },
      },
    },
    async (req) => dci.revokePartner(actorOf(req), req.params.clientId),
  );
};
