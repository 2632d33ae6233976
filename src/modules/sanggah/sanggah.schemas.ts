import { z } from 'zod';
import { SANGGAH_STATES } from '../../domain/sanggah/sanggah-state.ts';
import { text } from '../households/households.schemas.ts';

const Text = z.object({ id: z.string(), en: z.string() });
const State = z.enum(SANGGAH_STATES);

export const SanggahSubmit = z.strictObject({
  nik: z.string().max(40).describe('NIK of a member of the recipient family, as the public check takes it'),
  name: text(120).min(1).describe('That member’s name as on the KTP'),
  reason: text(1000).min(10).describe('Why the family should not receive aid (at least 10 characters)'),
});

export const SanggahForCitizen = z.object({
  id: z.string(),
  state: State,
  stateText: Text,
  targetName: z.string().describe('The masked name, as the public check shows it'),
  recipientPeriod: z.string(),
  reason: z.string(),
  evidenceCount: z.number(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const SanggahForStaff = SanggahForCitizen.extend({
  version: z.number(),
  householdId: z.string(),
  kkNumber: z.string(),
  headName: z.string(),
  villageCode: z.string(),
  visitId: z.string().nullable().describe('The verivali visit assigned while investigating'),
  objector: z.string().describe('The citizen account’s username (never its NIK)'),
  evidence: z.array(z.object({ id: z.string(), mime: z.string(), size: z.number() })),
  allowed: z.array(z.enum(['investigate', 'uphold', 'reject', 'withdraw'])),
});

export const SanggahListQuery = z.strictObject({
  state: z.enum([...SANGGAH_STATES, 'open']).optional(),
  region: z.string().max(20).optional(),
  lang: z.enum(['id', 'en']).optional(),
});

export const SanggahDecision = z.strictObject({
  step: z.enum(['investigate', 'uphold', 'reject']),
  version: z.number().int().min(1),
  reason: text(1000).min(3).optional().describe('Required to uphold or reject: the objector reads it'),
  visitOfficer: z
    .string()
    .max(64)
    .optional()
    .describe('With investigate: the field officer (petugas) a verivali visit to the household goes to'),
});

export const EvidenceQuery = z.strictObject({
  name: z.string().max(200).default('bukti.jpg'),
  lang: z.enum(['id', 'en']).optional(),
});
