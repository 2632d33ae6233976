/**
 * The signed payload an invitation's QR code carries (docs/distribution.md, "Undangan and proof of receipt").
 * Compact text: `DTKS1.<payload>.<signature>`, both base64url; the payload is JSON with short keys, the
 * signature Ed25519 (node:crypto) over the bytes `DTKS1.<payload>`. Any device holding the published public key
 * checks a code offline; a forged or altered code (any changed character) fails verification.
 * Pure: keys are passed in, the clock is a parameter.
 */
import { type KeyObject, sign, verify } from 'node:crypto';

export const QR_PREFIX = 'DTKS1';

/** What an invitation entitles its holder to. Amounts are integer rupiah. */
export interface InvitationPayload {
  /** Entitlement id. */
  e: string;
  /** KK number of the household. */
  k: string;
  /** Period YYYY-MM. */
  p: string;
  /** Programme code. */
  g: string;
  /** Distribution point id (or null when the KPM is not mapped yet). */
  t: string | null;
  /** Tranche (cash) or 1 (in-kind). */
  r: number;
  /** Amount in integer rupiah. */
  a: number;
  /** Packages (in-kind), 0 for cash. */
  n: number;
  /** Expiry, ISO date-time: the end of the point's schedule (or of the period). */
  x: string;
  /** Key id of the signing key (first 16 hex digits of SHA-256 of its SPKI DER). */
  v: string;
}

export type QrCheck =
  | { ok: true; payload: InvitationPayload }
  | { ok: false; reason: 'format' | 'signature' | 'payload' | 'expired' };

export function signInvitation(payload: InvitationPayload, privateKey: KeyObject): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const signed = `${QR_PREFIX}.${body}`;
  const signature = sign(null, Buffer.from(signed, 'utf8'), privateKey).toString('base64url');
  return `${signed}.${signature}`;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** Verifies a scanned text; `now` given, an expired code is refused as `expired`. */
export function verifyInvitation(text: string, publicKey: KeyObject, now?: Date): QrCheck {
  const parts = text.trim().split('.');
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

function parsePayload(body: string): InvitationPayload | null {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const str = (x: unknown) => typeof x === 'string' && x.length > 0;
  const int = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
  if (!str(o.e) || !str(o.k) || !str(o.p) || !str(o.g) || !str(o.x) || !str(o.v)) return null;
  if (!(o.t === null || str(o.t))) return null;
  if (!int(o.r) || !int(o.a) || !int(o.n) || Number.isNaN(Date.parse(o.x as string))) return null;
  return o as unknown as InvitationPayload;
}
