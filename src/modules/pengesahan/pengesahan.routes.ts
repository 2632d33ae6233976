import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { attachmentTypes, fileBody, uploadedFile } from '../../http/files.ts';
import { IdParams, ProblemSchema, problems } from '../../http/schemas.ts';
import {
  Overview,
  OverviewQuery,
  SubmissionComment,
  SubmissionCreate,
  SubmissionForward,
  SubmissionList,
  SubmissionListQuery,
  SubmissionReturn,
  SubmissionSubmit,
  SubmissionView,
} from './pengesahan.schemas.ts';

const tags = ['pengesahan'];
const LETTER_UPLOAD_TYPES = attachmentTypes('approval_letter');

export const submissionRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (
  app,
  { container },
) => {
  const svc = container.submissions;

  app.get(
    '/submissions',
    {
      schema: {
        tags,
        summary:
          'Regency submissions (pengesahan) in your territory, newest period first, by period, region and state; without a period, every period (the history). `workPeriod`: the period screens open on — the newest with a submission or a signed Berita Acara in the territory, else the period being worked on',
        querystring: SubmissionListQuery,
        response: { 200: SubmissionList, ...problems },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/submissions/overview',
    {
      schema: {
        tags,
        summary: 'Per province and regency: the state of each submission of a period (national overview)',
        querystring: OverviewQuery,
        response: { 200: Overview, ...problems },
      },
    },
    async (req) => svc.overview(actorOf(req), req.query.period, req.query.province),
  );

  app.post(
    '/submissions',
    {
      schema: {
        tags,
        summary:
          "Open the regency's submission for a period (Dinas Sosial kab/kota); answers the existing one (200) if already open",
        body: SubmissionCreate,
        response: { 200: SubmissionView, 201: SubmissionView, ...problems },
      },
    },
    async (req, reply) => {
      const { created, view } = await svc.create(actorOf(req), req.body);
      return reply.status(created ? 201 : 200).send(view);
    },
  );

  app.get(
    '/submissions/:id',
    {
      schema: {
        tags,
        summary: 'A submission: its signed Berita Acara, villages still without one, the approval letter',
        params: IdParams,
        response: { 200: SubmissionView, ...problems },
      },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/submissions/:id/approval-letter',
    {
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "Upload the Bupati/Walikota's approval letter: send the file itself as the body (application/pdf, image/jpeg, image/png)",
        ...fileBody(LETTER_UPLOAD_TYPES),
        params: IdParams,
        querystring: z.strictObject({
          name: z.string().max(200).default('surat-pengesahan.pdf'),
          lang: z.enum(['id', 'en']).optional(),
        }),
        response: { 201: SubmissionView, 413: ProblemSchema, ...problems },
      },
    },
    async (req, reply) => {
      const body = uploadedFile(req.body, LETTER_UPLOAD_TYPES);
      return reply
        .status(201)
        .send(await svc.uploadLetter(actorOf(req), req.params.id, req.query.name, body));
    },
  );

  app.post(
    '/submissions/:id/submit',
    {
      schema: {
        tags,
        summary:
          'Submit through the province to the national level (needs the approval letter and at least one signed — where the regency uses the kecamatan step, acknowledged — Berita Acara; 409 with currentState and allowed when not possible now). Villages still deliberating, villages without a session or proposals still moving answer 409 submission.unresolved listing them (openSessions, pendingUsulan, pendingTotal, villagesWithoutSession) unless confirm is true. Sent twice with the same version: answers the current state',
        params: IdParams,
        body: SubmissionSubmit,
        response: { 200: SubmissionView, ...problems },
      },
    },
    async (req) => svc.submit(actorOf(req), req.params.id, req.body.version, req.body.confirm === true),
  );

  app.post(
    '/submissions/:id/return',
    {
      schema: {
        tags,
        summary: 'Return a submission to the regency with a note (Pusdatin)',
        params: IdParams,
        body: SubmissionReturn,
        response: { 200: SubmissionView, ...problems },
      },
    },
    async (req) => svc.returnToRegency(actorOf(req), req.params.id, req.body.version, req.body.note),
  );

  app.post(
    '/submissions/:id/forward',
    {
      schema: {
        tags,
        summary:
          'Forward a submission waiting at the province to Pusdatin, with an optional comment (Dinas Sosial provinsi)',
        params: IdParams,
        body: SubmissionForward,
        response: { 200: SubmissionView, ...problems },
      },
    },
    async (req) => svc.forward(actorOf(req), req.params.id, req.body.version, req.body.comment),
  );

  app.post(
    '/submissions/:id/province-return',
    {
      schema: {
        tags,
        summary:
          'Return a submission waiting at the province to the regency with a note (Dinas Sosial provinsi)',
        params: IdParams,
        body: SubmissionReturn,
        response: { 200: SubmissionView, ...problems },
      },
    },
    async (req) => svc.provinceReturn(actorOf(req), req.params.id, req.body.version, req.body.note),
  );

  app.post(
    '/submissions/:id/comments',
    {
      schema: {
        tags,
        summary:
          'Comment on a submission (Dinas Sosial provinsi while reviewing; the regency and Pusdatin may answer)',
        params: IdParams,
        body: SubmissionComment,
        response: { 200: SubmissionView, ...problems },
      },
    },
    async (req) => svc.addComment(actorOf(req), req.params.id, req.body.body),
  );
};
