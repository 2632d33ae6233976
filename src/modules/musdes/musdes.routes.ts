import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { attachmentTypes, fileBody, fileHeaders, fileResponse, uploadedFile } from '../../http/files.ts';
import { IdParams, ProblemSchema, problems } from '../../http/schemas.ts';
import {
  BulkDecision,
  MusdesCreate,
  MusdesListItem,
  MusdesListQuery,
  MusdesProgressQuery,
  MusdesStep,
  MusdesUpdate,
  MusdesView,
  PrelistQuery,
  ProgressItem,
  RowDecision,
  RowsQuery,
  RowView,
  SignedScanQuery,
} from './musdes.schemas.ts';

const tags = ['musdes'];
const SIGNED_SCAN_TYPES = attachmentTypes('signed_scan');
const steps = ['open', 'close', 'reopen'] as const;

export const musdesRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.musdes;

  app.post(
    '/musdes',
    {
      schema: {
        tags,
        summary: 'Set up the Musdes/Muskel of a village for a period (village operator or Kepala Desa/Lurah)',
        body: MusdesCreate,
        response: { 201: MusdesView, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.get(
    '/musdes',
    {
      schema: {
        tags,
        summary: 'Deliberation sessions in your territory',
        querystring: MusdesListQuery,
        response: {
          200: z.object({ items: z.array(MusdesListItem), nextCursor: z.string().nullable() }),
          ...problems,
        },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/musdes/progress',
    {
      schema: {
        tags,
        summary: 'Every village of a region with its session state for a period (progress view)',
        querystring: MusdesProgressQuery,
        response: { 200: z.object({ items: z.array(ProgressItem) }), ...problems },
      },
    },
    async (req) => ({ items: await svc.progress(actorOf(req), req.query.region, req.query.period) }),
  );

  app.get(
    '/musdes/:id',
    {
      schema: {
        tags,
        summary: 'A session with its tally, documents and the actions you may take',
        params: IdParams,
        response: { 200: MusdesView, ...problems },
      },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.put(
    '/musdes/:id',
    {
      schema: {
        tags,
        summary: 'Change the date, place and participants (until the session is closed)',
        params: IdParams,
        body: MusdesUpdate,
        response: { 200: MusdesView, ...problems },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  for (const step of steps) {
    app.post(
      `/musdes/:id/${step}`,
      {
        schema: {
          tags,
          summary:
            step === 'open'
              ? 'Open the session: generates the prelist awal'
              : step === 'close'
                ? 'Close the session: every row decided; moves the proposals and produces the Berita Acara'
                : 'Reopen a closed, unsigned session (Kepala Desa/Lurah): undoes what closing did',
          params: IdParams,
          body: MusdesStep,
          response: { 200: MusdesView, ...problems },
        },
      },
      async (req) => svc[step](actorOf(req), req.params.id, req.body.version),
    );
  }

  app.get(
    '/musdes/:id/rows',
    {
      schema: {
        tags,
        summary: 'The prelist rows, in number order, by pages',
        params: IdParams,
        querystring: RowsQuery,
        response: {
          200: z.object({ items: z.array(RowView), nextCursor: z.string().nullable() }),
          ...problems,
        },
      },
    },
    async (req) => svc.rows(actorOf(req), req.params.id, req.query),
  );

  app.put(
    '/musdes/:id/rows/:rowId',
    {
      schema: {
        tags,
        summary: 'Give one row its outcome (while the session is open)',
        params: z.strictObject({ id: z.string().max(64), rowId: z.string().max(64) }),
        body: RowDecision,
        response: { 200: RowView, ...problems },
      },
    },
    async (req) => svc.decide(actorOf(req), req.params.id, req.params.rowId, req.body),
  );

  app.post(
    '/musdes/:id/rows/bulk',
    {
      schema: {
        tags,
        summary: 'Give every undecided existing record the same outcome ("tetap")',
        params: IdParams,
        body: BulkDecision,
        response: { 200: z.object({ updated: z.number(), session: MusdesView }), ...problems },
      },
    },
    async (req) => svc.decideBulk(actorOf(req), req.params.id, req.body),
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/musdes/:id/prelist.${format}`,
      {
        schema: {
          tags,
          summary: `The printable prelist (stage awal or akhir) as ${format === 'pdf' ? 'PDF' : 'Excel'}, streamed`,
          params: IdParams,
          querystring: PrelistQuery,
          response: {
            200: fileResponse([
              format === 'pdf'
                ? 'application/pdf'
                : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            ]),
            ...problems,
          },
        },
      },
      async (req, reply) => {
        const { fileName, mime, stream } = await svc.prelist(
          actorOf(req),
          req.params.id,
          req.query.stage,
          format,
        );
        return fileHeaders(reply, { mime, name: fileName }).send(stream);
      },
    );
  }

  app.post(
    '/musdes/:id/signed-scan',
    {
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Upload the signed Berita Acara, scanned: send the file itself as the body (application/pdf, image/jpeg, image/png). Locks the session',
        ...fileBody(SIGNED_SCAN_TYPES),
        params: IdParams,
        querystring: SignedScanQuery,
        response: { 200: MusdesView, 413: ProblemSchema, ...problems },
      },
    },
    async (req) => {
      const body = uploadedFile(req.body, SIGNED_SCAN_TYPES);
      return svc.uploadSignedScan(actorOf(req), req.params.id, req.query.name, body, req.query.version);
    },
  );
};
