import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { problems } from '../../http/schemas.ts';

const Params = z.strictObject({ id: z.string().max(64) });

export const attachmentRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (
  app,
  { container },
) => {
  for (const variant of ['file', 'thumbnail'] as const) {
    app.get(
      variant === 'file' ? '/attachments/:id' : '/attachments/:id/thumbnail',
      {
        schema: {
          tags: ['attachments'],
          summary: variant === 'file' ? 'Download an attachment' : 'A JPEG preview of an image attachment',
          params: Params,
          response: problems,
        },
      },
      async (req, reply) => {
        const { row, stream, mime } = await container.attachments.open(actorOf(req), req.params.id, variant);
        reply.header('content-type', mime);
        reply.header('cache-control', 'private, max-age=3600');
        reply.header('content-disposition', `inline; filename="${row.originalName.replace(/"/g, '')}"`);
        return reply.send(stream as never);
      },
    );
  }
};
