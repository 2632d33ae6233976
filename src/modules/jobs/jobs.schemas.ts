import { z } from 'zod';
import { CursorParam } from '../../http/params.ts';

export const JobStateEnum = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

export const JobViewSchema = z.object({
  id: z.string(),
  kind: z.string().describe('household.import, …'),
  state: JobStateEnum,
  progress: z.object({
    done: z.number().describe('Units done (an import: data lines read)'),
    total: z.number().nullable().describe('Units in all, when known'),
    phase: z.string().nullable(),
  }),
  result: z.unknown().describe("The kind's result once done (an import: its summary and rejected lines)"),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  owner: z.string(),
  attempts: z.number().describe('Runs so far; more than 1 after a takeover or a retry'),
  cancelRequested: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const JobListQuery = z.strictObject({
  mine: z.enum(['true', 'false']).default('false').describe('Only the jobs you started'),
  state: JobStateEnum.optional(),
  cursor: CursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  lang: z.enum(['id', 'en']).optional(),
});

export const JobQuery = z.strictObject({ lang: z.enum(['id', 'en']).optional() });

/** A job in a list: without its result and error (they may name people; read one job for them). */
export const JobSummarySchema = JobViewSchema.omit({ result: true, error: true });

export const JobList = z.object({ items: z.array(JobSummarySchema), nextCursor: z.string().nullable() });

export const JobStarted = z.object({ jobId: z.string() });

export const JobStart = z.strictObject({
  kind: z.string().max(64).describe('A kind that needs no file, e.g. penetapan.determine'),
  params: z.unknown().describe('The kind\'s parameters (penetapan.determine: {"period": "YYYY-MM"})'),
});
