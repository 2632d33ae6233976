import { z } from 'zod';
import { CITIZEN_ACCOUNT_STATES } from '../../domain/citizen/account-state.ts';
import { TIME_ZONE_NAMES } from '../../domain/regions/time-zone.ts';

const Text = z.object({ id: z.string(), en: z.string() });
const line = (max: number) => z.string().trim().min(1).max(max);

/** What a citizen fills in to register (seed 001); checked in full by the service. */
export const CitizenRegister = z.strictObject({
  // Required here, not only in the service: an empty NIK or KK is named with the form's other faults at once.
  nik: z.string().min(1).max(40).describe('NIK (16 digits) as on the KTP'),
  kkNumber: z.string().min(1).max(40).describe('Family card (KK) number, 16 digits'),
  fullName: line(100).describe('Full name as on the KTP'),
  address: line(200).describe('Street address'),
  // The message the error catalogue translates (src/domain/catalogue.ts, CUSTOM_MESSAGES).
  rt: z.string().regex(/^\s*\d{1,3}\s*$/, 'RT/RW: 1–3 digits'),
  rw: z.string().regex(/^\s*\d{1,3}\s*$/, 'RT/RW: 1–3 digits'),
  villageCode: z.string().max(20).describe('Village (desa/kelurahan) code, dotted or not'),
  phone: z.string().max(30).describe('Mobile number (0812…, +62812…)'),
  email: z.string().max(254),
  username: z.string().max(60),
  password: z.string().min(1).max(200),
  channel: z.enum(['email', 'phone']).optional().describe('Where the confirmation code goes (default email)'),
});

export const CitizenLogin = z.strictObject({
  login: z.string().trim().min(1).max(254).describe('E-mail address or NIK'),
  password: z.string().min(1).max(200),
});

export const CitizenLoginOnly = z.strictObject({
  login: z.string().trim().min(1).max(254).describe('E-mail address or NIK'),
});

export const CitizenCode = z.strictObject({
  login: z.string().trim().min(1).max(254).describe('E-mail address or NIK'),
  code: z.string().max(20).describe('The six-digit code that was sent'),
});

export const CitizenReset = z.strictObject({
  login: z.string().trim().min(1).max(254).describe('E-mail address or NIK'),
  code: z.string().max(20),
  password: z.string().min(1).max(200).describe('The new password'),
});

export const Accepted = z.object({
  accepted: z.literal(true),
  channel: z.enum(['email', 'phone']).optional(),
});

const State = z.enum(CITIZEN_ACCOUNT_STATES);

export const CitizenAccountView = z.object({
  username: z.string(),
  fullName: z.string(),
  nik: z.string(),
  kkNumber: z.string(),
  address: z.string(),
  rt: z.string(),
  rw: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  phone: z.string(),
  email: z.string(),
  state: State,
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  documents: z.object({ ktpPhoto: z.boolean(), ktpSelfie: z.boolean() }),
  createdAt: z.string(),
});

export const CitizenLoginAnswer = z.object({ token: z.string(), account: CitizenAccountView });

export const AccessLogQuery = z.strictObject({
  cursor: z.iso
    .date()
    .optional()
    .describe(
      "The previous page's nextCursor: this page holds the days before it (local dates of the village's time zone)",
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .describe('Lines wanted; a page always ends at a day’s end'),
  lang: z.enum(['id', 'en']).optional(),
});

export const AccessLog = z.object({
  inRegistry: z.boolean().describe('Whether the NIK is in DTKS (else nothing was read)'),
  timeZone: z.enum(TIME_ZONE_NAMES).describe("The village's time zone, in which days are counted"),
  groups: z
    .array(
      z.object({
        day: z.string().describe('Local date (YYYY-MM-DD) in the village’s time zone'),
        kind: z.enum(['read', 'change']),
        role: z.string(),
        roleLabel: Text.nullable(),
        officeRegionCode: z.string().nullable().describe("The office's territory ('' = national)"),
        officeRegionName: z.string().nullable(),
        purpose: z.string().nullable().describe('Why (the screen, or what the staff member typed)'),
        count: z
          .number()
          .int()
          .describe('How many reads (or changes) of this office, role and purpose that day'),
        firstAt: z.string(),
        lastAt: z.string(),
        actions: z
          .array(z.object({ action: z.string(), count: z.number().int() }))
          .describe(
            'What was done, e.g. household.read, household.list, household.update; most frequent first',
          ),
      }),
    )
    .describe('One line per day, office, role, purpose and kind; newest first'),
  nextCursor: z.iso.date().nullable().describe('Pass as `cursor` for older days; null when there are none'),
});

export const DocumentQuery = z.strictObject({
  kind: z.enum(['ktp_photo', 'ktp_selfie']),
  name: z.string().max(200).default('upload'),
  lang: z.enum(['id', 'en']).optional(),
});

export const CitizenAccountForStaff = z.object({
  id: z.string(),
  version: z.number().int(),
  state: State,
  username: z.string(),
  fullName: z.string(),
  nik: z.string(),
  kkNumber: z.string(),
  address: z.string(),
  rt: z.string(),
  rw: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  phone: z.string(),
  email: z.string(),
  createdAt: z.string(),
  contactConfirmedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  ktpAttachmentId: z.string().nullable(),
  selfieAttachmentId: z.string().nullable(),
});

export const CitizenAccountDetail = CitizenAccountForStaff.extend({
  registry: z.object({
    nikFound: z.boolean().describe('The NIK is registered in a household of your territory'),
    kkMatches: z.boolean().nullable(),
    nameMatches: z.boolean().nullable(),
    villageMatches: z.boolean().nullable(),
    registeredName: z.string().nullable(),
  }),
});

export const StaffListQuery = z.strictObject({
  state: State.optional().describe('Default: pending_verification'),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  lang: z.enum(['id', 'en']).optional(),
});

export const Decision = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('verify'), version: z.number().int().min(1) }),
  z.strictObject({
    action: z.literal('reject'),
    version: z.number().int().min(1),
    reason: z.string().trim().min(5).max(500).describe('Why, shown to the citizen'),
  }),
]);
