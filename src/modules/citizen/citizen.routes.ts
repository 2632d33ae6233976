/**
 * Citizen accounts over HTTP. The citizen's routes live under /api/v1/public/citizen/ (`public: true`, the
 * only place reachable without a staff session); those that need a logged-in citizen also declare
 * `citizen: true`, and the auth boundary answers 401 without a citizen session. Every step that takes a
 * login or a code is limited per client address like the staff login (`loginAttempt: true`). The staff
 * side (/api/v1/citizen-accounts) needs a staff session and `citizen.verify`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, citizenOf, clientOf } from '../../http/context.ts';
import { attachmentTypes, fileBody, uploadedFile } from '../../http/files.ts';
import { citizenOnly, IdParams, LangQuery, ProblemSchema, problems } from '../../http/schemas.ts';
import {
  Accepted,
  AccessLog,
  AccessLogQuery,
  CitizenAccountDetail,
  CitizenAccountForStaff,
  CitizenAccountView,
  CitizenCode,
  CitizenLogin,
  CitizenLoginAnswer,
  CitizenLoginOnly,
  CitizenRegister,
  CitizenReset,
  Decision,
  DocumentQuery,
  StaffListQuery,
} from './citizen.schemas.ts';
import { CITIZEN_COOKIE, type CitizenService } from './citizen.service.ts';

const tags = ['citizen'];
const UPLOAD_TYPES = attachmentTypes('ktp_photo', 'ktp_selfie');
/** Steps that take a login or a code: limited per client address, refused from another site's page. */
const attempt = { public: true, loginAttempt: true } as const;
const limited = { 400: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema };

