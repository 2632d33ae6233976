/**
 * Answers of the public API (public.routes.ts). The public pages and the staff abuse list take their types
 * from here (type-only imports), so the web app cannot drift from the contract.
 */
import { z } from 'zod';

export const Programme = z.object({ code: z.string(), name: z.string(), period: z.string() });

export const CheckPerson = z.object({
  name: z.string().describe('Masked: two letters of each word, the rest `*` (SU***** HA*****)'),
  age: z.int().describe('Whole years (the birth date is never shown)'),
  village: z.object({
    code: z.string(),
    name: z.string(),
    district: z.string(),
    regency: z.string(),
    province: z.string(),
  }),
  dtks: z.object({ member: z.boolean(), period: z.string().nullable() }),
  programmes: z.array(Programme).describe('Programmes of the latest recipient period, with their periods'),
});
export type CheckPerson = z.infer<typeof CheckPerson>;

export const CheckAnswer = z.object({
  result: z.enum(['found', 'not_found']),
  period: z.string().nullable().describe('The latest determined period the answer is about'),
  people: z.array(CheckPerson).describe('found: one person (NIK) or up to 5 of that name (village)'),
});
export type CheckAnswer = z.infer<typeof CheckAnswer>;

export const RegionItem = z.object({ code: z.string(), name: z.string() });
export type RegionItem = z.infer<typeof RegionItem>;

const Hidden = 'null: hidden (fewer than `minCell` households, or hidden so such a cell cannot be derived)';

/** Entitlements per state; null: hidden (an amount or a package count is hidden with its entitlements). */
export const StateCounts = z.object({
  allocated: z.int().nullable(),
  delivered: z.int().nullable(),
  returned: z.int().nullable(),
  outstanding: z.int().nullable(),
});

export const Statistics = z.object({
  region: z
    .object({
      code: z.string(),
      name: z.string(),
      level: z.int().describe('1 province, 2 regency, 3 kecamatan, 4 village'),
      parentCode: z.string().nullable(),
      parentName: z.string().nullable(),
    })
    .nullable(),
  period: z.string().nullable(),
  minCell: z.int().describe('Cells counting fewer households are hidden (PUBLIC_STATS_MIN_CELL)'),
  periods: z.array(
    z.object({
      period: z.string(),
      households: z.int().nullable().describe(Hidden),
      persons: z.int().nullable().describe(Hidden),
    }),
  ),
  children: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      households: z.int().nullable().describe(Hidden),
      persons: z.int().nullable().describe(Hidden),
      programmes: z.array(
        z.object({
          code: z.string(),
          households: z.int().nullable().describe(Hidden),
          amount: z.int().nullable().describe(`Integer rupiah; ${Hidden}`),
        }),
      ),
    }),
  ),
  programmes: z
    .array(
      z.object({
        code: z.string(),
        name: z.string(),
        period: z.string().describe('The newest approved period counted'),
        households: z.int().nullable().describe(Hidden),
        amount: z.int().nullable().describe(`Integer rupiah paid in that period; ${Hidden}`),
      }),
    )
    .describe('Recipients per programme on the newest approved lists of the territory (no personal data)'),
  distribution: z
    .object({
      period: z.string(),
      allocated: z.int().nullable().describe(Hidden),
      delivered: z.int().nullable().describe(Hidden),
      returned: z.int().nullable().describe(Hidden),
      outstanding: z.int().nullable().describe(Hidden),
      amounts: StateCounts.describe(`Integer rupiah; ${Hidden} (with its entitlements)`),
      packages: StateCounts.describe(`In-kind packages; ${Hidden} (with its entitlements)`),
    })
    .nullable()
    .describe(
      'Entitlements handed to PT Pos in the newest distribution period whose hand-over is complete (every approved list of each programme distributed then has its batch) and their state, small counts hidden as the other figures (suppressed over the regions and the states together); null before one is, and below the regency',
    ),
});
export type Statistics = z.infer<typeof Statistics>;

export const AbuseReport = z.object({
  id: z.string(),
  kind: z.string(),
  channel: z.string(),
  subject: z.string().describe('A pseudonym (keyed hash prefix) of the client, NIK or village'),
  hour: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  count: z.int(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type AbuseReport = z.infer<typeof AbuseReport>;
