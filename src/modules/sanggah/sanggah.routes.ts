/**
 * Sanggah over HTTP: the citizen's side under /api/v1/public/citizen/sanggah (a citizen session, verified
 * account), the Dinas Sosial's under /api/v1/sanggah (a staff session).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, citizenOf } from '../../http/context.ts';
import { attachmentTypes, fileBody, uploadedFile } from '../../http/files.ts';
import {
  citizenFiling,
  citizenOnly,
  citizenProblems,
  IdParams,
  LangQuery,
  ProblemSchema,
  problems,
} from '../../http/schemas.ts';
import {
  EvidenceQuery,
  SanggahDecision,
  SanggahForCitizen,
  SanggahForStaff,
  SanggahListQuery,
  SanggahSubmit,
} from './sanggah.schemas.ts';
import type { SanggahService } from './sanggah.service.ts';

const tags = ['sanggah'];
const PHOTO = attachmentTypes('sanggah_evidence');

export const sanggahRoutes: FastifyPluginAsyncZod<{ sanggah: SanggahService }> = async (app, { sanggah }) => {
  app.get(
    '/public/citizen/sanggah',
    {
      config: citizenOnly,
      schema: {
        tags,
        summary: 'My objections (sanggah), newest first, with their state and decision',
        querystring: LangQuery,
        response: { 200: z.object({ items: z.array(SanggahForCitizen) }), 401: ProblemSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await sanggah.mine(citizenOf(req)) };
    },
  );

  app.post(
    '/public/citizen/sanggah',
    citizenFiling(
      tags,
      'Object to a current recipient of my village, named by NIK and name as the public check takes them (verified accounts; 404 for anyone else; limits per citizen, family and village)',
      SanggahSubmit,
      SanggahForCitizen,
    ),
    async (req, reply) => reply.status(201).send(await sanggah.submit(citizenOf(req), req.body)),
  );

  app.post(
    '/public/citizen/sanggah/:id/evidence',
    {
      config: citizenOnly,
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Add an evidence photo to my open objection (the file as the body: image/jpeg, image/png or image/webp, at most 10 MiB; at most 3)',
        params: IdParams,
        ...fileBody(PHOTO),
        querystring: EvidenceQuery,
        response: { 201: SanggahForCitizen, 413: ProblemSchema, 415: ProblemSchema, ...citizenProblems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await sanggah.addEvidence(
            citizenOf(req),
            req.params.id,
            req.query.name,
            uploadedFile(req.body, PHOTO),
          ),
        ),
  );

  app.post(
    '/public/citizen/sanggah/:id/withdraw',
    {
      config: citizenOnly,
      schema: {
        tags,
        summary: 'Withdraw my open objection',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: SanggahForCitizen, ...citizenProblems },
      },
    },
    async (req) => sanggah.withdraw(citizenOf(req), req.params.id),
  );

  app.get(
    '/sanggah',
    {
      schema: {
        tags,
        summary: 'Objections of your territory (default: open ones), oldest first',
        querystring: SanggahListQuery,
        response: { 200: z.object({ items: z.array(SanggahForStaff) }), ...problems },
      },
    },
    async (req) => ({ items: await sanggah.list(actorOf(req), req.query) }),
  );

  app.get(
    '/sanggah/:id',
    {
      schema: {
        tags,
        summary: 'One objection with the household and the evidence photos',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: SanggahForStaff, ...problems },
      },
    },
    async (req) => sanggah.get(actorOf(req), req.params.id),
  );

  app.post(
    '/sanggah/:id/decision',
    {
      schema: {
        tags,
        summary:
          'Investigate (optionally asking for a verivali visit), uphold (declares the household ineligible) or reject with a reason (regency Dinas Sosial)',
        params: IdParams,
        querystring: LangQuery,
        body: SanggahDecision,
        response: { 200: SanggahForStaff, ...problems },
      },
    },
    async (req) => sanggah.decide(actorOf(req), req.params.id, req.body),
  );
};
