import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { ATTACHMENT_MIMES, fileHeaders, fileResponse } from '../../http/files.ts';
import { problems } from '../../http/schemas.ts';

const Params = z.strictObject({ id: z.string().max(64) });
const FileQuery = z.strictObject({
  disposition: z
    .enum(['attachment', 'inline'])
    .default('attachment')
    .describe('inline: show a photo (JPEG, PNG, WebP) in the browser; every other file is a download anyway'),
  lang: z.enum(['id', 'en']).optional(),
});
const ThumbnailQuery = z.strictObject({ lang: z.enum(['id', 'en']).optional() });

export const attachmentRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (
  app,
  { container },
) => {
  app.get(
    '/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        summary:
          'Download an attachment, as the type found in its content (a download unless a photo is asked for inline)',
        params: Params,
        querystring: FileQuery,
        response: { 200: fileResponse(ATTACHMENT_MIMES), ...problems },
      },
    },
    async (req, reply) => {
      const file = await container.attachments.open(actorOf(req), req.params.id, 'file');
      fileHeaders(reply, {
        mime: file.mime,
        name: file.fileName,
        size: file.row.size,
        inline: req.query.disposition === 'inline',
      });
      return reply.send(file.stream);
    },
  );

  app.get(
    '/attachments/:id/thumbnail',
    {
      schema: {
        tags: ['attachments'],
        summary: 'A JPEG preview of an image attachment, for display',
        params: Params,
        querystring: ThumbnailQuery,
        response: { 200: fileResponse(['image/jpeg'], 'The preview (JPEG)'), ...problems },
      },
    },
    async (req, reply) => {
      const file = await container.attachments.open(actorOf(req), req.params.id, 'thumbnail');
      fileHeaders(reply, { mime: file.mime, name: file.fileName, inline: true });
      return reply.send(file.stream);
    },
  );
};
