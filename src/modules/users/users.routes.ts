import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { IdParams, problems } from '../../http/schemas.ts';

export const PublicUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  status: z.string(),
});
export type PublicUser = z.infer<typeof PublicUser>;

export const userRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users in your territory (admin)',
        response: { 200: z.object({ items: z.array(PublicUser) }), ...problems },
      },
    },
    async (req) => ({ items: await container.users.list(actorOf(req)) }),
  );
  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user bound to a role and a region (admin)',
        body: z.strictObject({
          username: z.string().max(40),
          password: z.string().max(200),
          role: z.string().max(40),
          regionCode: z.string().max(20),
          displayName: z.string().trim().max(120).optional(),
        }),
        response: { 201: PublicUser, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await container.users.create(actorOf(req), req.body)),
  );
  app.post(
    '/users/:id/unlock',
    {
      schema: {
        tags: ['users'],
        summary: 'Lift every login wait on an account, from all client addresses (admin; audited)',
        params: IdParams,
        response: { 200: z.object({ cleared: z.number() }), ...problems },
      },
    },
    async (req) => container.auth.unlock(actorOf(req), { id: req.params.id }),
  );
};
