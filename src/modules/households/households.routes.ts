import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { NikParam, RegionCodeParam } from '../../http/params.ts';
import { IdParams, identityProblems, problems } from '../../http/schemas.ts';
import {
  History,
  HouseholdCreate,
  HouseholdDetail,
  HouseholdList,
  HouseholdPatch,
  HouseholdReadQuery,
  ListQuery,
  MemberAdd,
  MemberPatch,
  NameSearchQuery,
  NameSearchResult,
  PersonLookup,
  RegionCounts,
  Removal,
} from './households.schemas.ts';

const MemberParams = z.strictObject({ id: z.string().max(64), personId: z.string().max(64) });
const tags = ['households'];

export const householdRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (
  app,
  { container },
) => {
  const svc = container.households;

  app.get(
    '/households',
    {
      schema: {
        tags,
        summary:
          'Households in your territory (cursor-paginated); filter by region, RW/RT, status; q = name, NIK or KK',
        querystring: ListQuery.extend({ lang: z.enum(['id', 'en']).optional() }),
        response: { 200: HouseholdList, ...problems },
      },
    },
    async (req) => {
      const { lang: _lang, ...query } = req.query;
      return svc.list(actorOf(req), query);
    },
  );

  app.get(
    '/households/search',
    {
      schema: {
        tags,
        summary:
          'Heads of household by name, tolerant of spelling (Soewarno/Suwarno, Sitti/Siti), best match first',
        querystring: NameSearchQuery.extend({ lang: z.enum(['id', 'en']).optional() }),
        response: { 200: NameSearchResult, ...problems },
      },
    },
    async (req) => {
      const { lang: _lang, ...query } = req.query;
      return svc.searchNames(actorOf(req), query);
    },
  );

  app.post(
    '/households',
    {
      schema: {
        tags,
        summary: 'Register a household with its members (validated; warnings need confirmWarnings)',
        body: HouseholdCreate,
        response: { 201: HouseholdDetail, ...identityProblems },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.get(
    '/households/:id',
    {
      schema: {
        tags,
        summary:
          'A household with its members; with asOf=YYYY-MM, as DTKS determined it in that period (404 if it was not in DTKS then)',
        params: IdParams,
        querystring: HouseholdReadQuery,
        response: { 200: HouseholdDetail, ...problems },
      },
    },
    async (req) =>
      req.query.asOf
        ? container.penetapan.householdAsOf(actorOf(req), req.params.id, req.query.asOf)
        : svc.get(actorOf(req), req.params.id),
  );

  app.patch(
    '/households/:id',
    {
      schema: {
        tags,
        summary: 'Correct household data (send the version you edited and a reason)',
        params: IdParams,
        body: HouseholdPatch,
        response: { 200: HouseholdDetail, ...identityProblems },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/households/:id/removal',
    {
      schema: {
        tags,
        summary: 'Remove the household from DTKS (status change with a reason; nothing is deleted)',
        params: IdParams,
        body: Removal,
        response: { 200: HouseholdDetail, ...problems },
      },
    },
    async (req) => svc.remove(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/households/:id/history',
    {
      schema: {
        tags,
        summary: 'Every version with who, when, why and what changed',
        params: IdParams,
        response: { 200: History, ...problems },
      },
    },
    async (req) => svc.history(actorOf(req), req.params.id),
  );

  app.post(
    '/households/:id/members',
    {
      schema: {
        tags,
        summary: 'Add a member',
        params: IdParams,
        body: MemberAdd,
        response: { 201: HouseholdDetail, ...identityProblems },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.addMember(actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/households/:id/members/:personId',
    {
      schema: {
        tags,
        summary: 'Correct a member',
        params: MemberParams,
        body: MemberPatch,
        response: { 200: HouseholdDetail, ...identityProblems },
      },
    },
    async (req) => svc.updateMember(actorOf(req), req.params.id, req.params.personId, req.body),
  );

  app.post(
    '/households/:id/members/:personId/removal',
    {
      schema: {
        tags,
        summary: 'Remove a member (with a reason)',
        params: MemberParams,
        body: Removal,
        response: { 200: HouseholdDetail, ...problems },
      },
    },
    async (req) => svc.removeMember(actorOf(req), req.params.id, req.params.personId, req.body),
  );

  app.get(
    '/persons/:nik',
    {
      schema: {
        tags: ['persons'],
        summary:
          'A person by NIK. Say why in the header X-Purpose (percent-encoded UTF-8, 3+ characters): it is audited and shown to the citizen in "who read my data". 400 for a malformed NIK or no purpose, 404 when absent or outside your territory',
        params: z.strictObject({ nik: NikParam }),

        response: { 200: PersonLookup, ...problems },
      },
    },
    async (req) => svc.personByNik(actorOf(req), req.params.nik),
  );

  app.get(
    '/stats/regions',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Active households and people per child region of `region` (default: your territory)',
        querystring: z.strictObject({
          region: RegionCodeParam.optional(),
          lang: z.enum(['id', 'en']).optional(),
        }),
        response: {
          200: RegionCounts,
          ...problems,
        },
      },
    },
    async (req) => svc.counts(actorOf(req), req.query.region),
  );
};
