import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { AppError, type FieldIssue, type Lang } from '../../domain/errors.ts';
import { actorOf } from '../../http/context.ts';
import { fileBody } from '../../http/files.ts';
import { requestLang } from '../../http/problem.ts';
import { IdParams, ProblemSchema, problems } from '../../http/schemas.ts';
import { JobStarted } from '../jobs/jobs.schemas.ts';
import { safeFileName } from '../transfer/transfer.service.ts';
import { DUKCAPIL_MATCH, DUKCAPIL_SERVICE_MATCH } from './dukcapil.jobs.ts';
import {
  ImportQuery,
  ImportResult,
  ImportView,
  MatchesQuery,
  MatchView,
  RejectedLine,
  RejectsQuery,
  Resolve,
  ServiceMatch,
} from './dukcapil.schemas.ts';
import type { MatchRecord, RejectedRow } from './dukcapil.service.ts';

const tags = ['dukcapil'];

/** Largest extract accepted over HTTP (~300,000 lines); bigger files go through `dtks dukcapil-match`. */
export const DUKCAPIL_BODY_LIMIT = 64 * 1024 * 1024;
/** Rejected lines listed in the upload's answer; all of them are kept and paged at /rejected. */
const REJECTED_IN_ANSWER = 1000;

const tooLarge = () =>
  new AppError('too_large', 'request.too_large', { limit: DUKCAPIL_BODY_LIMIT / 1024 / 1024 });

async function* limited(body: AsyncIterable<Buffer>, max: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > max) throw tooLarge();
    yield chunk;
  }
}

const localIssues = (issues: FieldIssue[], lang: Lang) =>
  issues.map((i) => ({ field: i.field, code: i.code, message: i.message[lang] }));

const localMatch = (m: MatchRecord, lang: Lang) => ({ ...m, summary: m.summary[lang] });

