/**
 * Usulan mandiri over HTTP: a verified citizen proposes a household or asks for a correction of their own
 * record, adds the KTP, KK and house photos, and follows each proposal (a citizen session; the staff side is
 * /api/v1/usulan, `?source=mandiri`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CITIZEN_USULAN_FILES } from '../../domain/citizen/self-proposal.ts';
import { citizenOf } from '../../http/context.ts';
import { attachmentTypes, fileBody, uploadedFile } from '../../http/files.ts';
import {
  citizenFiling,
  citizenOnly,
  citizenProblems,
  IdParams,
  LangQuery,
  ProblemSchema,
} from '../../http/schemas.ts';
import { CitizenUsulanView, MandiriCorrection, MandiriCreate } from './usulan.schemas.ts';
import type { UsulanService } from './usulan.service.ts';

const tags = ['usulan-mandiri'];
const FILES = attachmentTypes(...CITIZEN_USULAN_FILES);
const FileQuery = z.strictObject({
  kind: z.enum(CITIZEN_USULAN_FILES),
  name: z.string().max(200).default('foto.jpg'),
  lang: z.enum(['id', 'en']).optional(),
});

export const citizenUsulanRoutes: FastifyPluginAsyncZod<{ usulan: UsulanService }> = async (
  app,
  { usulan },
) => {
  app.get(
    '/public/citizen/usulan',
    {
      config: citizenOnly,
      schema: {
        tags,
        summary: 'My proposals and correction requests, newest first, with their status and outcome',
        querystring: LangQuery,
        response: { 200: z.object({ items: z.array(CitizenUsulanView) }), 401: ProblemSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await usulan.mineForCitizen(citizenOf(req)) };
    },
  );

  app.post(
    '/public/citizen/usulan',
    citizenFiling(
      tags,
      'Propose a household (mine or another family) for DTKS: a draft for its village operator (verified accounts; NIKs or KK numbers already held answer one neutral issue; limits per account)',
      MandiriCreate,
      CitizenUsulanView,
    ),
    async (req, reply) => reply.status(201).send(await usulan.createMandiri(citizenOf(req), req.body)),
  );

  app.post(
    '/public/citizen/corrections',
    citizenFiling(
      tags,
      'Ask for a correction of my DTKS record: a perbaikan draft for my village operator, never applied by itself (verified accounts)',
      MandiriCorrection,
      CitizenUsulanView,
    ),
    async (req, reply) => reply.status(201).send(await usulan.requestCorrection(citizenOf(req), req.body)),
  );

  app.get(
    '/public/citizen/usulan/:id',
    {
      config: citizenOnly,
      schema: {
        tags,
        summary: 'One of my proposals with its timeline (each step and when; never who)',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: CitizenUsulanView, ...citizenProblems },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return usulan.getForCitizen(citizenOf(req), req.params.id);
    },
  );

  app.post(
    '/public/citizen/usulan/:id/files',
    {
      config: citizenOnly,
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Add the KTP photo, the KK or a house photo (front, back, inside) to my proposal while the village has not submitted it (the file as the body; JPEG, PNG or WebP, the KK also PDF; at most 10 MiB)',
        params: IdParams,
        ...fileBody(FILES),
        querystring: FileQuery,
        response: { 201: CitizenUsulanView, 413: ProblemSchema, 415: ProblemSchema, ...citizenProblems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await usulan.attachForCitizen(
            citizenOf(req),
            req.params.id,
            req.query.kind,
            req.query.name,
            uploadedFile(req.body, FILES),
          ),
        ),
  );
};
