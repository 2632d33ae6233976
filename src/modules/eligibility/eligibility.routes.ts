import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { RegionCodeParam } from '../../http/params.ts';
import { IdParams, problems } from '../../http/schemas.ts';
import { IneligibleBody, IneligibleListItem, IneligibleResult } from './eligibility.schemas.ts';

const tags = ['eligibility'];

export const eligibilityRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (
  app,
  { container },
) => {
  const svc = container.eligibility;

  app.post(
    '/households/:id/ineligible',
    {
      schema: {
        tags,
        summary:
          'Declare a household ineligible (Dinas Sosial): removes it (declared_ineligible) and bars its NIKs from new proposals',
        params: IdParams,
        body: IneligibleBody,
        response: { 200: IneligibleResult, ...problems },
      },
    },
    async (req) => svc.declareIneligible(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/ineligible',
    {
      schema: {
        tags,
        summary: 'Households declared ineligible in your territory, newest first',
        querystring: z.strictObject({
          region: RegionCodeParam.optional(),
          lang: z.enum(['id', 'en']).optional(),
        }),
        response: { 200: z.object({ items: z.array(IneligibleListItem) }), ...problems },
      },
    },
    async (req) => ({ items: await svc.list(actorOf(req), req.query.region) }),
  );
};
