/**
 * Laporan / pengaduan over HTTP (issue 14). Public (no session): file a report and track it by its number
 * (`/api/v1/public/reports`, limited per client and village); a logged-in citizen files through
 * `/api/v1/public/citizen/reports` and the report is linked to the account. Staff (`/api/v1/reports`): the
 * territory's list with totals, the overdue counts, one report (audited), and the steps. Rules live in
 * ReportsService; answers are never cached.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TIME_ZONE_NAMES } from '../../domain/regions/time-zone.ts';
import {
  REPORT_CATEGORIES,
  REPORT_LEVELS,
  REPORT_OUTCOMES,
  REPORT_STATUSES,
} from '../../domain/reports/reports.ts';
import { actorOf, citizenOf } from '../../http/context.ts';
import { attachmentTypes, fileBody, uploadedFile } from '../../http/files.ts';
import { IdParams, ProblemSchema, problems } from '../../http/schemas.ts';
import { clientKey } from '../../lib/client-key.ts';
import type { ReportsService } from './reports.service.ts';

const tags = ['reports'];
const PHOTO_TYPES = attachmentTypes('report_evidence');
const Category = z.enum(REPORT_CATEGORIES);
const Status = z.enum(REPORT_STATUSES);
const Level = z.enum(REPORT_LEVELS);
const Outcome = z.enum(REPORT_OUTCOMES);
const EventKind = z.enum(['received', 'triaged', 'assigned', 'reply', 'note', 'escalated', 'closed']);
const text = (max: number) => z.string().trim().min(1).max(max);

const NewReport = z.strictObject({
  reporter: z.strictObject({
    name: text(100).describe('The reporter’s own name'),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 -]{8,20}$/)
      .optional()
      .describe('Phone (or e-mail): how staff reach the reporter'),
    email: z.email().max(200).optional(),
    nik: z
      .string()
      .regex(/^\d{16}$/)
      .optional()
      .describe('Optional'),
  }),
  villageCode: z.string().trim().min(1).max(20).describe('The reported village (it decides who handles it)'),
  address: text(300).describe('The reported person’s or place’s address'),
  rt: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/)
    .optional(),
  rw: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/)
    .optional(),
  category: Category,
  text: z.string().trim().min(10).max(4000),
  altcha: z.string().max(8000).optional().describe('The ALTCHA payload, when a challenge was asked'),
});

const Created = z.object({ trackingNumber: z.string(), createdAt: z.string() });

export const Track = z.object({
  trackingNumber: z.string(),
  category: Category,
  status: Status,
  level: Level,
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  outcome: Outcome.nullable(),
  village: z.object({ name: z.string(), district: z.string(), regency: z.string() }),
  timeZone: z
    .enum(TIME_ZONE_NAMES)
    .describe("The reported village's time zone, in which the page shows times"),
  steps: z
    .array(
      z.object({
        kind: EventKind,
        at: z.string(),
        level: Level.nullable(),
        outcome: Outcome.nullable(),
        text: z.string().nullable().describe('A public reply'),
      }),
    )
    .describe('Public steps only: received, triaged, replies, escalations, closing'),
});

const Overdue = z.object({ triage: z.boolean(), response: z.boolean() });
export const Summary = z.object({
  id: z.string(),
  trackingNumber: z.string(),
  createdAt: z.string(),
  channel: z.enum(['web', 'chat']),
  category: Category,
  status: Status,
  level: Level,
  villageCode: z.string(),
  villageName: z.string(),
  assigneeName: z.string().nullable(),
  triageDueAt: z.string(),
  responseDueAt: z.string(),
  closedAt: z.string().nullable(),
  outcome: Outcome.nullable(),
  overdue: Overdue,
});
export const Totals = z.object({
  received: z.int(),
  in_progress: z.int(),
  closed: z.int(),
  overdue: z.int(),
  all: z.int(),
});
export const Detail = Summary.extend({
  districtName: z.string(),
  regencyName: z.string(),
  reporter: z.object({
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    nik: z.string().nullable(),
    citizenAccount: z.boolean(),
  }),
  address: z.string(),
  rt: z.string().nullable(),
  rw: z.string().nullable(),
  text: z.string(),
  photos: z
    .array(z.object({ id: z.string(), mime: z.string(), size: z.int() }))
    .describe('Evidence photos: GET /api/v1/attachments/{id} (audited)'),
  mayAct: z.boolean().describe('Whether the caller’s office may take steps at the report’s level'),
  steps: z.array(
    z.object({
      id: z.string(),
      kind: EventKind,
      at: z.string(),
      public: z.boolean(),
      actorName: z.string().nullable(),
      actorRole: z.string().nullable(),
      level: Level.nullable(),
      assigneeName: z.string().nullable(),
      outcome: Outcome.nullable(),
      text: z.string().nullable(),
    }),
  ),
});

const publicErrors = { 400: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema };
const boolish = z.enum(['true', 'false']).transform((v) => v === 'true');

export const reportsRoutes: FastifyPluginAsyncZod<{ reports: ReportsService }> = async (app, { reports }) => {
  app.post(
    '/public/reports',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Laporkan: file a report (no account needed); answers the tracking number',
        description:
          'Limited per client and per village (429 with Retry-After). 403 `public.challenge_required`: solve ' +
          '`GET /api/v1/public/challenge` (ALTCHA) and resend with `altcha`.',
        body: NewReport,
        response: { 201: Created, ...publicErrors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const created = await reports.create(req.body, { channel: 'web', key: clientKey(req.ip) });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/public/citizen/reports',
    {
      config: { public: true, citizen: true },
      schema: {
        tags,
        summary: 'A logged-in citizen files a report, linked to the account',
        body: NewReport,
        response: { 201: Created, ...publicErrors, 401: ProblemSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const created = await reports.create(req.body, {
        channel: 'web',
        key: clientKey(req.ip),
        citizenAccountId: citizenOf(req).accountId,
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/public/reports/photos',
    {
      config: { public: true },
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Add an evidence photo (the file itself as the body: image/jpeg, image/png or image/webp, at most 10 MiB) to a report filed within the hour; at most 3',
        ...fileBody(PHOTO_TYPES),
        querystring: z.strictObject({
          trackingNumber: z.string().trim().min(1).max(40),
          name: z.string().max(200).default('bukti'),
        }),
        response: {
          201: z.object({ photos: z.int() }),
          404: ProblemSchema,
          409: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
          ...publicErrors,
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const body = uploadedFile(req.body, PHOTO_TYPES);
      const added = await reports.addEvidence(req.query.trackingNumber, req.query.name, body, {
        channel: 'web',
        key: clientKey(req.ip),
      });
      return reply.status(201).send(added);
    },
  );

  app.post(
    '/public/reports/track',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Lacak laporan: the status and public steps of a report, by its tracking number',
        description:
          'The number travels in the body so it stays out of logs and caches. Unknown numbers: 404.',
        body: z.strictObject({ trackingNumber: z.string().trim().min(1).max(40) }),
        response: { 200: Track, 404: ProblemSchema, ...publicErrors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return reports.track(req.body.trackingNumber, { channel: 'web', key: clientKey(req.ip) });
    },
  );

  app.get(
    '/reports',
    {
      schema: {
        tags,
        summary: 'Reports of your territory, filtered, with totals per status and the overdue count',
        querystring: z.strictObject({
          region: z.string().max(20).optional(),
          status: Status.optional(),
          level: Level.optional(),
          category: Category.optional(),
          overdue: boolish.optional().describe('Only reports with an SLA timer run out'),
          mine: boolish.optional().describe('Only reports assigned to you'),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
        }),
        response: { 200: z.object({ items: z.array(Summary), totals: Totals, total: z.int() }), ...problems },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return reports.list(actorOf(req), req.query);
    },
  );

  app.get(
    '/reports/overdue',
    {
      schema: {
        tags,
        summary: 'Overdue open reports counted per village, district or regency of your territory',
        querystring: z.strictObject({
          region: z.string().max(20).optional(),
          by: z.enum(['village', 'district', 'regency']).default('village'),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), name: z.string(), overdue: z.int() })),
          }),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return reports.overdueByTerritory(actorOf(req), req.query);
    },
  );

  app.get(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'One report with the reporter’s identity and every step (a personal read, audited)',
        params: IdParams,
        response: { 200: Detail, ...problems },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return reports.get(actorOf(req), req.params.id);
    },
  );

  const step = { 200: Detail, ...problems };
  app.post(
    '/reports/:id/triage',
    {
      schema: {
        tags,
        summary: 'Triage a received report (optionally assign it and add an internal note)',
        params: IdParams,
        body: z.strictObject({ assignTo: z.string().max(64).optional(), note: text(4000).optional() }),
        response: step,
      },
    },
    async (req) => reports.triage(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/reports/:id/assignees',
    {
      schema: {
        tags,
        summary:
          'Whom you may assign the report to: active staff handling reports in its village or a territory above it, within yours',
        params: IdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), displayName: z.string(), role: z.string(), regionCode: z.string() }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => reports.assignees(actorOf(req), req.params.id),
  );
  app.post(
    '/reports/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign the report to an active user of its territory',
        params: IdParams,
        body: z.strictObject({ userId: z.string().max(64) }),
        response: step,
      },
    },
    async (req) => reports.assign(actorOf(req), req.params.id, req.body.userId),
  );
  app.post(
    '/reports/:id/respond',
    {
      schema: {
        tags,
        summary: 'A public reply (the reporter sees it) or an internal note (`public: false`)',
        params: IdParams,
        body: z.strictObject({ text: text(4000), public: z.boolean() }),
        response: step,
      },
    },
    async (req) => reports.respond(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/reports/:id/escalate',
    {
      schema: {
        tags,
        summary:
          'Up one level: village → kecamatan → Dinas Sosial kabupaten/kota (the reason stays internal)',
        params: IdParams,
        body: z.strictObject({ reason: text(4000).optional() }),
        response: step,
      },
    },
    async (req) => reports.escalate(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/reports/:id/close',
    {
      schema: {
        tags,
        summary: 'Close with an outcome and, optionally, a last public reply',
        params: IdParams,
        body: z.strictObject({ outcome: Outcome, reply: text(4000).optional() }),
        response: step,
      },
    },
    async (req) => reports.close(actorOf(req), req.params.id, req.body),
  );
};
