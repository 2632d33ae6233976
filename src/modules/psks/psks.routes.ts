import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { requestLang } from '../../http/problem.ts';
import { IdParams, problems } from '../../http/schemas.ts';
import { Removal } from '../households/households.schemas.ts';
import { History } from '../social/social.schemas.ts';
import { localWarnings } from '../social/social-register.ts';
import { PsksCreate, PsksDetail, PsksList, PsksListQuery, PsksPatch } from './psks.schemas.ts';

const tags = ['psks'];

export const psksRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.psks;

  app.get(
    '/psks',
    {
      schema: {
        tags,
        summary:
          'PSKS workers and institutions in your territory (cursor-paginated); filter by region, kind, status; q = name or NIK',
        querystring: PsksListQuery.extend({ lang: z.enum(['id', 'en']).optional() }),
        response: { 200: PsksList, ...problems },
      },
    },
    async (req) => {
      const { lang: _lang, ...query } = req.query;
      return svc.list(actorOf(req), query);
    },
  );

  app.post(
    '/psks',
    {
      schema: {
        tags,
        summary: 'Register a social-welfare worker or institution (institutions have no NIK)',
        body: PsksCreate,
        response: { 201: PsksDetail, ...problems },
      },
    },
    async (req, reply) => {
      const { warnings, ...record } = await svc.create(actorOf(req), req.body);
      return reply.status(201).send({ ...record, warnings: localWarnings(warnings, requestLang(req)) });
    },
  );

  app.get(
    '/psks/:id',
    {
      schema: {
        tags,
        summary: 'One PSKS record',
        params: IdParams,
        response: { 200: PsksDetail, ...problems },
      },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.patch(
    '/psks/:id',
    {
      schema: {
        tags,
        summary: 'Correct a PSKS record (send the version you edited and a reason)',
        params: IdParams,
        body: PsksPatch,
        response: { 200: PsksDetail, ...problems },
      },
    },
    async (req) => {
      const { warnings, ...record } = await svc.update(actorOf(req), req.params.id, req.body);
      return { ...record, warnings: localWarnings(warnings, requestLang(req)) };
    },
  );

  app.post(
    '/psks/:id/removal',
    {
      schema: {
        tags,
        summary: 'Remove from the PSKS register (status change with a reason; nothing is deleted)',
        params: IdParams,
        body: Removal,
        response: { 200: PsksDetail, ...problems },
      },
    },
    async (req) => svc.remove(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/psks/:id/history',
    {
      schema: {
        tags,
        summary: 'Every version, newest first, with who, when, why and what changed',
        params: IdParams,
        response: { 200: History, ...problems },
      },
    },
    async (req) => svc.history(actorOf(req), req.params.id),
  );
};
