import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Container } from '../../container.ts';
import { AppError } from '../../domain/errors.ts';
import { actorOf } from '../../http/context.ts';
import { fileBody, fileHeaders, fileResponse } from '../../http/files.ts';
import { identityProblems, ProblemSchema, problems } from '../../http/schemas.ts';
import { JobStarted } from '../jobs/jobs.schemas.ts';
import { ExportQuery, ImportQuery } from './transfer.schemas.ts';
import { safeFileName } from './transfer.service.ts';

const tags = ['transfer'];

/** Largest CSV upload; a regency's file of ~100,000 members is about 30 MiB. */
export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

const tooLarge = () =>
  new AppError('too_large', 'request.too_large', { limit: IMPORT_BODY_LIMIT / 1024 / 1024 });

/** The request body as it arrives, cut off with 413 past the limit (Fastify does not count streamed bodies). */
export async function* limited(
  body: AsyncIterable<Buffer> | Iterable<Buffer>,
  max: number,
): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > max) throw tooLarge();
    yield chunk;
  }
}

/** `filename` from a Content-Disposition request header, if the client sent one. */
function uploadName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      return undefined;
    }
  }
  return /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header)?.slice(1).find(Boolean);
}

export const transferRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.transfer;

  // Scoped to this plugin: the import reads the CSV body as a stream, never as one string.
  app.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));

  app.get(
    '/exports/households.csv',
    {
      schema: {
        tags,
        summary:
          'Households and members of your territory as CSV, one row per member (docs/csv-format.md); streamed',
        querystring: ExportQuery,
        response: { 200: fileResponse(['text/csv'], 'CSV (text/csv; charset=utf-8), streamed'), ...problems },
      },
    },
    async (req, reply) => {
      const { filename, csv } = await svc.exportHouseholdsCsv(actorOf(req), {
        region: req.query.region || undefined,
        status: req.query.status,
      });
      return fileHeaders(reply, { mime: 'text/csv; charset=utf-8', name: filename }).send(csv);
    },
  );

  app.post(
    '/exports/households',
    {
      schema: {
        tags,
        summary:
          'Start exporting the households of your territory as a job: 202 with its id; GET /jobs/{id} shows its progress and, once done, GET /jobs/{id}/result downloads the CSV (the same file as GET /exports/households.csv)',
        querystring: ExportQuery,
        response: { 202: JobStarted, ...problems },
      },
    },
    async (req, reply) => {
      const job = await svc.startExport(actorOf(req), {
        region: req.query.region || undefined,
        status: req.query.status,
      });
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.post(
    '/imports/households',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Start importing households from a CSV body (Content-Type: text/csv; format in docs/csv-format.md) as a job: 202 with its id; GET /jobs/{id} shows its progress and, once done, the counts and every rejected line. Valid households are committed chunk by chunk; re-sending the same file adds nothing',
        querystring: ImportQuery,
        ...fileBody(['text/csv'], 'The CSV file, as the raw body'),
        response: { 202: JobStarted, ...identityProblems, 413: ProblemSchema },
      },
    },
    async (req, reply) => {
      if (!(req.body instanceof Readable)) {
        throw new AppError('validation', 'import.csv_body_required');
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > IMPORT_BODY_LIMIT) throw tooLarge();
      const job = await svc.startImport(actorOf(req), limited(req.body, IMPORT_BODY_LIMIT), {
        acceptWarnings: req.query.acceptWarnings === 'true',
        source: safeFileName(uploadName(req.headers['content-disposition']), 'upload.csv'),
      });
      return reply.code(202).send({ jobId: job.id });
    },
  );
};
