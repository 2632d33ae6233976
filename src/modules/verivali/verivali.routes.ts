import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { attachmentTypes, fileBody, uploadedFile } from '../../http/files.ts';
import { IdParams, identityProblems, ProblemSchema, problems } from '../../http/schemas.ts';
import { text } from '../households/households.schemas.ts';
import {
  Candidate,
  CandidatesQuery,
  Officer,
  OfficersQuery,
  VisitAssign,
  VisitBulkAssign,
  VisitListItem,
  VisitListQuery,
  VisitRecord,
  VisitStep,
  VisitView,
} from './verivali.schemas.ts';

const tags = ['verivali'];
const PHOTO_UPLOAD_TYPES = attachmentTypes('visit_photo');

export const verivaliRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.verivali;

  app.get(
    '/visits',
    {
      schema: {
        tags,
        summary:
          'Visits in your territory (an officer sees the visits given to them; mine=true narrows to yours)',
        querystring: VisitListQuery,
        response: {
          200: z.object({ items: z.array(VisitListItem), nextCursor: z.string().nullable() }),
          ...problems,
        },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/visits/candidates',
    {
      schema: {
        tags,
        summary:
          'Proposals accepted by the Musdes/Muskel in a region and period (default: the newest period with any there), with their open visit',
        querystring: CandidatesQuery,
        response: { 200: z.object({ period: z.string(), items: z.array(Candidate) }), ...problems },
      },
    },
    async (req) => svc.candidates(actorOf(req), req.query.region, req.query.period),
  );

  app.get(
    '/visits/officers',
    {
      schema: {
        tags,
        summary: 'Field officers (petugas) whose territory covers a village: who a visit there can go to',
        querystring: OfficersQuery,
        response: { 200: z.object({ items: z.array(Officer) }), ...problems },
      },
    },
    async (req) => ({ items: await svc.officers(actorOf(req), req.query.village) }),
  );

  app.post(
    '/visits',
    {
      schema: {
        tags,
        summary:
          'Assign a visit to a field officer: for an accepted proposal or a DTKS household (Dinas Sosial)',
        body: VisitAssign,
        response: { 201: VisitView, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.assign(actorOf(req), req.body)),
  );

  app.post(
    '/visits/bulk',
    {
      schema: {
        tags,
        summary: 'Assign every accepted proposal of a village and period without a visit to one officer',
        body: VisitBulkAssign,
        response: {
          200: z.object({ assigned: z.number(), alreadyAssigned: z.number(), visitIds: z.array(z.string()) }),
          ...problems,
        },
      },
    },
    async (req) => svc.assignVillage(actorOf(req), req.body),
  );

  app.get(
    '/visits/:id',
    {
      schema: {
        tags,
        summary:
          'A visit with its instrument (or the starting point for the form), photos and allowed actions',
        params: IdParams,
        response: { 200: VisitView, ...problems },
      },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/visits/:id/record',
    {
      schema: {
        tags,
        summary: 'Record the visit: finding, GPS, notes and the instrument (field officer)',
        params: IdParams,
        body: VisitRecord,
        response: { 200: VisitView, ...identityProblems },
      },
    },
    async (req) => svc.record(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/visits/:id/photos',
    {
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Add a photo taken at the visit: the image itself as the body (image/jpeg, image/png, image/webp)',
        ...fileBody(PHOTO_UPLOAD_TYPES),
        params: IdParams,
        querystring: z.strictObject({
          name: z.string().max(200).default('foto.jpg'),
          lang: z.enum(['id', 'en']).optional(),
        }),
        response: { 201: VisitView, 413: ProblemSchema, ...problems },
      },
    },
    async (req, reply) => {
      const body = uploadedFile(req.body, PHOTO_UPLOAD_TYPES);
      return reply.status(201).send(await svc.attachPhoto(actorOf(req), req.params.id, req.query.name, body));
    },
  );

  for (const step of ['accept', 'redo', 'cancel'] as const) {
    app.post(
      `/visits/:id/${step}`,
      {
        schema: {
          tags,
          summary: `Visit step: ${step} (Dinas Sosial; 409 with currentState and allowed when not possible now)`,
          params: IdParams,
          body: step === 'redo' ? VisitStep.extend({ note: text(500).min(3) }) : VisitStep,
          response: { 200: VisitView, ...(step === 'accept' ? identityProblems : problems) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const { version, note } = req.body;
        if (step === 'accept') return svc.accept(actor, req.params.id, version, note);
        if (step === 'redo') return svc.redo(actor, req.params.id, version, note!);
        return svc.cancel(actor, req.params.id, version, note);
      },
    );
  }
};
