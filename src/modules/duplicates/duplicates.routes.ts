import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/context.ts';
import { IdParams, problems } from '../../http/schemas.ts';
import { CandidateDetail, Resolution, Worklist, WorklistQuery } from './duplicates.schemas.ts';
import type { DuplicatesService } from './duplicates.service.ts';

const tags = ['duplicates'];

export const duplicateRoutes: FastifyPluginAsyncZod<{ service: DuplicatesService }> = async (
  app,
  { service },
) => {
  app.get(
    '/duplicates',
    {
      schema: {
        tags,
        summary: 'Likely duplicate households in your territory (Dinas Sosial worklist), cursor-paginated',
        querystring: WorklistQuery.extend({ lang: z.enum(['id', 'en']).optional() }),
        response: { 200: Worklist, ...problems },
      },
    },
    async (req) => {
      const { lang: _lang, ...query } = req.query;
      return service.worklist(actorOf(req), query);
    },
  );

  app.get(
    '/duplicates/:id',
    {
      schema: {
        tags,
        summary: 'A duplicate candidate with both households in full (side-by-side view)',
        params: IdParams,
        response: { 200: CandidateDetail, ...problems },
      },
    },
    async (req) => service.get(actorOf(req), req.params.id),
  );

  app.post(
    '/duplicates/:id/resolve',
    {
      schema: {
        tags,
        summary:
          'Resolve a candidate: same_family (link), not_duplicate (dismiss) or remove one household with the reason duplikat',
        params: IdParams,
        body: Resolution,
        response: { 200: CandidateDetail, ...problems },
      },
    },
    async (req) => service.resolve(actorOf(req), req.params.id, req.body),
  );
};
