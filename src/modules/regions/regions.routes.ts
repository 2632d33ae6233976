import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { ProblemSchema } from '../../http/schemas.ts';

const RegionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number(),
  parentCode: z.string().nullable(),
});

export const regionRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  app.get(
    '/regions',
    {
      config: { public: true },
      schema: {
        tags: ['regions'],
        summary: 'All provinces',
        response: { 200: z.object({ items: z.array(RegionView) }) },
      },
    },
    async () => ({ items: await container.regions.provinces() }),
  );
  app.get(
    '/regions/:code',
    {
      config: { public: true },
      schema: {
        tags: ['regions'],
        summary: 'A region with its parent chain and children; codes with or without dots',
        params: z.strictObject({ code: z.string().max(20) }),
        response: {
          200: RegionView.extend({ ancestors: z.array(RegionView), children: z.array(RegionView) }),
          400: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (req) => container.regions.get(req.params.code),
  );
};
