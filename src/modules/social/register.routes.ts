import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import type { FieldIssue } from '../../domain/errors.ts';
import { actorOf } from '../../http/context.ts';
import { requestLang } from '../../http/problem.ts';
import { IdParams, identityProblems, problems } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { Removal } from '../households/households.schemas.ts';
import { History } from './social.schemas.ts';
import { localWarnings } from './social-register.ts';

/** The service calls behind a register's routes (PPKS, PSKS). */
export interface RegisterRoutesService<Query, Create, Patch, Detail, List> {
  list(actor: Actor, query: Query): Promise<List>;
  get(actor: Actor, id: string): Promise<Detail>;
  create(actor: Actor, input: Create): Promise<Detail & { warnings: FieldIssue[] }>;
  update(actor: Actor, id: string, body: Patch): Promise<Detail & { warnings: FieldIssue[] }>;
  remove(actor: Actor, id: string, body: Removal): Promise<Detail>;
  history(actor: Actor, id: string): Promise<z.infer<typeof History>>;
}

/** The service behind a register with these schemas: it takes and answers what they parse. */
export type RegisterServiceFor<
  Query extends z.ZodType,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  Detail extends z.ZodType,
  List extends z.ZodType,
> = (
  container: Container,
) => RegisterRoutesService<
  z.output<Query>,
  z.output<Create>,
  z.output<Patch>,
  Omit<z.output<Detail>, 'warnings'>,
  z.output<List>
>;

/** A register's API schemas: the list query, the create and patch bodies, the detail and the list page. */
export interface RegisterSchemas<Query, Create, Patch, Detail, List> {
  listQuery: Query;
  create: Create;
  patch: Patch;
  detail: Detail;
  list: List;
}

export interface RegisterRoutesOptions<
  Query extends z.ZodObject,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  Detail extends z.ZodType,
  List extends z.ZodType,
> {
  /** Path below the API prefix and OpenAPI tag, e.g. `ppks`. */
  name: string;
  service: RegisterServiceFor<Query, Create, Patch, Detail, List>;
  schemas: RegisterSchemas<Query, Create, Patch, Detail, List>;
  summaries: { list: string; create: string; get: string; update: string; remove: string };
}

/**
 * The routes every social register has: list, register, read, correct, remove and history. Each route is
 * schema in, one service call, schema out; write answers carry the warnings in the caller's language.
 * The zod type provider cannot infer request types from schemas that are type parameters, so the routes
 * are declared untyped and `RegisterRoutesOptions` ties each service call to its schemas' types instead
 * (the schemas still validate requests and serialize responses at run time).
 */
export function registerRoutes<
  Query extends z.ZodObject,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  Detail extends z.ZodType,
  List extends z.ZodType,
>(
  opts: RegisterRoutesOptions<Query, Create, Patch, Detail, List>,
): FastifyPluginAsyncZod<{ container: Container }> {
  const { name, schemas, summaries } = opts;
  const tags = [name];
  return async (typedApp, { container }) => {
    const app = typedApp as unknown as FastifyInstance;
    const svc = opts.service(container);
    const id = (req: { params: unknown }) => (req.params as z.output<typeof IdParams>).id;

    app.get(
      `/${name}`,
      {
        schema: {
          tags,
          summary: summaries.list,
          querystring: schemas.listQuery.extend({ lang: z.enum(['id', 'en']).optional() }),
          response: { 200: schemas.list, ...problems },
        },
      },
      async (req) => {
        const { lang: _lang, ...query } = req.query as z.output<Query> & { lang?: string };
        return svc.list(actorOf(req), query as z.output<Query>);
      },
    );

    app.post(
      `/${name}`,
      {
        schema: {
          tags,
          summary: summaries.create,
          body: schemas.create,
          response: { 201: schemas.detail, ...identityProblems },
        },
      },
      async (req, reply) => {
        const { warnings, ...record } = await svc.create(actorOf(req), req.body as z.output<Create>);
        return reply.status(201).send({ ...record, warnings: localWarnings(warnings, requestLang(req)) });
      },
    );

    app.get(
      `/${name}/:id`,
      {
        schema: {
          tags,
          summary: summaries.get,
          params: IdParams,
          response: { 200: schemas.detail, ...problems },
        },
      },
      async (req) => svc.get(actorOf(req), id(req)),
    );

    app.patch(
      `/${name}/:id`,
      {
        schema: {
          tags,
          summary: summaries.update,
          params: IdParams,
          body: schemas.patch,
          response: { 200: schemas.detail, ...identityProblems },
        },
      },
      async (req) => {
        const { warnings, ...record } = await svc.update(actorOf(req), id(req), req.body as z.output<Patch>);
        return { ...record, warnings: localWarnings(warnings, requestLang(req)) };
      },
    );

    app.post(
      `/${name}/:id/removal`,
      {
        schema: {
          tags,
          summary: summaries.remove,
          params: IdParams,
          body: Removal,
          response: { 200: schemas.detail, ...problems },
        },
      },
      async (req) => svc.remove(actorOf(req), id(req), req.body as Removal),
    );

    app.get(
      `/${name}/:id/history`,
      {
        schema: {
          tags,
          summary: 'Every version, newest first, with who, when, why and what changed',
          params: IdParams,
          response: { 200: History, ...problems },
        },
      },
      async (req) => svc.history(actorOf(req), id(req)),
    );
  };
}
