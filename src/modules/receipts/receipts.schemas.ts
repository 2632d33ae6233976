import { z } from 'zod';
import { ENTITLEMENT_STATES, UNDELIVERED_REASONS } from '../../domain/distribution/states.ts';

/** A file from the phone, base64 or a data: URL (photos are at most 10 MiB, so ≈ 14 MB of text). */
const File64 = z.string().min(1).max(14_000_000);
const Qr = z.string().trim().min(1).max(2000).meta({ example: 'DTKS1.eyJlIjoi….3q2-…' });

export const ScanBody = z.strictObject({ qr: Qr });

export const ReceiptBody = z.strictObject({
  qr: Qr,
  photo: File64.optional().describe('Photo of the recipient with the aid (JPEG/PNG/WebP), base64'),
  signature: File64.optional().describe("The recipient's signature drawn on a canvas, PNG, base64"),
  representative: z
    .strictObject({ name: z.string().trim().min(1).max(200), proof: File64 })
    .optional()
    .describe('A representative receiving for the KPM, with a proof document (PDF/JPEG/PNG, base64)'),
  note: z.string().trim().max(500).optional(),
  deviceId: z.string().trim().max(100).optional(),
  clientId: z.string().trim().max(100).optional().describe("The offline queue's key for this receipt"),
  receivedAt: z.iso.datetime({ offset: true }).optional().describe('When it was recorded offline'),
});

export const ReceiptView = z.object({
  id: z.string(),
  entitlementId: z.string(),
  pointId: z.string(),
  receivedAt: z.string(),
  representative: z.boolean(),
  representativeName: z.string().nullable(),
  clientId: z.string().nullable(),
  amount: z.number().int(),
  packages: z.number().int(),
});

export const ScanView = z.object({
  entitlementId: z.string(),
  kkNumber: z.string(),
  headName: z.string(),
  address: z.string(),
  villageCode: z.string(),
  period: z.string(),
  programme: z.string(),
  tranche: z.number().int(),
  amount: z.number().int(),
  packages: z.number().int(),
  pointId: z.string().nullable(),
  state: z.enum(ENTITLEMENT_STATES),
  stopped: z.boolean(),
  accepted: z.boolean(),
  receivedAt: z.string().nullable(),
  receivedPointId: z.string().nullable(),
});

export const PublicKey = z.object({
  keyId: z.string(),
  algorithm: z.literal('Ed25519'),
  pem: z.string(),
  jwk: z.object({ kty: z.string(), crv: z.string(), x: z.string() }),
});

export const UndeliveredBody = z.strictObject({ reason: z.enum(UNDELIVERED_REASONS) });
export const UndeliveredResult = z.object({
  returned: z.number().int(),
  amount: z.number().int(),
  packages: z.number().int(),
});
export const BatchIdParams = z.strictObject({ id: z.string().max(64) });
