import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/context.ts';
import { problems } from '../../http/schemas.ts';
import { HouseholdsPage, HouseholdsQuery, TargetingOverview, TargetingQuery } from './analytics.schemas.ts';
import type { AnalyticsService } from './analytics.service.ts';

const tags = ['analytics'];

export const analyticsRoutes: FastifyPluginAsyncZod<{ analytics: AnalyticsService }> = async (
  app,
  { analytics },
) => {
  app.get(
    '/analytics/targeting',
    {
      schema: {
        tags,
        summary:
          'Targeting analytics of a region of your territory for a ranked period: households per national decile, per child region, decile movement since the previous ranked period, provinces for the tile map (aggregates only)',
        querystring: TargetingQuery,
        response: { 200: TargetingOverview, ...problems },
      },
    },
    async (req) => analytics.targeting(actorOf(req), req.query),
  );

  app.get(
    '/analytics/targeting/households',
    {
      schema: {
        tags,
        summary:
          'The drill-down behind a chart: households of the region (optionally of one decile, and of one previous decile), with score and deciles (audited)',
        querystring: HouseholdsQuery,
        response: { 200: HouseholdsPage, ...problems },
      },
    },
    async (req) => analytics.households(actorOf(req), req.query),
  );
};
