import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Lang } from '../../domain/errors.ts';
import { actorOf } from '../../http/context.ts';
import { fileHeaders, fileResponse } from '../../http/files.ts';
import { requestLang } from '../../http/problem.ts';
import { IdParams, problems } from '../../http/schemas.ts';
import { JobList, JobListQuery, JobQuery, JobStart, JobStarted, JobViewSchema } from './jobs.schemas.ts';
import type { JobsService, JobView } from './jobs.service.ts';

const tags = ['jobs'];
/** Partners reach these routes for their own jobs of the kinds open to them (JobKind.partners). */
const config = { partners: true };

export const jobRoutes: FastifyPluginAsyncZod<{ jobs: JobsService }> = async (app, { jobs }) => {
  const answer = (v: JobView, lang: Lang) => ({
    ...v,
    result: v.result === null ? null : (jobs.kindOf(v.kind)?.present?.(v.result, lang) ?? v.result),
    error: v.error && { code: v.error.code, message: v.error.message[lang] },
  });

  app.get(
    '/jobs',
    {
      config,
      schema: {
        tags,
        summary: 'Jobs started in your territory (or only yours), newest first; results are read one by one',
        querystring: JobListQuery,
        response: { 200: JobList, ...problems },
      },
    },
    async (req) => {
      const { items, nextCursor } = await jobs.list(actorOf(req), {
        mine: req.query.mine === 'true',
        state: req.query.state,
        cursor: req.query.cursor,
        limit: req.query.limit,
      });
      return { items, nextCursor };
    },
  );

  app.post(
    '/jobs',
    {
      config,
      schema: {
        tags,
        summary:
          'Queue a job of a kind that needs no file (penetapan.determine); its parameters are checked before it is queued. Imports start at their own routes (POST /imports/households)',
        body: JobStart,
        response: { 202: JobStarted, ...problems },
      },
    },
    async (req, reply) => {
      const job = await jobs.enqueue(actorOf(req), req.body.kind, req.body.params);
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.get(
    '/jobs/:id',
    {
      config,
      schema: {
        tags,
        summary: 'One job: state, progress and, once done, its result',
        params: IdParams,
        querystring: JobQuery,
        response: { 200: JobViewSchema, ...problems },
      },
    },
    async (req) => answer(await jobs.get(actorOf(req), req.params.id), requestLang(req)),
  );

  app.get(
    '/jobs/:id/result',
    {
      config,
      schema: {
        tags,
        summary:
          "Download a finished job's file (household.export: the CSV; distribution.invitations: a ZIP of one PDF per village), for the job's owner only; audited, never cached, removed after EXPORT_TTL_HOURS",
        params: IdParams,
        querystring: JobQuery,
        response: {
          200: fileResponse(
            ['text/csv', 'application/zip'],
            'The result file (household.export: CSV, text/csv; charset=utf-8; distribution.invitations: application/zip)',
          ),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const file = await jobs.download(actorOf(req), req.params.id);
      return fileHeaders(reply, { mime: file.mime, name: file.name, size: file.size }).send(file.stream);
    },
  );

  app.post(
    '/jobs/:id/cancel',
    {
      config,
      schema: {
        tags,
        summary:
          'Cancel a job: a queued one at once, a running one at its next checkpoint (that step is rolled back)',
        params: IdParams,
        querystring: JobQuery,
        response: { 200: JobViewSchema, ...problems },
      },
    },
    async (req) => answer(await jobs.cancel(actorOf(req), req.params.id), requestLang(req)),
  );
};
