import { z } from 'zod';
import {
  BATCH_STATES,
  DISTRIBUTION_FORMS,
  RECORD_STATES,
  RECORD_STEPS,
  RETURN_REASONS,
} from '../../domain/distribution/states.ts';
import { CursorParam, PeriodParam, RegionCodeParam } from '../../http/params.ts';
import { text } from '../households/households.schemas.ts';
import { ProgrammeCode } from '../recipients/recipients.schemas.ts';

const Limit = z.coerce.number().int().min(1).max(500).default(100);
/** Integer rupiah: a fraction is refused at the edge (400), never rounded. */
const Rupiah = z.number().int().min(0).max(1_000_000_000_000);
const Neighbourhood = z.string().trim().max(3).meta({ example: '003' });
const Timestamp = z.iso.datetime({ offset: true }).meta({ example: '2026-12-10T08:00:00+07:00' });

export const BatchParams = z.strictObject({ id: z.string().max(64) });
export const RecordParams = z.strictObject({ id: z.string().max(64), householdId: z.string().max(64) });

export const BatchBody = z.strictObject({
  period: PeriodParam,
  programme: ProgrammeCode,
  regency: RegionCodeParam,
  form: z.enum(DISTRIBUTION_FORMS).default('cash'),
  tranches: z.number().int().min(1).max(12).default(1),
  packagesPerKpm: z.number().int().min(1).max(100).optional(),
  packageValue: Rupiah.optional(),
});
export type BatchBody = z.infer<typeof BatchBody>;
export const BatchListQuery = z.strictObject({
  period: PeriodParam.optional(),
  programme: ProgrammeCode.optional(),
  region: RegionCodeParam.optional(),
});
export const RecordsQuery = z.strictObject({
  state: z.enum(RECORD_STATES).optional(),
  region: RegionCodeParam.optional(),
  cursor: CursorParam.optional(),
  limit: Limit,
});
export const ExportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const ReturnBody = z.strictObject({
  reasonCode: z.enum(RETURN_REASONS),
  note: text(500).optional(),
  version: z.number().int().min(1),
});
export const MoveBody = z.strictObject({
  pointId: z.string().max(64),
  note: text(500).optional(),
});
export const AcceptBody = z.strictObject({ note: text(500).optional() });
export const InvitationJobBody = z.strictObject({
  village: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'a village code PP.RR.KK.DDDD')
    .optional(),
});
export const ResendBody = z.strictObject({
  headName: text(120).min(1).optional(),
  kkNumber: z
    .string()
    .regex(/^\d{16}$/, '16 digits')
    .optional(),
  address: text(300).optional(),
  rt: Neighbourhood.optional(),
  rw: Neighbourhood.optional(),
  note: text(500).optional(),
  version: z.number().int().min(1),
});

const Coverage = z.strictObject({
  villageCode: RegionCodeParam,
  rw: z.array(Neighbourhood).max(50).optional(),
  rt: z.array(Neighbourhood).max(100).optional(),
});
export const PointBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{1,20}$/, 'letters, digits, dash'),
  name: text(120).min(3),
  districtCode: RegionCodeParam,
  villageCode: RegionCodeParam.optional(),
  /** Where the point is (a building, a street): not a person's address. */
  place: text(300).min(3),
  coverage: z.array(Coverage).max(200),
});
export const PointsQuery = z.strictObject({ region: RegionCodeParam.optional() });
export const ScheduleBody = z.strictObject({
  batchId: z.string().max(64),
  tranche: z.number().int().min(1).max(12),
  startsAt: Timestamp,
  endsAt: Timestamp,
});
export const StockBody = z.strictObject({
  batchId: z.string().max(64),
  packages: z.number().int().min(1).max(10_000_000),
  deliveryNote: text(100).min(1),
  receivedAt: Timestamp,
});
export const ReconciliationQuery = z.strictObject({
  period: PeriodParam,
  region: RegionCodeParam.optional(),
});
export const ReconciliationExportQuery = ReconciliationQuery.extend({
  format: z.enum(['csv', 'pdf']).default('csv'),
});

