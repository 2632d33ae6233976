import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/context.ts';
import { problems } from '../../http/schemas.ts';
import { Wage, WageList, WageListQuery, WageSet } from './wages.schemas.ts';
import type { WagesService } from './wages.service.ts';

const tags = ['reference'];

export const wageRoutes: FastifyPluginAsyncZod<{ wages: WagesService }> = async (app, { wages }) => {
  app.get(
    '/minimum-wages',
    {
      schema: {
        tags,
        summary:
          "Regional minimum wages (UMP of a province, UMK of a regency) per year, integer rupiah a month; with `region`, the figures of that region's province (a regency: its UMK and the UMP)",
        querystring: WageListQuery,
        response: { 200: WageList, ...problems },
      },
    },
    async (req) => wages.list(actorOf(req), req.query),
  );

  app.put(
    '/minimum-wages',
    {
      schema: {
        tags,
        summary:
          "Set a province's UMP or a regency's UMK for a year (Dinas Sosial provinsi for its province, Pusdatin); changing a figure needs the version read",
        body: WageSet,
        response: { 200: Wage, ...problems },
      },
    },
    async (req) => wages.set(actorOf(req), req.body),
  );
};
