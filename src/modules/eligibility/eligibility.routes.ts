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
  OptOut,
  OptOutBody,
  OptOutParams,
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

  app.get(
    '/households/:id/opt-outs',
    {
      schema: {
        tags,
        summary:
          "A household's opt-outs of programmes, standing and withdrawn, newest first (404 as for the household)",
        params: IdParams,
        response: { 200: z.object({ items: z.array(OptOut) }), ...problems },
      },
    },
    async (req) => svc.optOuts(actorOf(req), req.params.id),
  );

  app.post(
    '/households/:id/opt-outs',
    {
      schema: {
        tags,
        summary:
          "Record a household's opt-out of a programme on its written request: the next recipients computation excludes it with OPTED_OUT (409 when one already stands)",
        params: IdParams,
        body: OptOutBody,
        response: { 201: OptOut, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.recordOptOut(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/households/:id/opt-outs/:optOutId/withdraw',
    {
      schema: {
        tags,
        summary:
          'Withdraw a standing opt-out (the household asks to be considered again): the next recipients computation evaluates it as any other',
        params: OptOutParams,
        body: LiftBody,
        response: { 200: OptOut, ...problems },
      },
    },
    async (req) => svc.withdrawOptOut(actorOf(req), req.params.id, req.params.optOutId, req.body),
  );
};
