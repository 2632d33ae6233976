import { z } from 'zod';
import { PROGRAMME_CODE } from '../../domain/programmes/document.ts';
import { OUTCOMES, STOP_REASONS } from '../../domain/recipients/diff.ts';
import { proposalMachine } from '../../domain/recipients/proposal.ts';
import { CursorParam, PeriodParam, RegionCodeParam } from '../../http/params.ts';
import { text } from '../households/households.schemas.ts';

/** A programme code (PKH, BPNT, PBI_JK, KIP_KULIAH, or a provincial PROV_PP_NAME). */
export const ProgrammeCode = z.string().regex(PROGRAMME_CODE, 'programme code').meta({ example: 'PKH' });

export const PeriodParams = z.strictObject({ period: PeriodParam });

const Limit = z.coerce.number().int().min(1).max(500).default(100);

export const RecipientsQuery = z.strictObject({
  programme: ProgrammeCode,
  region: RegionCodeParam.optional(),
  cursor: CursorParam.optional(),
  limit: Limit,
});
export const ExportQuery = z.strictObject({
  programme: ProgrammeCode,
  region: RegionCodeParam.optional(),
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
export const TotalsQuery = z.strictObject({ region: RegionCodeParam.optional() });
export const ProposalListQuery = z.strictObject({
  period: PeriodParam.optional(),
  programme: ProgrammeCode.optional(),
  state: z.enum(proposalMachine.states).optional(),
  region: RegionCodeParam.optional(),
});
export const CandidatesQuery = z.strictObject({
  outcome: z.enum(OUTCOMES).optional(),
  region: RegionCodeParam.optional(),
  cursor: CursorParam.optional(),
  limit: Limit,
});

/**
 * One programme's proposal (`programme`), or a pass over the regency computing several at once
 * (`programmes`; omitted: every published programme applying there).
 */
export const ComputeBody = z.union([
  z.strictObject({ period: PeriodParam, programme: ProgrammeCode, regency: RegionCodeParam }),
  z.strictObject({
    period: PeriodParam,
    regency: RegionCodeParam,
    programmes: z.array(ProgrammeCode).min(1).max(50).optional(),
  }),
]);
export const ReturnBody = z.strictObject({ note: text(1000) });
export const IneligibleDeclaration = z.strictObject({
  householdId: z.string().max(64),
  reason: text(500).min(3),
  evidence: text(500).optional(),
});

const Component = z.object({ code: z.string(), count: z.number(), yearlyAmount: z.number() });
/**
 * How the programme version an amount was computed with pays — not the version in force: `membership` pays
 * no cash (PBI-JK), the others pay in `months` (1–12), so an amount of 0 can be told apart (domain/programmes/
 * payment.ts).
 */
export const Payment = z.object({
  kind: z.enum(['cash_monthly', 'cash_components', 'membership', 'per_member']),
  months: z.array(z.number().int().min(1).max(12)),
});
const Reason = z.object({ code: z.string(), text: z.object({ id: z.string(), en: z.string() }) });

export const ProposalView = z.object({
  id: z.string(),
  period: z.string(),
  programme: z.string(),
  programmeVersion: z.string(),
  door: z.enum(['pusdatin', 'province']),
  regencyCode: z.string(),
  state: z.enum(proposalMachine.states),
  version: z.number(),
  evaluated: z.number(),
  candidates: z.number(),
  excluded: z.number(),
  /** The candidates' amount for the period, integer rupiah. */
  amount: z.number(),
  payment: Payment,
  checksum: z.string().nullable(),
  note: z.string().nullable(),
  computedAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  allowed: z.array(z.string()),
});
export const ProposalList = z.object({ items: z.array(ProposalView) });

export const CandidateItem = z.object({
  householdId: z.string(),
  kkNumber: z.string(),
  regionCode: z.string(),
  headName: z.string(),
  decile: z.number().nullable(),
  outcome: z.enum(OUTCOMES),
  codes: z.array(z.string()),
  components: z.array(Component),
  amount: z.number(),
  yearlyAmount: z.number(),
  reasons: z.array(Reason),
});
export const CandidatePage = z.object({ items: z.array(CandidateItem), nextCursor: z.string().nullable() });

export const RecipientItem = z.object({
  householdId: z.string(),
  kkNumber: z.string(),
  regionCode: z.string(),
  headName: z.string(),
  decile: z.number().nullable(),
  /** Integer rupiah paid in the period. */
  amount: z.number(),
  /** PKH: the components counted (KIP Kuliah: the students); empty for the others. */
  components: z.array(Component),
});
export const RecipientPage = z.object({
  items: z.array(RecipientItem.extend({ payment: Payment })),
  nextCursor: z.string().nullable(),
});

export const ExclusionPage = z.object({
  items: z.array(
    z.object({
      householdId: z.string(),
      kkNumber: z.string(),
      regionCode: z.string(),
      headName: z.string(),
      codes: z.array(z.string()),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const Who = { householdId: z.string(), kkNumber: z.string(), regionCode: z.string(), headName: z.string() };
export const DIFF_CHANGES = ['new', 'continuing', 'stopped'] as const;
export const DiffQuery = z.strictObject({
  programme: ProgrammeCode,
  region: RegionCodeParam.optional(),
  /** Only this kind of change (default: all three). */
  change: z.enum(DIFF_CHANGES).optional(),
  cursor: CursorParam.optional(),
  limit: Limit,
});
export type DiffQuery = z.infer<typeof DiffQuery>;

/**
 * The change of each household against the programme's previous approved period, one page in household id
 * order (`items`, `nextCursor`), with the counts of the whole diff in `counts`.
 */
export const RecipientDiff = z.object({
  period: z.string(),
  previousPeriod: z.string().nullable(),
  counts: z.object({ new: z.number(), continuing: z.number(), stopped: z.number() }),
  items: z.array(
    z.object({
      ...Who,
      change: z.enum(DIFF_CHANGES),
      /** This period's amount (0 for a stopped one). */
      amount: z.number(),
      /** The previous period's amount (null for a new one). */
      previousAmount: z.number().nullable(),
      /** Why a stopped one stopped (null otherwise), with the exclusion codes. */
      reason: z.enum(STOP_REASONS).nullable(),
      codes: z.array(z.string()),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type RecipientDiff = z.infer<typeof RecipientDiff>;

export const RecipientTotals = z.object({
  period: z.string(),
  level: z.number(),
  programmes: z.array(
    z.object({
      programme: z.string(),
      households: z.number(),
      amount: z.number(),
      /** The payment of the versions the lists were computed with; null when they pay differently. */
      payment: Payment.nullable(),
      regions: z.array(
        z.object({ regionCode: z.string(), name: z.string(), households: z.number(), amount: z.number() }),
      ),
    }),
  ),
});

export const DeclarationResult = z.object({
  householdId: z.string(),
  period: z.string(),
  proposals: z.array(z.string()),
  niks: z.number(),
});

export const HouseholdProgrammes = z.object({
  householdId: z.string(),
  history: z.array(
    z.object({
      period: z.string(),
      programmes: z.array(
        z.object({
          programme: z.string(),
          programmeVersion: z.string(),
          /** `recipient`, an outcome of an approved proposal, or `proposed:<outcome>` while not approved. */
          status: z.string(),
          amount: z.number(),
          payment: Payment,
          components: z.array(Component),
          codes: z.array(z.string()),
        }),
      ),
    }),
  ),
  latest: z
    .object({
      period: z.string(),
      evaluations: z.array(
        z.object({
          programme: z.string(),
          programmeVersion: z.string(),
          proposalState: z.enum(proposalMachine.states),
          outcome: z.enum(OUTCOMES),
          decile: z.number().nullable(),
          amount: z.number(),
          yearlyAmount: z.number(),
          codes: z.array(z.string()),
          reasons: z.array(Reason),
        }),
      ),
    })
    .nullable(),
});

const JobPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
/** A `recipients.compute` job: one programme's proposal, or a pass over the regency (ComputeBody). */
export const ComputeParams = z.union([
  z.strictObject({ period: JobPeriod, programme: ProgrammeCode, regency: z.string().max(20) }),
  z.strictObject({
    period: JobPeriod,
    regency: z.string().max(20),
    programmes: z.array(ProgrammeCode).min(1).max(50).optional(),
  }),
]);
export type ComputeParams = z.infer<typeof ComputeParams>;
