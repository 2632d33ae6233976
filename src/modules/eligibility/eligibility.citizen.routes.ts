/**
 * The citizen's own opt-out over HTTP (issue 13 "opted out", issue 14): a verified citizen reads their
 * family's opt-outs, declares one for a programme and withdraws one declared from the portal (a citizen
 * session). The records are the staff path's (`/api/v1/households/{id}/opt-outs`), marked as the citizen's.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { citizenOf } from '../../http/context.ts';
import { citizenFiling, citizenOnly, citizenProblems, LangQuery } from '../../http/schemas.ts';
import { CitizenOptOutBody, CitizenOptOuts, LiftBody, OptOut } from './eligibility.schemas.ts';
import type { EligibilityService } from './eligibility.service.ts';

const tags = ['citizen'];

export const citizenOptOutRoutes: FastifyPluginAsyncZod<{ eligibility: EligibilityService }> = async (
  app,
  { eligibility },
) => {
  app.get(
    '/public/citizen/opt-outs',
    {
      config: citizenOnly,
      schema: {
        tags,
        summary:
          "My family's opt-outs of programmes (standing and withdrawn) and the programmes I may opt out of (verified accounts whose NIK is in DTKS)",
        querystring: LangQuery,
        response: { 200: CitizenOptOuts, ...citizenProblems },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return eligibility.citizenOptOuts(citizenOf(req));
    },
  );

  app.post(
    '/public/citizen/opt-outs',
    citizenFiling(
      tags,
      'Declare that my family opts out of a programme (dated today; the next recipients computation leaves the family out; 409 when one already stands)',
      CitizenOptOutBody,
      OptOut,
    ),
    async (req, reply) => reply.status(201).send(await eligibility.declareOptOut(citizenOf(req), req.body)),
  );

  app.post(
    '/public/citizen/opt-outs/:optOutId/withdraw',
    {
      config: citizenOnly,
      schema: {
        tags,
        summary:
          "Withdraw my family's opt-out declared from the portal (one recorded by the office is withdrawn there: 404)",
        params: z.strictObject({ optOutId: z.string().max(64) }),
        body: LiftBody,
        querystring: LangQuery,
        response: { 200: OptOut, ...citizenProblems },
      },
    },
    async (req) => eligibility.withdrawCitizenOptOut(citizenOf(req), req.params.optOutId, req.body),
  );
};
