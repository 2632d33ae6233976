import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { RegionCodeParam } from '../../http/params.ts';
import { IdParams, problems } from '../../http/schemas.ts';
import {
  IneligibleBody,
  IneligibleListItem,
  IneligibleResult,
  LiftBody,
  LiftResult,
} from './eligibility.schemas.ts';

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

  app.post(
    '/households/:id/ineligible/lift',
    {
      schema: {
        tags,
        summary:
          'Lift a declaration of ineligibility (Dinas Sosial): the NIKs may be proposed again; 404 when the household has none standing',
        params: IdParams,
        body: LiftBody,
        response: { 200: LiftResult, ...problems },
      },
    },
    async (req) => svc.liftIneligible(actorOf(req), req.params.id, req.body),
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
