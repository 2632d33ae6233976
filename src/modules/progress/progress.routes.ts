import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { problems } from '../../http/schemas.ts';
import { Progress, ProgressQuery } from './progress.schemas.ts';

export const progressRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  app.get(
    '/progress',
    {
      schema: {
        tags: ['progress'],
        summary:
          'A regency (or district, or village) in a period: per village, proposals per state, the Musdes session, visits per state and open Dukcapil findings, with totals',
        querystring: ProgressQuery,
        response: { 200: Progress, ...problems },
      },
    },
    async (req) => container.progress.progress(actorOf(req), req.query.region, req.query.period),
  );
};
