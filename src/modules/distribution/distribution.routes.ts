import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/context.ts';
import { fileHeaders, fileResponse } from '../../http/files.ts';
import { problems } from '../../http/schemas.ts';
import { JobStarted } from '../jobs/jobs.schemas.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { DISTRIBUTION_INVITATIONS } from '../receipts/invitations.jobs.ts';
import { batchCsv, batchXlsx, reconciliationCsv, reconciliationPdf } from './distribution.export.ts';
import { DISTRIBUTION_BATCH } from './distribution.jobs.ts';
import {
  AcceptBody,
  AllocationView,
  BatchBody,
  BatchList,
  BatchListQuery,
  BatchParams,
  BatchView,
  ExportQuery,
  InvitationJobBody,
  MapResult,
  MoveBody,
  PointBody,
  PointList,
  PointsQuery,
  Reconciliation,
  ReconciliationExportQuery,
  ReconciliationQuery,
  RecordHistory,
  RecordPage,
  RecordParams,
  RecordsQuery,
  RecordView,
  ResendBody,
  ReturnBody,
  ScheduleBody,
  ScheduleView,
  StockBody,
  StockView,
} from './distribution.schemas.ts';
import { BIG_BATCH, type DistributionService } from './distribution.service.ts';

const tags = ['distribution'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Partners (PT Pos, procurement) reach only routes that say so (src/http/auth-boundary.ts). */
const config = { partners: true };

export const distributionRoutes: FastifyPluginAsyncZod<{
  distribution: DistributionService;
  jobs: JobsService;
}> = async (app, { distribution, jobs }) => {
  app.post(
    '/distribution/batches',
    {
      schema: {
        tags,
        summary: `Turn a regency's approved recipients of a programme and period into a batch sent to PT Pos (records and entitlements: cash tranches or in-kind packages, integer rupiah): 201 with the batch, or for more than ${BIG_BATCH} recipients 202 with a job (kind distribution.batch; GET /jobs/{id} shows its progress); 409 when it exists or nothing is approved`,
        body: BatchBody,
        response: { 201: BatchView, 202: JobStarted, ...problems },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const check = await distribution.checkBatch(actor, req.body);
      if (check.recipients > BIG_BATCH) {
        const job = await jobs.enqueue(actor, DISTRIBUTION_BATCH, req.body);
        return reply.code(202).send({ jobId: job.id });
      }
      return reply.code(201).send(await distribution.createBatch(actor, req.body));
    },
  );

  app.get(
    '/distribution/batches',
    {
      config,
      schema: {
        tags,
        summary: 'Distribution batches in your territory with their records per cleaning state',
        querystring: BatchListQuery,
        response: { 200: BatchList, ...problems },
      },
    },
    async (req) => distribution.batches(actorOf(req), req.query),
  );

  app.get(
    '/distribution/batches/:id',
    {
      config,
      schema: {
        tags,
        summary: 'One batch (404 outside your territory)',
        params: BatchParams,
        response: { 200: BatchView, ...problems },
      },
    },
    async (req) => distribution.batch(actorOf(req), req.params.id),
  );

  app.get(
    '/distribution/batches/:id/records',
    {
      config,
      schema: {
        tags,
        summary:
          "A batch's KPM records as the partner sees them (name, KK, address, RT/RW, amount; audited), filtered by state (returned = the Dinas Sosial worklist)",
        params: BatchParams,
        querystring: RecordsQuery,
        response: { 200: RecordPage, ...problems },
      },
    },
    async (req) => distribution.records(actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/distribution/batches/:id/export',
    {
      config,
      schema: {
        tags,
        summary:
          "A batch's records for the partner as CSV or Excel, streamed in pages of 5,000 (audited once with the count and each page with its households; Excel refuses more records than a sheet holds: distribution.xlsx_too_many)",
        params: BatchParams,
        querystring: ExportQuery,
        response: { 200: fileResponse(['text/csv', XLSX]), ...problems },
      },
    },
    async (req, reply) => {
      // Both formats stream page by page; each page is read (and audited) when the last one has left.
      const { batch, pages } = await distribution.recordPages(actorOf(req), req.params.id, req.query);
      const name = `salur-${batch.programme}-${batch.period}-${batch.regencyCode}`;
      if (req.query.format === 'xlsx') {
        return fileHeaders(reply, { mime: XLSX, name: `${name}.xlsx` }).send(batchXlsx(batch, pages));
      }
      return fileHeaders(reply, { mime: 'text/csv', name: `${name}.csv` }).send(batchCsv(batch, pages));
    },
  );

  app.get(
    '/distribution/batches/:id/records/:householdId',
    {
      config,
      schema: {
        tags,
        summary: 'One record with every version: sent, returned (reason code), re-sent (audited)',
        params: RecordParams,
        response: { 200: RecordHistory, ...problems },
      },
    },
    async (req) => distribution.history(actorOf(req), req.params.id, req.params.householdId),
  );

  app.post(
    '/distribution/batches/:id/records/:householdId/return',
    {
      config,
      schema: {
        tags,
        summary:
          'PT Pos returns a record for completion with a reason code (ADDRESS_MISSING, RT_RW_MISSING, NIK_NAME_MISMATCH …); `version` is the version read (409 record.version_conflict otherwise)',
        params: RecordParams,
        body: ReturnBody,
        response: { 200: RecordView, ...problems },
      },
    },
    async (req) => distribution.returnRecord(actorOf(req), req.params.id, req.params.householdId, req.body),
  );

  app.post(
    '/distribution/batches/:id/records/:householdId/point',
    {
      config,
      schema: {
        tags,
        summary:
          'Move one KPM to another point by hand (PT Pos, Dinas Sosial): its outstanding entitlements follow and re-mapping keeps it; 409 distribution.move_received once the KPM received anything of this batch',
        params: RecordParams,
        body: MoveBody,
        response: { 200: RecordView, ...problems },
      },
    },
    async (req) => distribution.moveRecord(actorOf(req), req.params.id, req.params.householdId, req.body),
  );

  app.post(
    '/distribution/batches/:id/records/:householdId/resend',
    {
      schema: {
        tags,
        summary:
          'The Dinas Sosial completes a returned record and sends it again; a re-send identical to the returned version is refused (409 distribution.resend_unchanged)',
        params: RecordParams,
        body: ResendBody,
        response: { 200: RecordView, ...problems },
      },
    },
    async (req) => distribution.resendRecord(actorOf(req), req.params.id, req.params.householdId, req.body),
  );

  app.post(
    '/distribution/batches/:id/accept',
    {
      config,
      schema: {
        tags,
        summary:
          "PT Pos accepts a sent batch before distribution starts: every record not returned becomes cleaned (an 'accept' version); 409 distribution.accept_pending while records wait for completion, distribution.batch_state when the batch is not sent",
        params: BatchParams,
        body: AcceptBody,
        response: { 200: BatchView, ...problems },
      },
    },
    async (req) => distribution.acceptBatch(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/distribution/batches/:id/invitations/job',
    {
      config,
      schema: {
        tags,
        summary:
          'Invitation letters of a batch PT Pos accepted, as a job (kind distribution.invitations; Dinas Sosial or PT Pos, who then sees only its own jobs): one PDF per village (or only `village`), resumable per village; GET /jobs/{id} lists the files, GET /jobs/{id}/result downloads them as one ZIP (audited); 409 distribution.batch_not_accepted before acceptance',
        params: BatchParams,
        body: InvitationJobBody,
        response: { 202: JobStarted, ...problems },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const batch = await distribution.batch(actor, req.params.id);
      const job = await jobs.enqueue(actor, DISTRIBUTION_INVITATIONS, {
        batchId: batch.id,
        ...(req.body.village ? { village: req.body.village } : {}),
      });
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.post(
    '/distribution/batches/:id/map',
    {
      config,
      schema: {
        tags,
        summary:
          "Map the batch's records (not waiting for completion) to the most specific covering point from their village, RW and RT",
        params: BatchParams,
        response: { 200: MapResult, ...problems },
      },
    },
    async (req) => distribution.mapBatch(actorOf(req), req.params.id),
  );

  app.get(
    '/distribution/batches/:id/allocation',
    {
      config,
      schema: {
        tags,
        summary:
          'KPM, amounts (integer rupiah) and packages per point, with stock received against packages needed',
        params: BatchParams,
        response: { 200: AllocationView, ...problems },
      },
    },
    async (req) => distribution.allocation(actorOf(req), req.params.id),
  );

  app.post(
    '/distribution/points',
    {
      config,
      schema: {
        tags,
        summary:
          'A distribution point of a kecamatan (optionally in a village) with the villages, RWs and RTs it covers',
        body: PointBody,
        response: { 201: PointList.shape.items.element, ...problems },
      },
    },
    async (req, reply) => {
      const p = await distribution.createPoint(actorOf(req), req.body);
      return reply.code(201).send({
        id: p.id,
        code: p.code,
        name: p.name,
        districtCode: p.districtCode,
        villageCode: p.villageCode,
        place: p.address,
        coverage: p.coverageList,
        schedules: [],
      });
    },
  );

  app.get(
    '/distribution/points',
    {
      config,
      schema: {
        tags,
        summary: 'Distribution points in your territory with their coverage and schedules',
        querystring: PointsQuery,
        response: { 200: PointList, ...problems },
      },
    },
    async (req) => distribution.points(actorOf(req), req.query),
  );

  app.post(
    '/distribution/points/:id/schedules',
    {
      config,
      schema: {
        tags,
        summary: "When a point hands out a batch's tranche",
        params: BatchParams,
        body: ScheduleBody,
        response: { 201: ScheduleView, ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await distribution.addSchedule(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/distribution/points/:id/stock',
    {
      config,
      schema: {
        tags,
        summary: 'Packages received at a point from procurement (Disperindag/Bulog) for an in-kind batch',
        params: BatchParams,
        body: StockBody,
        response: { 201: StockView, ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await distribution.recordStock(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/distribution/reconciliation',
    {
      config,
      schema: {
        tags,
        summary:
          'Allocated, delivered, returned and outstanding entitlements with amounts (integer rupiah) and packages for a period in a region (default: your territory), with one entry per child region (per point below a village); the children add up to the total',
        querystring: ReconciliationQuery,
        response: { 200: Reconciliation, ...problems },
      },
    },
    async (req) => distribution.reconciliation(actorOf(req), req.query),
  );

  app.get(
    '/distribution/reconciliation/export',
    {
      config,
      schema: {
        tags,
        summary: 'The reconciliation as CSV or PDF',
        querystring: ReconciliationExportQuery,
        response: { 200: fileResponse(['text/csv', 'application/pdf']), ...problems },
      },
    },
    async (req, reply) => {
      const v = await distribution.reconciliation(actorOf(req), req.query);
      const name = `rekonsiliasi-${v.region || 'nasional'}-${v.period}`;
      if (req.query.format === 'pdf') {
        return fileHeaders(reply, { mime: 'application/pdf', name: `${name}.pdf` }).send(
          await reconciliationPdf(v),
        );
      }
      return fileHeaders(reply, { mime: 'text/csv', name: `${name}.csv` }).send(reconciliationCsv(v));
    },
  );
};
