import { z } from 'zod';

/**
 * An RFC 9457 problem document, as `sendProblem` answers every error (`application/problem+json`). Extra
 * members are allowed: a code may add its own (`retryAfter`, `accepted`, `currentState`, `allowed`, …).
 * Registered as the OpenAPI component `Problem`; src/http/openapi.ts documents it on every route.
 */
export const ProblemSchema = z
  .object({
    type: z.string().describe('urn:dtks:problem:<code>'),
    title: z.string().describe('The HTTP status in words, in the request language'),
    status: z.int().min(400).max(599),
    detail: z.string().describe('What went wrong, in the request language (`lang` or Accept-Language)'),
    code: z.string().describe('Stable machine-readable code, e.g. request.invalid, auth.required'),
    instance: z.string().describe('The request path'),
    requestId: z
      .string()
      .optional()
      .describe('The request id (also the X-Request-Id header): quote it when reporting the error'),
    errors: z
      .array(
        z.object({
          field: z.string().describe('The field, e.g. members.0.nik, querystring.period, params.id'),
          code: z.string(),
          message: z.string(),
          severity: z.enum(['error', 'warning']),
        }),
      )
      .optional()
      .describe('One entry per field that failed validation'),
    retryAfter: z
      .int()
      .min(0)
      .optional()
      .describe('429: seconds until a retry can succeed (also Retry-After)'),
    accepted: z.array(z.string()).optional().describe('415: the content types this operation accepts'),
  })
  .passthrough()
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/**
 * Error responses a route declares. Optional: every route's errors are documented centrally from what the
 * route is (src/http/openapi.ts); a route declares a status here only to add one the rule does not give it,
 * or to describe one (as `identityProblems` does for 429).
 */
export const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

/** The error responses of a write that checks NIKs or KK numbers (IdentityGuard): the hourly probe limit too. */
export const identityProblems = {
  ...problems,
  429: ProblemSchema.describe(
    'identity.probe_limit: too many NIKs/KK numbers held outside your territory were refused in the last hour; Retry-After says when to try again',
  ),
};

export const IdParams = z.strictObject({ id: z.string().max(64) });

/** The `?lang=` every public answer takes (the language of its texts). */
export const LangQuery = z.strictObject({ lang: z.enum(['id', 'en']).optional() });

/** The route config of a logged-in citizen's route (public to staff auth; the citizen session is required). */
export const citizenOnly = { public: true, citizen: true } as const;

/** The error responses of a logged-in citizen's route (429 where limits apply). */
export const citizenProblems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  429: ProblemSchema,
};

/**
 * The options of the route a logged-in citizen files something through (a proposal, a correction request,
 * an objection, an opt-out): the citizen session, the body, the `?lang=` query, 201 with what was filed and
 * the citizen problems. Generic over the two schemas, so the route's handler is typed by them.
 */
export function citizenFiling<Body extends z.ZodType, Answer extends z.ZodType>(
  tags: string[],
  summary: string,
  body: Body,
  answer: Answer,
) {
  return {
    config: citizenOnly,
    schema: { tags, summary, body, querystring: LangQuery, response: { 201: answer, ...citizenProblems } },
  };
}
