import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue, type Lang } from '../../domain/errors.ts';
import { actorOf } from '../../http/context.ts';
import { fileBody } from '../../http/files.ts';
import { requestLang } from '../../http/problem.ts';
import { IdParams, ProblemSchema, problems } from '../../http/schemas.ts';
import { JobStarted } from '../jobs/jobs.schemas.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { safeFileName } from '../transfer/transfer.service.ts';
import { AID_SOURCE_IMPORT } from './aid-sources.jobs.ts';
import {
  EntriesQuery,
  EntryPage,
  ImportQuery,
  OverlapPage,
  OverlapsQuery,
  SourceList,
  SourceView,
} from './aid-sources.schemas.ts';
import type { AidSourcesService } from './aid-sources.service.ts';

const tags = ['aid-sources'];

/** Largest list accepted over HTTP (~2,000,000 lines of NIK and KK); bigger ones: `dtks aid-source import`. */
export const AID_SOURCE_BODY_LIMIT = 64 * 1024 * 1024;

const tooLarge = () =>
  new AppError('too_large', 'request.too_large', { limit: AID_SOURCE_BODY_LIMIT / 1024 / 1024 });

const localIssues = (issues: FieldIssue[], lang: Lang) =>
  issues.map((i) => ({ field: i.field, code: i.code, message: i.message[lang] }));

export const aidSourceRoutes: FastifyPluginAsyncZod<{
  aidSources: AidSourcesService;
  jobs: JobsService;
}> = async (app, { aidSources, jobs }) => {
  // Scoped to this plugin: the file is read as a stream, never parsed as a string.
  app.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));

  app.post(
    '/aid-sources',
    {
      bodyLimit: AID_SOURCE_BODY_LIMIT,
      schema: {
        tags,
        summary:
          "Import another programme's or subsidy's beneficiary list (CSV body with nik and/or kk_number, optional region_code) as a job: 202 with its id; GET /jobs/{id} gives the list's counts and rejected lines once matched",
        querystring: ImportQuery,
        ...fileBody(['text/csv'], 'The CSV file, as the raw body'),
        response: { 202: JobStarted, ...problems, 413: ProblemSchema },
      },
    },
    async (req, reply) => {
      if (!(req.body instanceof Readable)) throw new AppError('validation', 'import.csv_body_required');
      if (Number(req.headers['content-length'] ?? 0) > AID_SOURCE_BODY_LIMIT) throw tooLarge();
      const chunks: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of req.body as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > AID_SOURCE_BODY_LIMIT) throw tooLarge();
        chunks.push(chunk);
      }
      const fileName = safeFileName(req.query.fileName, 'bansos.csv');
      const job = await jobs.enqueue(
        actorOf(req),
        AID_SOURCE_IMPORT,
        { name: req.query.name, region: req.query.region, fileName },
        { name: fileName, content: Buffer.concat(chunks) },
      );
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.get(
    '/aid-sources',
    {
      schema: {
        tags,
        summary:
          'Aid and subsidy source lists you may see (imported within your territory, or covering it), newest first, with the counts of your part of each',
        response: { 200: SourceList, ...problems },
      },
    },
    async (req) => ({ items: await aidSources.list(actorOf(req)) }),
  );

  app.get(
    '/aid-sources/overlaps',
    {
      schema: {
        tags,
        summary:
          'The overlap worklist: DTKS households of your territory named by at least minSources of the lists (default 2), with the lists naming each',
        querystring: OverlapsQuery,
        response: { 200: OverlapPage, ...problems },
      },
    },
    async (req) => aidSources.overlaps(actorOf(req), req.query),
  );

  app.get(
    '/aid-sources/:id',
    {
      schema: {
        tags,
        summary: 'One list with the counts of your part of it (404 as absent when outside your territory)',
        params: IdParams,
        response: { 200: SourceView, ...problems },
      },
    },
    async (req) => aidSources.get(actorOf(req), req.params.id),
  );

  app.get(
    '/aid-sources/:id/overlaps',
    {
      schema: {
        tags,
        summary: 'Households of this list that other lists name as well (the overlap worklist for one list)',
        params: IdParams,
        querystring: OverlapsQuery,
        response: { 200: OverlapPage, ...problems },
      },
    },
    async (req) => aidSources.overlaps(actorOf(req), { ...req.query, source: req.params.id }),
  );

  app.get(
    '/aid-sources/:id/entries',
    {
      schema: {
        tags,
        summary:
          'Lines of a list within your territory, in file order: not_found (default: the worklist of beneficiaries DTKS does not know), matched_kk, matched_nik or rejected (with reasons)',
        params: IdParams,
        querystring: EntriesQuery,
        response: { 200: EntryPage, ...problems },
      },
    },
    async (req) => {
      const lang = requestLang(req);
      const page = await aidSources.entries(actorOf(req), req.params.id, req.query);
      return { ...page, items: page.items.map((e) => ({ ...e, issues: localIssues(e.issues, lang) })) };
    },
  );
};
