import { PNG } from 'pngjs';
import type { Container } from '../../src/container.ts';
import {
  compactText,
  type InvitationPayload,
  packPayload,
  splitCompact,
} from '../../src/domain/distribution/qr-payload.ts';

/** A small valid PNG (decodes), base64: a photo or a canvas signature in receipt tests. */
export function pngBase64(seed = 0): string {
  const png = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 31 + seed) & 0xff;
  return PNG.sync.write(png).toString('base64');
}

/** The signed QR texts of a village's outstanding invitations, in entitlement order. */
export async function invitationQrs(c: Container, batchId: string, village: string): Promise<string[]> {
  const out: string[] = [];
  for await (const line of c.receipts.invitationLines(batchId, village, '2099-12-31T00:00:00.000Z')) {
    out.push(c.receipts.qrFor(line));
  }
  return out;
}

/** The payload a compact (`DTKS2:`) QR text carries, read without checking its signature. */
export function qrPayload(qr: string): InvitationPayload {
  const parts = splitCompact(qr);
  if (!parts?.payload) throw new Error(`not a compact invitation code: ${qr}`);
  return parts.payload;
}

/** A compact QR text with its payload changed and its signature kept: a forgery. */
export function alteredQr(qr: string, change: Partial<InvitationPayload>): string {
  const parts = splitCompact(qr);
  if (!parts?.payload) throw new Error(`not a compact invitation code: ${qr}`);
  return compactText(packPayload({ ...parts.payload, ...change })!, parts.signature);
}