export const dukcapilRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.dukcapil;

  // Scoped to this plugin: the extract is read as a stream, never as one string.
  app.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));

  app.post(
    '/dukcapil/imports',
    {
      bodyLimit: DUKCAPIL_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Match a Dukcapil extract (CSV body: nik, kk_number, name, birth_date, sex, region_code, status) against DTKS (Dinas Sosial)',
        querystring: ImportQuery,
        ...fileBody(['text/csv'], 'The CSV file, as the raw body'),
        response: { 200: ImportResult, ...problems, 413: ProblemSchema },
      },
    },
    async (req) => {
      if (!(req.body instanceof Readable)) {
        throw new AppError('validation', 'import.csv_body_required');
      }
      if (Number(req.headers['content-length'] ?? 0) > DUKCAPIL_BODY_LIMIT) throw tooLarge();
      const lang = requestLang(req);
      const rejectedLines: RejectedRow[] = [];
      const started = performance.now();
      const summary = await svc.importExtract(actorOf(req), limited(req.body, DUKCAPIL_BODY_LIMIT), {
        region: req.query.region,
        fileName: safeFileName(req.query.name, 'dukcapil.csv'),
        onRejected: (r) => {
          if (rejectedLines.length < REJECTED_IN_ANSWER) rejectedLines.push(r);
        },
      });
      return {
        ...summary,
        seconds: Math.round(performance.now() - started) / 1000,
        rejectedLines: rejectedLines.map((r) => ({ ...r, issues: localIssues(r.issues, lang) })),
      };
    },
  );

  app.post(
    '/dukcapil/import-jobs',
    {
      bodyLimit: DUKCAPIL_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Match a Dukcapil extract as a job (same CSV body and query as POST /dukcapil/imports): 202 with its id; GET /jobs/{id} gives the import summary once done',
        querystring: ImportQuery,
        ...fileBody(['text/csv'], 'The CSV file, as the raw body'),
        response: { 202: JobStarted, ...problems, 413: ProblemSchema },
      },
    },
    async (req, reply) => {
      if (!(req.body instanceof Readable)) {
        throw new AppError('validation', 'import.csv_body_required');
      }
      if (Number(req.headers['content-length'] ?? 0) > DUKCAPIL_BODY_LIMIT) throw tooLarge();
      const chunks: Buffer[] = [];
      for await (const chunk of limited(req.body, DUKCAPIL_BODY_LIMIT)) chunks.push(chunk);
      const fileName = safeFileName(req.query.name, 'dukcapil.csv');
      const job = await container.jobs.enqueue(
        actorOf(req),
        DUKCAPIL_MATCH,
        { region: req.query.region, fileName },
        { name: fileName, content: Buffer.concat(chunks) },
      );
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.get(
    '/dukcapil/sources',
    {
      schema: {
        tags,
        summary:
          'Where matching can read the civil registry from: an extract file (always) and the Dukcapil HTTP service (when DUKCAPIL_URL is configured)',
        response: { 200: z.object({ file: z.literal(true), http: z.boolean() }), ...problems },
      },
    },
    async (req) => svc.sources(actorOf(req)),
  );

  app.post(
    '/dukcapil/service-jobs',
    {
      schema: {
        tags,
        summary:
          "Match the regency's DTKS NIKs against the Dukcapil HTTP service as a job (docs/dukcapil-adapter.md): 202 with its id; GET /jobs/{id} gives the import summary once done (409 dukcapil.adapter_not_configured without DUKCAPIL_URL)",
        body: ServiceMatch,
        response: { 202: JobStarted, ...problems },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await svc.checkServiceMatch(actor, req.body.region); // 403, 404 or 409 now rather than a failed job
      const job = await container.jobs.enqueue(actor, DUKCAPIL_SERVICE_MATCH, { region: req.body.region });
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.get(
    '/dukcapil/imports',
    {
      schema: {
        tags,
        summary: 'Dukcapil imports of your territory, newest first',
        querystring: z.strictObject({ lang: z.enum(['id', 'en']).optional() }),
        response: { 200: z.object({ items: z.array(ImportView) }), ...problems },
      },
    },
    async (req) => ({ items: await svc.listImports(actorOf(req)) }),
  );

  app.get(
    '/dukcapil/imports/:id',
    {
      schema: {
        tags,
        summary: 'One import: counts per result and open rows',
        params: IdParams,
        response: { 200: ImportView, ...problems },
      },
    },
    async (req) => svc.getImport(actorOf(req), req.params.id),
  );

  app.get(
    '/dukcapil/imports/:id/rejected',
    {
      schema: {
        tags,
        summary: 'Lines of an import rejected as malformed, with their reasons',
        params: IdParams,
        querystring: RejectsQuery,
        response: {
          200: z.object({ items: z.array(RejectedLine), nextCursor: z.string().nullable() }),
          ...problems,
        },
      },
    },
    async (req) => {
      const lang = requestLang(req);
      const page = await svc.rejectedLines(actorOf(req), req.params.id, req.query.cursor, req.query.limit);
      return { ...page, items: page.items.map((r) => ({ ...r, issues: localIssues(r.issues, lang) })) };
    },
  );

  app.get(
    '/dukcapil/imports/:id/matches',
    {
      schema: {
        tags,
        summary: 'The worklist: findings of an import (open ones by default), in file order',
        params: IdParams,
        querystring: MatchesQuery,
        response: {
          200: z.object({ items: z.array(MatchView), nextCursor: z.string().nullable() }),
          ...problems,
        },
      },
    },
    async (req) => {
      const lang = requestLang(req);
      const page = await svc.matches(actorOf(req), req.params.id, req.query);
      return { ...page, items: page.items.map((m) => localMatch(m, lang)) };
    },
  );

  app.post(
    '/dukcapil/matches/:id/resolve',
    {
      schema: {
        tags,
        summary:
          'Resolve one finding: accept_dukcapil, keep_dtks, propose_removal or mark_deceased (409 when not applicable or already resolved)',
        params: IdParams,
        body: Resolve,
        response: { 200: MatchView, ...problems },
      },
    },
    async (req) =>
      localMatch(
        await svc.resolve(actorOf(req), req.params.id, req.body.action, req.body.note),
        requestLang(req),
      ),
  );
};
