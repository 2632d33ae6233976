import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RankingModelDocument } from '../../domain/ranking/model.ts';
import { actorOf } from '../../http/context.ts';
import { IdParams, problems } from '../../http/schemas.ts';
import {
  HouseholdRanking,
  ModelVersionParams,
  PublishBody,
  RankingModelList,
  RankingModelSummary,
  RankingQuery,
  RankingRunList,
  RankingRunsParams,
} from './ranking.schemas.ts';
import type { RankingService } from './ranking.service.ts';

const tags = ['ranking'];

export const rankingRoutes: FastifyPluginAsyncZod<{ ranking: RankingService }> = async (app, { ranking }) => {
  app.get(
    '/ranking-models',
    {
      schema: {
        tags,
        summary: 'Ranking (PMT) model versions, newest first, with how each spreads the check sample',
        response: { 200: RankingModelList, ...problems },
      },
    },
    async (req) => ranking.listModels(actorOf(req)),
  );

  app.post(
    '/ranking-models',
    {
      schema: {
        tags,
        summary:
          'Upload a model version (docs/ranking.md): refused with the exact path of every problem and nothing stored; stored as a draft, flagged when it puts over half the check sample into one decile',
        body: RankingModelDocument,
        response: { 201: RankingModelSummary, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(await ranking.uploadModel(actorOf(req), req.body)),
  );

  app.post(
    '/ranking-models/:version/publish',
    {
      schema: {
        tags,
        summary:
          'Publish a draft model version (a flagged one needs confirmConcentration); ranking a period then uses it (POST /jobs, kind ranking.rank)',
        params: ModelVersionParams,
        body: PublishBody,
        response: { 200: RankingModelSummary, ...problems },
      },
    },
    async (req) => ranking.publishModel(actorOf(req), req.params.version, req.body),
  );

  app.get(
    '/households/:id/ranking',
    {
      schema: {
        tags,
        summary:
          "A household's score, deciles (national, province, regency), BPS criteria count and each variable's contribution in a ranked period: its newest finished run, or with `model` that model version's run (past results stay as they were; 404 as for the household, also when that model did not rank the period)",
        params: IdParams,
        querystring: RankingQuery,
        response: { 200: HouseholdRanking, ...problems },
      },
    },
    async (req) => ranking.householdRanking(actorOf(req), req.params.id, req.query.period, req.query.model),
  );

  app.get(
    '/periods/:period/ranking-runs',
    {
      schema: {
        tags,
        summary:
          "The finished ranking runs of a period, newest first: the model versions that ranked it (a household's ranking reads the first by default, any with ?model=)",
        params: RankingRunsParams,
        response: { 200: RankingRunList, ...problems },
      },
    },
    async (req) => ranking.rankingRuns(actorOf(req), req.params.period),
  );
};
