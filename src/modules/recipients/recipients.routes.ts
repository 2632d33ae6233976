import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/context.ts';
import { fileHeaders, fileResponse } from '../../http/files.ts';
import { IdParams, problems } from '../../http/schemas.ts';
import { JobStarted } from '../jobs/jobs.schemas.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { recipientsCsvChunks, recipientsXlsx } from './recipients.export.ts';
import { RECIPIENTS_COMPUTE } from './recipients.jobs.ts';
import {
  CandidatePage,
  CandidatesQuery,
  ComputeBody,
  DeclarationResult,
  DiffQuery,
  ExclusionPage,
  ExportQuery,
  HouseholdProgrammes,
  IneligibleDeclaration,
  PeriodParams,
  ProposalList,
  ProposalListQuery,
  ProposalView,
  RecipientDiff,
  RecipientPage,
  RecipientsQuery,
  RecipientTotals,
  ReturnBody,
  TotalsQuery,
} from './recipients.schemas.ts';
import type { RecipientsService } from './recipients.service.ts';

const tags = ['recipients'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const recipientsRoutes: FastifyPluginAsyncZod<{
  recipients: RecipientsService;
  jobs: JobsService;
}> = async (app, { recipients, jobs }) => {
  app.get(
    '/periods/:period/recipients',
    {
      schema: {
        tags,
        summary:
          'The approved recipients (KPM) of a programme in the period within your territory, in household id order (items, nextCursor); amounts are integer rupiah for the period',
        params: PeriodParams,
        querystring: RecipientsQuery,
        response: { 200: RecipientPage, ...problems },
      },
    },
    async (req) => recipients.recipients(actorOf(req), req.params.period, req.query),
  );

  app.get(
    '/periods/:period/recipients/exclusions',
    {
      schema: {
        tags,
        summary:
          "Households of the period's proposals that the programme would reach but an exclusion rule keeps out, with each rule's code (INELIGIBLE for those declared ineligible in the review)",
        params: PeriodParams,
        querystring: RecipientsQuery,
        response: { 200: ExclusionPage, ...problems },
      },
    },
    async (req) => recipients.exclusions(actorOf(req), req.params.period, req.query),
  );

  app.get(
    '/periods/:period/recipients/diff',
    {
      schema: {
        tags,
        summary:
          "New, continuing and stopped recipients against the programme's previous approved period, with the reason each stopped: paginated like the list (items in household id order, nextCursor), optionally one kind of change, with the counts of the whole diff",
        params: PeriodParams,
        querystring: DiffQuery,
        response: { 200: RecipientDiff, ...problems },
      },
    },
    async (req) => recipients.diff(actorOf(req), req.params.period, req.query),
  );

  app.get(
    '/periods/:period/recipients/totals',
    {
      schema: {
        tags,
        summary:
          'Approved households and amounts (integer rupiah) per programme and per region one level below your territory (or the region asked)',
        params: PeriodParams,
        querystring: TotalsQuery,
        response: { 200: RecipientTotals, ...problems },
      },
    },
    async (req) => recipients.totals(actorOf(req), req.params.period, req.query),
  );

  app.get(
    '/periods/:period/recipients/export',
    {
      schema: {
        tags,
        summary: 'The approved recipients of a programme in your territory as CSV or Excel (audited)',
        params: PeriodParams,
        querystring: ExportQuery,
        response: { 200: fileResponse(['text/csv', XLSX]), ...problems },
      },
    },
    async (req, reply) => {
      const { period } = req.params;
      const name = `kpm-${req.query.programme}-${period}${req.query.region ? `-${req.query.region}` : ''}`;
      // Both formats stream page by page; each page is read (and audited) when the last one has left.
      const { pages } = await recipients.recipientPages(actorOf(req), period, req.query);
      if (req.query.format === 'xlsx') {
        const stream = recipientsXlsx(`KPM ${req.query.programme} ${period}`, pages);
        return fileHeaders(reply, { mime: XLSX, name: `${name}.xlsx` }).send(stream);
      }
      return fileHeaders(reply, { mime: 'text/csv', name: `${name}.csv` }).send(
        Readable.from(recipientsCsvChunks(pages)),
      );
    },
  );

  app.get(
    '/recipient-proposals',
    {
      schema: {
        tags,
        summary:
          'Recipient proposals (one per period, programme and regency) in your territory, newest period first, with the steps you may take on each',
        querystring: ProposalListQuery,
        response: { 200: ProposalList, ...problems },
      },
    },
    async (req) => recipients.proposals(actorOf(req), req.query),
  );

  app.post(
    '/recipient-proposals',
    {
      schema: {
        tags,
        summary:
          "Compute (or compute again) a regency's proposal of a programme (`programme`), or of several in one pass over the regency (`programmes`; omitted: every published programme applying there), for a determined, ranked period as a job (kind recipients.compute): 202 with its id; GET /jobs/{id} shows its progress and, for a pass, the programmes skipped and why. Refused before queueing when the proposal may not be computed (409 with its state once submitted or approved), or when a pass would compute none (409 recipients.nothing_to_compute)",
        body: ComputeBody,
        response: { 202: JobStarted, ...problems },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if ('programme' in req.body) await recipients.checkCompute(actor, req.body);
      else await recipients.checkPass(actor, req.body);
      const job = await jobs.enqueue(actor, RECIPIENTS_COMPUTE, req.body);
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.get(
    '/recipient-proposals/:id',
    {
      schema: {
        tags,
        summary: 'One proposal (404 outside your territory)',
        params: IdParams,
        response: { 200: ProposalView, ...problems },
      },
    },
    async (req) => recipients.proposal(actorOf(req), req.params.id),
  );

  app.get(
    '/recipient-proposals/:id/candidates',
    {
      schema: {
        tags,
        summary:
          "A proposal's evaluated households with their outcome (candidate, excluded, out_of_target, not_eligible, ineligible), exclusion codes, components, amount and the reasons line by line",
        params: IdParams,
        querystring: CandidatesQuery,
        response: { 200: CandidatePage, ...problems },
      },
    },
    async (req) => recipients.candidates(actorOf(req), req.params.id, req.query),
  );

  app.post(
    '/recipient-proposals/:id/ineligible',
    {
      schema: {
        tags,
        summary:
          'Declare a household of an open proposal ineligible (ditidaklayakkan) with reason and evidence: out of every open proposal of its regency in the period, removed from DTKS and its NIKs barred until lifted (POST /households/{id}/ineligible/lift)',
        params: IdParams,
        body: IneligibleDeclaration,
        response: { 200: DeclarationResult, ...problems },
      },
    },
    async (req) => recipients.declareIneligible(actorOf(req), req.params.id, req.body),
  );

  for (const step of ['submit', 'approve'] as const) {
    app.post(
      `/recipient-proposals/:id/${step}`,
      {
        schema: {
          tags,
          summary:
            step === 'submit'
              ? 'Submit a computed (or returned) proposal to its door (the regency Dinas Sosial)'
              : 'Approve a submitted proposal (Pusdatin for national programmes, the provincial Dinas Sosial for its own): its candidates become the period’s recipients, never changed afterwards; 409 with the current state when already approved',
          params: IdParams,
          response: { 200: ProposalView, ...problems },
        },
      },
      async (req) => recipients[step](actorOf(req), req.params.id),
    );
  }

  app.post(
    '/recipient-proposals/:id/return',
    {
      schema: {
        tags,
        summary: 'Return a submitted proposal to the regency with a note',
        params: IdParams,
        body: ReturnBody,
        response: { 200: ProposalView, ...problems },
      },
    },
    async (req) => recipients.return(actorOf(req), req.params.id, req.body.note),
  );

  app.get(
    '/households/:id/programmes',
    {
      schema: {
        tags,
        summary:
          "A household's programme history period by period, and why it does or does not receive each programme in its latest evaluation (404 as for the household)",
        params: IdParams,
        response: { 200: HouseholdProgrammes, ...problems },
      },
    },
    async (req) => recipients.householdProgrammes(actorOf(req), req.params.id),
  );
};
