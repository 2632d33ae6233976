import { z } from 'zod';
import { RegionCodeParam } from '../../http/params.ts';

const lang = z.enum(['id', 'en']).optional();

export const ExportQuery = z.strictObject({
  region: RegionCodeParam.optional(),
  status: z.enum(['active', 'removed', 'all']).default('active'),
  lang,
});

export const ImportQuery = z.strictObject({
  acceptWarnings: z.enum(['true', 'false']).default('false'),
  lang,
});

export const RejectedLine = z.object({
  line: z.number().describe('Line number in the file (the header is line 1)'),
  kkNumber: z.string().nullable(),
  status: z
    .enum(['rejected', 'not_processed'])
    .describe('not_processed: unchecked, because the identity probe limit was reached before it'),
  issues: z.array(
    z.object({
      field: z.string().describe('CSV column, or (csv) for a line that cannot be read'),
      code: z.string(),
      message: z.string(),
      severity: z.enum(['error', 'warning']),
    }),
  ),
});

export const ImportResult = z
  .object({
    lines: z.number().describe('Data lines read'),
    households: z.number(),
    created: z.number(),
    unchanged: z.number().describe('Already registered in the same village (a re-run adds nothing)'),
    rejected: z.number().describe('Households rejected'),
    rejectedLines: z.number(),
    notProcessed: z
      .number()
      .describe(
        'Households not checked: the identity probe limit (IDENTITY_PROBE_LIMIT) was reached during the import, which stopped there',
      ),
    notProcessedLines: z.number(),
    seconds: z.number(),
    rows: z
      .array(RejectedLine)
      .describe('Rejected or not processed lines, in line order within each chunk (the first 1,000)'),
    rowsOmitted: z.number().describe('Rejected or not processed lines beyond those listed'),
  })
  .describe("The result of a household.import job (GET /jobs/{id}, in the request's language)");

export const ExportJobResult = z
  .object({
    filename: z.string().describe('The name the file downloads under'),
    region: z.string().nullable().describe('The region exported, within your territory; null: everywhere'),
    status: z.enum(['active', 'removed', 'all']),
    households: z.number(),
    persons: z.number().describe('Members written (rows; a household without members has one row)'),
    bytes: z.number(),
    expiresAt: z.string().describe('After this the file is removed (EXPORT_TTL_HOURS after the job ended)'),
  })
  .describe('The result of a household.export job (GET /jobs/{id}); the file is at GET /jobs/{id}/result');
