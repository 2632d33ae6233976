/**
 * The signed payload an invitation's QR code carries (docs/receipts.md, "The signed QR payload"). New codes
 * are compact: `DTKS2:` + Base45 of the packed payload and its Ed25519 signature (node:crypto) over `DTKS2:` +
 * the packed bytes (./qr-payload.ts). Codes of the first form, `DTKS1.<payload>.<signature>` (base64url JSON,
 * signed over `DTKS1.<payload>`), on letters printed before still verify. Any device holding the published
 * public key checks a code offline; a forged or altered code (any changed character) fails verification.
 * Pure: keys are passed in, the clock is a parameter.
 */
import { type KeyObject, sign, verify } from 'node:crypto';
import {
  B64URL,
  compactSigned,
  compactText,
  type InvitationPayload,
  packPayload,
  parsePayloadJson,
  QR_PREFIX,
  splitCompact,
} from './qr-payload.ts';

export { type InvitationPayload, QR_COMPACT_PREFIX, QR_PREFIX } from './qr-payload.ts';

export type QrCheck =
  | { ok: true; payload: InvitationPayload }
  | { ok: false; reason: 'format' | 'signature' | 'payload' | 'expired' };

/** The compact code (`DTKS2:`) of a payload: what new letters carry (the JSON form if it cannot be packed). */
export function signInvitation(payload: InvitationPayload, privateKey: KeyObject): string {
  const packed = packPayload(payload);
  if (!packed) return signInvitationJson(payload, privateKey);
  return compactText(packed, sign(null, compactSigned(packed), privateKey));
}

/** A code of the first form (`DTKS1.`), as letters printed before the compact form carry. */
export function signInvitationJson(payload: InvitationPayload, privateKey: KeyObject): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const signed = `${QR_PREFIX}.${body}`;
  const signature = sign(null, Buffer.from(signed, 'utf8'), privateKey).toString('base64url');
  return `${signed}.${signature}`;
}

/** Verifies a scanned text; `now` given, an expired code is refused as `expired`. */
export function verifyInvitation(text: string, publicKey: KeyObject, now?: Date): QrCheck {
  text = text.trim();
  if (!text.startsWith(`${QR_PREFIX}.`)) return verifyCompact(text, publicKey, now);
  const parts = text.split('.');
  if (parts.length !== 3 || parts[0] !== QR_PREFIX) return { ok: false, reason: 'format' };
  const [, body, sig] = parts as [string, string, string];
  if (!B64URL.test(body) || !B64URL.test(sig)) return { ok: false, reason: 'format' };
  const signature = Buffer.from(sig, 'base64url');
  // base64url decoding ignores trailing garbage bits; re-encoding catches an altered last character.
  if (signature.length !== 64 || signature.toString('base64url') !== sig)
    return { ok: false, reason: 'signature' };
  let valid = false;
  try {
    valid = verify(null, Buffer.from(`${QR_PREFIX}.${body}`, 'utf8'), publicKey, signature);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'signature' };
  const payload = parsePayload(body);
  if (!payload) return { ok: false, reason: 'payload' };
  if (now && Date.parse(payload.x) < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

function verifyCompact(text: string, publicKey: KeyObject, now?: Date): QrCheck {
  const parts = splitCompact(text);
  if (!parts) return { ok: false, reason: 'format' };
  let valid = false;
  try {
    valid = verify(null, parts.signed, publicKey, parts.signature);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'signature' };
  if (!parts.payload) return { ok: false, reason: 'payload' };
  if (now && Date.parse(parts.payload.x) < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload: parts.payload };
}

function parsePayload(body: string): InvitationPayload | null {
  return parsePayloadJson(Buffer.from(body, 'base64url').toString('utf8'));
}