const Counts = z.object(
  Object.fromEntries(RECORD_STATES.map((s) => [s, z.number()])) as Record<
    (typeof RECORD_STATES)[number],
    z.ZodNumber
  >,
);
export const BatchView = z.object({
  id: z.string(),
  period: z.string(),
  programme: z.string(),
  programmeName: z
    .object({ id: z.string(), en: z.string() })
    .describe(
      'The programme as published, in both languages (the shipped default, or its code, until one is)',
    ),
  regencyCode: z.string(),
  form: z.enum(DISTRIBUTION_FORMS),
  tranches: z.number(),
  packagesPerKpm: z.number(),
  packageValue: z.number(),
  state: z.enum(BATCH_STATES),
  records: z.number(),
  amount: z.number(),
  counts: Counts,
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
});
export const BatchList = z.object({ items: z.array(BatchView) });

export const RecordView = z.object({
  householdId: z.string(),
  villageCode: z.string(),
  kkNumber: z.string(),
  headName: z.string(),
  address: z.string(),
  rt: z.string(),
  rw: z.string(),
  amount: z.number(),
  state: z.enum(RECORD_STATES),
  reasonCode: z.string().nullable(),
  version: z.number(),
  pointId: z.string().nullable(),
});
export const RecordPage = z.object({ items: z.array(RecordView), nextCursor: z.string().nullable() });
const Fields = z.object({
  headName: z.string(),
  kkNumber: z.string(),
  address: z.string(),
  rt: z.string(),
  rw: z.string(),
});
export const RecordHistory = z.object({
  record: RecordView,
  versions: z.array(
    z.object({
      version: z.number(),
      step: z.enum(RECORD_STEPS),
      reasonCode: z.string().nullable(),
      note: z.string().nullable(),
      fields: Fields,
      actorRole: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

const ScheduleView = z.object({
  id: z.string(),
  batchId: z.string(),
  tranche: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
});
const CoverageView = z.object({
  villageCode: z.string(),
  rw: z.array(z.string()).optional(),
  rt: z.array(z.string()).optional(),
});
export const PointView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  districtCode: z.string(),
  villageCode: z.string().nullable(),
  place: z.string(),
  coverage: z.array(CoverageView),
  schedules: z.array(ScheduleView),
});
export const PointList = z.object({ items: z.array(PointView) });
export { ScheduleView };
export const MapResult = z.object({ mapped: z.number(), unmapped: z.number() });
const Share = z.object({ kpm: z.number(), amount: z.number(), packages: z.number() });
export const AllocationView = z.object({
  batchId: z.string(),
  form: z.enum(DISTRIBUTION_FORMS),
  points: z.array(
    Share.extend({
      pointId: z.string(),
      code: z.string(),
      name: z.string(),
      stock: z.object({ received: z.number(), shortfall: z.number(), surplus: z.number() }),
    }),
  ),
  unmapped: Share,
});
export const StockView = z.object({
  id: z.string(),
  pointId: z.string(),
  batchId: z.string(),
  packages: z.number(),
  deliveryNote: z.string(),
  receivedAt: z.string(),
});

const Four = z.object({
  allocated: z.number(),
  delivered: z.number(),
  returned: z.number(),
  outstanding: z.number(),
});
const FiguresShape = {
  allocated: z.number().describe('Entitlements allocated (delivered + returned + outstanding)'),
  delivered: z.number(),
  returned: z.number().describe('Entitlements returned undelivered (with a reason)'),
  outstanding: z.number(),
  amounts: Four.describe('The same in integer rupiah'),
  packages: Four.describe('The same in packages (in-kind batches)'),
};
export const Reconciliation = z.object({
  ...FiguresShape,
  period: z.string(),
  region: z.string(),
  regionName: z.string().nullable(),
  children: z.array(z.object({ code: z.string(), name: z.string().nullable(), ...FiguresShape })),
});