export const citizenRoutes: FastifyPluginAsyncZod<{ citizen: CitizenService }> = async (app, { citizen }) => {
  app.post(
    '/public/citizen/register',
    {
      config: attempt,
      schema: {
        tags,
        summary:
          'Register a citizen account; a confirmation code goes to the e-mail (or phone). 202 whether or not the NIK or e-mail already has an account (its owner is told instead)',
        body: CitizenRegister,
        querystring: LangQuery,
        response: { 202: Accepted, ...limited },
      },
    },
    async (req, reply) => {
      const { channel } = await citizen.register(req.body, clientOf(req));
      return reply.status(202).send({ accepted: true, channel });
    },
  );

  app.post(
    '/public/citizen/confirm',
    {
      config: attempt,
      schema: {
        tags,
        summary:
          'Confirm the phone or e-mail with the code sent (400 citizen.code_invalid for any wrong, used or expired code)',
        body: CitizenCode,
        querystring: LangQuery,
        response: { 204: z.null(), ...limited, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      await citizen.confirmContact(req.body.login, req.body.code, clientOf(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/public/citizen/confirm/resend',
    {
      config: attempt,
      schema: {
        tags,
        summary: 'Send a new confirmation code (202 whatever the login names; at most 5 codes an hour)',
        body: CitizenLoginOnly,
        querystring: LangQuery,
        response: { 202: Accepted, ...limited },
      },
    },
    async (req, reply) => {
      await citizen.resendContactCode(req.body.login, clientOf(req));
      return reply.status(202).send({ accepted: true });
    },
  );

  app.post(
    '/public/citizen/login',
    {
      config: attempt,
      schema: {
        tags,
        summary: 'Log in with e-mail or NIK and password; answers a bearer token and sets the citizen cookie',
        body: CitizenLogin,
        querystring: LangQuery,
        response: { 200: CitizenLoginAnswer, 401: ProblemSchema, ...limited },
      },
    },
    async (req, reply) => {
      const result = await citizen.login(req.body.login, req.body.password, clientOf(req));
      reply.setCookie(CITIZEN_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: req.overTls,
        maxAge: 12 * 3600,
      });
      return result;
    },
  );

  app.post(
    '/public/citizen/password/forgot',
    {
      config: attempt,
      schema: {
        tags,
        summary: 'Send a password-reset code to the account’s e-mail (202 whether or not the account exists)',
        body: CitizenLoginOnly,
        querystring: LangQuery,
        response: { 202: Accepted, ...limited },
      },
    },
    async (req, reply) => {
      await citizen.forgotPassword(req.body.login, clientOf(req));
      return reply.status(202).send({ accepted: true });
    },
  );

  app.post(
    '/public/citizen/password/reset',
    {
      config: attempt,
      schema: {
        tags,
        summary: 'Set a new password with the reset code; ends every session of the account',
        body: CitizenReset,
        querystring: LangQuery,
        response: { 204: z.null(), ...limited },
      },
    },
    async (req, reply) => {
      await citizen.resetPassword(req.body.login, req.body.code, req.body.password, clientOf(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/public/citizen/logout',
    {
      config: citizenOnly,
      schema: {
        tags,
        summary: 'End this citizen session',
        querystring: LangQuery,
        response: { 204: z.null(), 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (req, reply) => {
      await citizen.logout(req.citizenToken!, citizenOf(req));
      reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/public/citizen/account',
    {
      config: citizenOnly,
      schema: {
        tags,
        summary: 'The logged-in citizen’s account: state, the village’s decision, which photos are uploaded',
        querystring: LangQuery,
        response: { 200: CitizenAccountView, 401: ProblemSchema },
      },
    },
    async (req) => citizen.me(citizenOf(req)),
  );

  app.post(
    '/public/citizen/account/documents',
    {
      config: citizenOnly,
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Upload the KTP photo or the selfie holding the KTP (the file itself as the body: image/jpeg, image/png or image/webp, at most 10 MiB)',
        ...fileBody(UPLOAD_TYPES),
        querystring: DocumentQuery,
        response: {
          201: CitizenAccountView,
          401: ProblemSchema,
          409: ProblemSchema,
          413: ProblemSchema,
          ...limited,
        },
      },
    },
    async (req, reply) => {
      const body = uploadedFile(req.body, UPLOAD_TYPES);
      return reply
        .status(201)
        .send(await citizen.uploadDocument(citizenOf(req), req.query.kind, req.query.name, body));
    },
  );

  app.get(
    '/public/citizen/access-log',
    {
      config: citizenOnly,
      schema: {
        tags,
        summary:
          'Who read my data: every read and change of my registry record, per day, office, role and purpose with counts and first/last time, newest first, paged by `cursor`; never a staff member’s name (verified accounts only)',
        querystring: AccessLogQuery,
        response: { 200: AccessLog, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (req) => citizen.accessLog(citizenOf(req), req.query),
  );

  // ——— Staff: the village verifies pending accounts ———

  app.get(
    '/citizen-accounts',
    {
      schema: {
        tags,
        summary:
          'Citizen accounts of your territory in a state (default: waiting for verification), oldest first',
        querystring: StaffListQuery,
        response: {
          200: z.object({ items: z.array(CitizenAccountForStaff), nextCursor: z.string().nullable() }),
          ...problems,
        },
      },
    },
    async (req) => citizen.listForStaff(actorOf(req), req.query),
  );

  app.get(
    '/citizen-accounts/:id',
    {
      schema: {
        tags,
        summary: 'A citizen account and what the registry of your territory says of its NIK, KK and name',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: CitizenAccountDetail, ...problems },
      },
    },
    async (req) => citizen.getForStaff(actorOf(req), req.params.id),
  );

  app.post(
    '/citizen-accounts/:id/decision',
    {
      schema: {
        tags,
        summary:
          'Verify a citizen account (both photos uploaded) or reject it with a reason the citizen sees (409 with currentVersion when it changed)',
        params: IdParams,
        querystring: LangQuery,
        body: Decision,
        response: { 200: CitizenAccountForStaff, ...problems },
      },
    },
    async (req) => citizen.decide(actorOf(req), req.params.id, req.body),
  );
};
