import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { USULAN_ATTACHMENT_KINDS } from '../../domain/cycle/attachments.ts';
import { actorOf } from '../../http/context.ts';
import { attachmentTypes, fileBody, uploadedFile } from '../../http/files.ts';
import { PeriodParam, RegionCodeParam } from '../../http/params.ts';
import { IdParams, identityProblems, ProblemSchema, problems } from '../../http/schemas.ts';
import {
  Transition,
  UsulanCreate,
  UsulanList,
  UsulanListQuery,
  UsulanUpdate,
  UsulanView,
} from './usulan.schemas.ts';

const tags = ['usulan'];
const steps = ['submit', 'withdraw', 'revise', 'return', 'approve'] as const;

const CONFLICT =
  '409 with currentState and allowed when not possible now; the same step sent twice with the version it was loaded with answers the current state';
const STEP_SUMMARIES: Record<(typeof steps)[number], string> = {
  submit: `Proposal step: submit. The answer's placement says where it went: waiting for the village's Musdes, joined to the open session's prelist, or carried over to the next period when that deliberation is over (${CONFLICT})`,
  withdraw: `Proposal step: withdraw, with a note explaining why (${CONFLICT})`,
  revise: `Proposal step: revise (${CONFLICT})`,
  return: `Proposal step: return to the village with a note (${CONFLICT})`,
  approve: `Proposal step: approve (${CONFLICT})`,
};
const USULAN_UPLOAD_TYPES = attachmentTypes(...USULAN_ATTACHMENT_KINDS);

export const usulanRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.usulan;

  app.get(
    '/usulan/window',
    {
      schema: {
        tags,
        summary: 'Whether proposals can be submitted now, and the current or next window',
        response: {
          200: z.object({ open: z.boolean(), period: z.string(), opens: z.string(), closes: z.string() }),
          ...problems,
        },
      },
    },
    async () => svc.window(),
  );

  app.get(
    '/usulan',
    {
      schema: {
        tags,
        summary: 'Proposals in your territory',
        querystring: UsulanListQuery,
        response: {
          200: UsulanList,
          ...problems,
        },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/usulan/progress',
    {
      schema: {
        tags,
        summary: 'Proposals per village and state for a period (progress view)',
        querystring: z.strictObject({
          region: RegionCodeParam.optional(),
          period: PeriodParam,
          lang: z.enum(['id', 'en']).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ villageCode: z.string(), state: z.string(), count: z.number() })),
          }),
          ...problems,
        },
      },
    },
    async (req) => ({ items: await svc.progress(actorOf(req), req.query.region, req.query.period) }),
  );

  app.post(
    '/usulan',
    {
      schema: {
        tags,
        summary: 'Draft a proposal: baru, perbaikan or dikeluarkan (village operator)',
        body: UsulanCreate,
        response: { 201: UsulanView, ...identityProblems },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.get(
    '/usulan/:id',
    {
      schema: {
        tags,
        summary: 'A proposal with its attachments and the actions you may take',
        params: IdParams,
        response: { 200: UsulanView, ...problems },
      },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.put(
    '/usulan/:id',
    {
      schema: {
        tags,
        summary:
          "Edit a draft (village operator): the whole proposal again with the version it was loaded at, checked like a new one; also completes a citizen's draft (usulan mandiri), which stays the citizen's",
        params: IdParams,
        body: UsulanUpdate,
        response: { 200: UsulanView, ...identityProblems },
      },
    },
    async (req) => {
      const { version, ...proposal } = req.body;
      return svc.updateDraft(actorOf(req), req.params.id, version, proposal);
    },
  );

  app.post(
    '/usulan/:id/attachments',
    {
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Attach a photo, the KK copy or another document the Dinas Sosial asks for (other_document, e.g. a surat pindah: also while the proposal is processed): send the file itself as the body (image/jpeg, image/png, image/webp, application/pdf)',
        ...fileBody(USULAN_UPLOAD_TYPES),
        params: IdParams,
        querystring: z.strictObject({
          kind: z.enum(USULAN_ATTACHMENT_KINDS),
          name: z.string().max(200).default('upload'),
          lang: z.enum(['id', 'en']).optional(),
        }),
        response: { 201: UsulanView, 413: ProblemSchema, ...problems },
      },
    },
    async (req, reply) => {
      const body = uploadedFile(req.body, USULAN_UPLOAD_TYPES);
      return reply
        .status(201)
        .send(await svc.attach(actorOf(req), req.params.id, req.query.kind, req.query.name, body));
    },
  );

  for (const step of steps) {
    app.post(
      `/usulan/:id/${step}`,
      {
        schema: {
          tags,
          summary: STEP_SUMMARIES[step],
          params: IdParams,
          body:
            step === 'return' || step === 'withdraw'
              ? Transition.extend({ note: z.string().trim().min(3).max(500) })
              : Transition,
          response: { 200: UsulanView, ...(step === 'approve' ? identityProblems : problems) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const { version, note } = req.body;
        switch (step) {
          case 'submit':
            return svc.submit(actor, req.params.id, version);
          case 'withdraw':
            return svc.withdraw(actor, req.params.id, version, note);
          case 'revise':
            return svc.revise(actor, req.params.id, version, note);
          case 'return':
            return svc.returnToVillage(actor, req.params.id, version, note!);
          case 'approve':
            return svc.approve(actor, req.params.id, version, note);
        }
      },
    );
  }
};
