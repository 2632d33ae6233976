/**
 * The shape of an invitation QR code's payload (docs/distribution.md, "Undangan and proof of receipt"), shared
 * by the server's signing (./qr.ts, node:crypto) and the officer's device check (web/src/pages/receipts/
 * verify.ts, WebCrypto). Pure: no crypto, no Buffer.
 */

export const QR_PREFIX = 'DTKS1';

/** The characters of a base64url part. */
export const B64URL = /^[A-Za-z0-9_-]+$/;

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

/** The payload from its decoded JSON text, or null when any field is missing or of the wrong kind. */
export function parsePayloadJson(json: string): InvitationPayload | null {
  let v: unknown;
  try {
    v = JSON.parse(json);
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
