import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { problems } from '../../http/schemas.ts';

export const notificationRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (
  app,
  { container },
) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Notices for your territory (e.g. proposals that came back, and why)',
        response: {
          200: z.object({
            unread: z.number(),
            items: z.array(
              z.object({
                id: z.string(),
                kind: z.string(),
                message: z.object({ id: z.string(), en: z.string() }),
                link: z.string().nullable(),
                createdAt: z.string(),
                read: z.boolean(),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => container.notifications.list(actorOf(req)),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark a notice read',
        params: z.strictObject({ id: z.string().max(64) }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await container.notifications.markRead(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
