import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { RegionCodeListParam, RegionCodeParam } from '../../http/params.ts';
import { problems } from '../../http/schemas.ts';

export const RegionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number(),
  parentCode: z.string().nullable(),
});
export type RegionView = z.infer<typeof RegionView>;
export const RegionDetail = RegionView.extend({
  ancestors: z.array(RegionView),
  children: z.array(RegionView),
});
export type RegionDetail = z.infer<typeof RegionDetail>;

/**
 * Partners (PT Pos, procurement) read region names too: Kemendagri's codes and names are public reference
 * data, and their screens name batches, points and coverage by region.
 */
const config = { partners: true };

export const regionRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  app.get(
    '/regions',
    {
      config,
      schema: {
        tags: ['regions'],
        summary: 'All provinces, or the regions named in `codes` (one request for every name on a screen)',
        querystring: z.strictObject({
          codes: RegionCodeListParam.optional(),
        }),
        response: { 200: z.object({ items: z.array(RegionView) }), ...problems },
      },
    },
    async (req) => ({
      items:
        req.query.codes === undefined
          ? await container.regions.provinces()
          : await container.regions.many(req.query.codes.split(','), 'codes'),
    }),
  );
  app.get(
    '/regions/:code',
    {
      config,
      schema: {
        tags: ['regions'],
        summary: 'A region with its parent chain and children; codes with or without dots',
        params: z.strictObject({ code: RegionCodeParam }),
        response: {
          200: RegionDetail,
          ...problems,
        },
      },
    },
    async (req) => container.regions.get(req.params.code),
  );
};
