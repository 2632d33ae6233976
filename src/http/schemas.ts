import { z } from 'zod';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    instance: z.string(),
    requestId: z
      .string()
      .optional()
      .describe('The request id (also the X-Request-Id header): quote it when reporting the error'),
    errors: z
      .array(
        z.object({
          field: z.string(),
          code: z.string(),
          message: z.string(),
          severity: z.enum(['error', 'warning']),
        }),
      )
      .optional(),
  })
  .passthrough()
  .describe('RFC 9457 problem details');

/** The error responses every authenticated route can give, for the OpenAPI document. */
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
