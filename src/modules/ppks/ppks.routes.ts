import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { requestLang } from '../../http/problem.ts';
import { IdParams, problems } from '../../http/schemas.ts';
import { Removal } from '../households/households.schemas.ts';
import { History } from '../social/social.schemas.ts';
import { localWarnings } from '../social/social-register.ts';
import { PpksCreate, PpksDetail, PpksList, PpksListQuery, PpksPatch } from './ppks.schemas.ts';

const tags = ['ppks'];

export const ppksRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.ppks;

  app.get(
    '/ppks',
    {
      schema: {
        tags,
        summary:
          'PPKS in your territory (cursor-paginated); filter by region, current category, status; q = name or NIK',
        querystring: PpksListQuery.extend({ lang: z.enum(['id', 'en']).optional() }),
        response: { 200: PpksList, ...problems },
      },
    },
    async (req) => {
      const { lang: _lang, ...query } = req.query;
      return svc.list(actorOf(req), query);
    },
  );

  app.post(
    '/ppks',
    {
      schema: {
        tags,
        summary: 'Register a person needing social-welfare services, with one or more categories',
        body: PpksCreate,
        response: { 201: PpksDetail, ...problems },
      },
    },
    async (req, reply) => {
      const { warnings, ...record } = await svc.create(actorOf(req), req.body);
      return reply.status(201).send({ ...record, warnings: localWarnings(warnings, requestLang(req)) });
    },
  );

  app.get(
    '/ppks/:id',
    {
      schema: {
        tags,
        summary: 'One PPKS record with its categories',
        params: IdParams,
        response: { 200: PpksDetail, ...problems },
      },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.patch(
    '/ppks/:id',
    {
      schema: {
        tags,
        summary:
          'Correct a PPKS record (send the version you edited and a reason; categories replace the list)',
        params: IdParams,
        body: PpksPatch,
        response: { 200: PpksDetail, ...problems },
      },
    },
    async (req) => {
      const { warnings, ...record } = await svc.update(actorOf(req), req.params.id, req.body);
      return { ...record, warnings: localWarnings(warnings, requestLang(req)) };
    },
  );

  app.post(
    '/ppks/:id/removal',
    {
      schema: {
        tags,
        summary: 'Remove from the PPKS register (status change with a reason; nothing is deleted)',
        params: IdParams,
        body: Removal,
        response: { 200: PpksDetail, ...problems },
      },
    },
    async (req) => svc.remove(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/ppks/:id/history',
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
