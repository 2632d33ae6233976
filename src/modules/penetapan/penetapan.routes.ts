import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { fileHeaders, fileResponse } from '../../http/files.ts';
import { problems } from '../../http/schemas.ts';
import {
  DeterminationSummary,
  DiffPage,
  DiffQuery,
  PeriodDetail,
  PeriodDetailQuery,
  PeriodList,
  PeriodParams,
} from './penetapan.schemas.ts';

const tags = ['penetapan'];
const langQuery = z.strictObject({ lang: z.enum(['id', 'en']).optional() });

export const penetapanRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (
  app,
  { container },
) => {
  const svc = container.penetapan;

  app.get(
    '/periods',
    {
      schema: {
        tags,
        summary:
          'Periods, newest first, with the summary of each determination, and nextDeterminable: the period a determination should take next (the month after the latest determined one; null when every month up to now is determined)',
        querystring: langQuery,
        response: {
          200: PeriodList,
          ...problems,
        },
      },
    },
    async (req) => svc.list(actorOf(req)),
  );

  app.post(
    '/periods/:period/penetapan',
    {
      schema: {
        tags,
        summary:
          'Determine DTKS for a period (Pusdatin): an immutable numbered snapshot with its diff and SK. Idempotent: a repeat, or a concurrent request, answers the same summary and checksum',
        params: PeriodParams,
        querystring: langQuery,
        response: { 200: DeterminationSummary, ...problems },
      },
    },
    async (req) => svc.determine(actorOf(req), req.params.period),
  );

  app.get(
    '/periods/:period',
    {
      schema: {
        tags,
        summary: 'A period: summary and counts per province and regency (within your territory)',
        params: PeriodParams,
        querystring: PeriodDetailQuery,
        response: { 200: PeriodDetail, ...problems },
      },
    },
    async (req) => svc.get(actorOf(req), req.params.period, req.query.region),
  );

  app.get(
    '/periods/:period/changes',
    {
      schema: {
        tags,
        summary:
          'What changed against the previous determined period (filter by change and region; cursor pages)',
        params: PeriodParams,
        querystring: DiffQuery,
        response: { 200: DiffPage, ...problems },
      },
    },
    async (req) => svc.diff(actorOf(req), req.params.period, req.query),
  );

  app.get(
    '/periods/:period/sk.pdf',
    {
      schema: {
        tags,
        summary: 'The decree (SK) of a determined period, as PDF',
        params: PeriodParams,
        querystring: langQuery,
        response: { 200: fileResponse(['application/pdf'], 'The SK, as PDF'), ...problems },
      },
    },
    async (req, reply) => {
      const sk = await svc.openSk(actorOf(req), req.params.period);
      return fileHeaders(reply, { mime: 'application/pdf', name: sk.fileName, size: sk.size }).send(
        sk.stream,
      );
    },
  );
};
