import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/context.ts';
import { problems } from '../../http/schemas.ts';
import {
  ProgrammeCodeParams,
  ProgrammeDetail,
  ProgrammeDocumentBody,
  ProgrammeList,
  ProgrammeVersionDetail,
  ProgrammeVersionList,
  ProgrammeVersionParams,
} from './programmes.schemas.ts';
import type { ProgrammesService } from './programmes.service.ts';

const tags = ['programmes'];

export const programmeRoutes: FastifyPluginAsyncZod<{ programmes: ProgrammesService }> = async (
  app,
  { programmes },
) => {
  app.get(
    '/programmes',
    {
      schema: {
        tags,
        summary:
          'Assistance programmes (PKH, BPNT, PBI-JK, KIP Kuliah, provincial ones) with the version in force',
        response: { 200: ProgrammeList, ...problems },
      },
    },
    async (req) => programmes.list(actorOf(req)),
  );

  app.post(
    '/programmes',
    {
      schema: {
        tags,
        summary:
          'Upload a programme version (docs/programmes.md) as a draft: refused with the JSON pointer of every problem and nothing stored; an existing version is refused (409)',
        body: ProgrammeDocumentBody,
        response: { 201: ProgrammeVersionDetail, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(await programmes.upload(actorOf(req), req.body)),
  );

  app.get(
    '/programmes/:code',
    {
      schema: {
        tags,
        summary: 'One programme: the version in force with its document, and every version',
        params: ProgrammeCodeParams,
        response: { 200: ProgrammeDetail, ...problems },
      },
    },
    async (req) => programmes.get(actorOf(req), req.params.code),
  );

  app.get(
    '/programmes/:code/versions',
    {
      schema: {
        tags,
        summary: "A programme's versions, newest first",
        params: ProgrammeCodeParams,
        response: { 200: ProgrammeVersionList, ...problems },
      },
    },
    async (req) => programmes.versions(actorOf(req), req.params.code),
  );

  app.get(
    '/programmes/:code/versions/:version',
    {
      schema: {
        tags,
        summary: 'One version of a programme with its document',
        params: ProgrammeVersionParams,
        response: { 200: ProgrammeVersionDetail, ...problems },
      },
    },
    async (req) => programmes.version(actorOf(req), req.params.code, req.params.version),
  );

  app.post(
    '/programmes/:code/versions/:version/publish',
    {
      schema: {
        tags,
        summary:
          "Publish a draft version: it becomes the programme's version in force and the previous one is retired (409 unless a draft)",
        params: ProgrammeVersionParams,
        response: { 200: ProgrammeVersionDetail, ...problems },
      },
    },
    async (req) => programmes.publish(actorOf(req), req.params.code, req.params.version),
  );
};
