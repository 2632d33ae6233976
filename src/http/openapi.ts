/**
 * The API description (OpenAPI 3.1 at /api/openapi.json) kept true to the server by construction, not by
 * hand: `documentRoute` runs for every route as it is registered (an `onRoute` hook), so a new route is
 * covered without touching this file.
 * - Errors: every status a route can answer with (from what the route is — public or not, a write or a
 *   read, with path parameters or not — plus the statuses it declares itself) is documented as
 *   `application/problem+json` with the shared `Problem` schema (components/schemas/Problem).
 * - Security: a public route (`config.public`) is `security: []`; every other inherits the document's
 *   bearer-or-cookie requirement.
 * Request bodies and parameters come from the same zod schemas that validate them (fastify-type-provider-zod).
 */

import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { SESSION_COOKIE } from './context.ts';
import { ProblemSchema } from './schemas.ts';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Methods whose requests carry a body Fastify reads (and so can be too large or of a refused type). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request: a parameter or the body fails validation (`errors` names each field), or a rule refuses the data',
  401: 'No valid session (log in: bearer token or session cookie); for the login, wrong credentials',
  403: 'Not allowed for your role or territory, or a cookie-authenticated write from another origin',
  404: 'Not found, or outside your territory (the two are indistinguishable)',
  409: 'Conflict with the current state (an edited version is stale, the record is in another state, a duplicate)',
  413: 'The body exceeds the size limit',
  415: 'The body is of a type this operation does not accept (`accepted` lists the ones it does)',
  429: 'Too many requests (rate limit per account or client, login attempts, identity probes); Retry-After says when to come back, in seconds',
};

type ResponseMap = Record<string, unknown>;

/**
 * The client-error statuses a route's own response declaration names. A 5xx a route declares is an answer of
 * its own (the readiness probe's 503), documented as the route declares it.
 */
function declaredErrors(response: ResponseMap | undefined): number[] {
  return Object.keys(response ?? {})
    .map(Number)
    .filter((s) => s >= 400 && s < 500);
}

/**
 * The error statuses `route` can answer with, as the server decides them:
 * 400 any route (its parameters, `lang`, or a rule in the service); 401 and 403 every route that needs a
 * session (no session; role or territory); 403 any write (the Origin check on cookie and login writes);
 * 404 a route that names a record in its path; 409 any write; 413 and 415 a method with a body; 429 any
 * route (the rate limits count every request). A route adds others by declaring them in its `response`.
 */
export function errorStatuses(route: Pick<RouteOptions, 'method' | 'url' | 'config' | 'schema'>): number[] {
  const methods = [route.method].flat().map(String);
  const isPublic = route.config?.public === true;
  const writes = methods.some((m) => BODY_METHODS.has(m));
  const statuses = new Set([400, 429, ...declaredErrors(route.schema?.response as ResponseMap | undefined)]);
  if (!isPublic) for (const s of [401, 403]) statuses.add(s);
  if (writes) for (const s of [403, 409, 413, 415]) statuses.add(s);
  if (!isPublic && /[:*]/.test(route.url)) statuses.add(404);
  return [...statuses].sort((a, b) => a - b);
}

/** A documented error answer: problem+json with the shared schema, described by the route or generically. */
function problemResponse(status: number, declared: unknown) {
  const description =
    (declared as { description?: string } | undefined)?.description ??
    (declared as z.ZodType | undefined)?.description;
  const generic = ERROR_TEXT[status] ?? 'Error';
  return {
    description: description && description !== ProblemSchema.description ? description : generic,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
  };
}

/** onRoute: security and error answers of one route, for the document (and the error serializer). */
export function documentRoute(route: RouteOptions): void {
  route.schema ??= {};
  const schema = route.schema as { hide?: boolean; security?: unknown[]; response?: ResponseMap };
  if (route.config?.public) schema.security = [];
  if (schema.hide) return;
  const response: ResponseMap = { ...schema.response };
  for (const status of errorStatuses(route)) {
    response[status] = problemResponse(status, response[status]);
  }
  schema.response = response;
}

/**
 * The zod registry gives each component an input and an output variant (`ProblemInput`, `Problem`); a
 * variant no operation refers to is left out.
 */
function withoutUnusedSchemas<T extends object>(doc: T): T {
  const schemas = (doc as { components?: { schemas?: Record<string, unknown> } }).components?.schemas;
  if (!schemas) return doc;
  const others = JSON.stringify({ ...doc, components: {} });
  for (const name of Object.keys(schemas)) {
    const ref = `"#/components/schemas/${name}"`;
    if (name.endsWith('Input') && !others.includes(ref) && !JSON.stringify(schemas).includes(ref)) {
      delete schemas[name];
    }
  }
  return doc;
}

/** @fastify/swagger over the zod schemas; `Problem` (and any schema given a registry id) as components. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'DTKS API',
        version: '1',
        description:
          'Data Terpadu Kesejahteraan Sosial: households, people, regions, audit. Errors are RFC 9457 problem+json (`application/problem+json`, schema `Problem`) with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => withoutUnusedSchemas(jsonSchemaTransformObject(doc)),
  });
}
