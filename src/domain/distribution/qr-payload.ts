/**
 * The shape of an invitation QR code's payload (docs/receipts.md, "The signed QR payload") and its two text
 * forms, shared by the server's signing (./qr.ts, node:crypto) and the officer's device check (web/src/pages/
 * receipts/verify.ts, WebCrypto). Pure: no crypto, no Buffer.
 */
import * as base45 from '@digitalbazaar/base45';

/** The JSON form (`DTKS1.<payload>.<signature>`): still verified, no longer signed. */
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

/**
 * The compact form (`DTKS2:`, since the invitation benchmark of 2026-12-05): the payload packed as bytes
 * (below) followed by its 64-byte Ed25519 signature over `DTKS2:` + the packed bytes, the whole written in
 * Base45 (RFC 9285) so that the QR code holds it in alphanumeric mode: ≈ 138 bytes → ≈ 213 characters → a
 * version-8 symbol (49×49) instead of the JSON form's version 15 (77×77). Base45 never ends with a space (the
 * last character of a group is its most significant digit, at most 32), so trimming a scanned text is safe.
 */
export const QR_COMPACT_PREFIX = 'DTKS2:';

/** Ed25519 signature length. */
export const SIGNATURE_BYTES = 64;

const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const KEY_ID = /^[0-9a-f]{16}$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Packs a payload: `e` 16 bytes (UUID) · `k` length + UTF-8 · `p` uint16 (year × 12 + month − 1) · `g`
 * length + UTF-8 · `t` 0, or 1 and 16 bytes · `r`, `a`, `n` unsigned LEB128 · `x` uint32 seconds since the
 * epoch (rounded up: a code never expires earlier than its schedule) · `v` 8 bytes. Null when a field does
 * not fit (an id that is not a lower-case UUID, a text over 255 bytes…): such a code is signed in the JSON form.
 */
export function packPayload(p: InvitationPayload): Uint8Array | null {
  try {
    return pack(p);
  } catch {
    return null;
  }
}

function pack(p: InvitationPayload): Uint8Array {
  const out: number[] = [];
  const uuid = (s: string) => {
    const m = UUID.exec(s);
    if (!m) throw new Error(`not a UUID: ${s}`);
    hex(m.slice(1).join(''));
  };
  const hex = (s: string) => {
    for (let i = 0; i < s.length; i += 2) out.push(Number.parseInt(s.slice(i, i + 2), 16));
  };
  const text = (s: string) => {
    const b = encoder.encode(s);
    if (b.length === 0 || b.length > 255) throw new Error(`text of ${b.length} bytes`);
    out.push(b.length, ...b);
  };
  const varint = (v: number) => {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`not a natural number: ${v}`);
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  };
  uuid(p.e);
  text(p.k);
  const period = PERIOD.exec(p.p);
  if (!period) throw new Error(`not a period: ${p.p}`);
  const months = Number(period[1]) * 12 + Number(period[2]) - 1;
  out.push(months >> 8, months & 0xff);
  text(p.g);
  if (p.t === null) out.push(0);
  else {
    out.push(1);
    uuid(p.t);
  }
  varint(p.r);
  varint(p.a);
  varint(p.n);
  const seconds = Math.ceil(Date.parse(p.x) / 1000);
  if (!(seconds >= 0 && seconds < 2 ** 32)) throw new Error(`not an expiry: ${p.x}`);
  out.push(seconds >>> 24, (seconds >>> 16) & 0xff, (seconds >>> 8) & 0xff, seconds & 0xff);
  if (!KEY_ID.test(p.v)) throw new Error(`not a key id: ${p.v}`);
  hex(p.v);
  return Uint8Array.from(out);
}

/** The payload from its packed bytes, or null when they are not exactly one well-formed payload. */
export function unpackPayload(b: Uint8Array): InvitationPayload | null {
  let i = 0;
  const take = (n: number) => {
    if (i + n > b.length) throw new RangeError('short');
    const s = b.subarray(i, i + n);
    i += n;
    return s;
  };
  const hex = (n: number) => Array.from(take(n), (x) => x.toString(16).padStart(2, '0')).join('');
  const uuid = () => {
    const h = hex(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const text = () => {
    const n = take(1)[0]!;
    if (n === 0) throw new RangeError('empty');
    return decoder.decode(take(n));
  };
  const varint = () => {
    let v = 0;
    for (let scale = 1; ; scale *= 0x80) {
      const x = take(1)[0]!;
      // the last byte of a longer number is never 0: one number, one encoding
      if (scale > 1 && x === 0) throw new RangeError('overlong');
      v += (x & 0x7f) * scale;
      if (!Number.isSafeInteger(v)) throw new RangeError('too large');
      if (x < 0x80) return v;
    }
  };
  try {
    const e = uuid();
    const k = text();
    const [hi, lo] = take(2) as unknown as [number, number];
    const months = hi * 256 + lo;
    const p = `${String(Math.floor(months / 12)).padStart(4, '0')}-${String((months % 12) + 1).padStart(2, '0')}`;
    const g = text();
    const flag = take(1)[0];
    if (flag !== 0 && flag !== 1) return null;
    const t = flag === 1 ? uuid() : null;
    const r = varint();
    const a = varint();
    const n = varint();
    const s = take(4);
    const x = new Date((s[0]! * 2 ** 24 + s[1]! * 2 ** 16 + s[2]! * 2 ** 8 + s[3]!) * 1000).toISOString();
    const v = hex(8);
    if (i !== b.length) return null;
    return { e, k, p, g, t, r, a, n, x, v };
  } catch {
    return null;
  }
}

/** The bytes a compact code's signature covers: `DTKS2:` followed by the packed payload. */
export function compactSigned(packed: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(QR_COMPACT_PREFIX);
  const signed = new Uint8Array(prefix.length + packed.length);
  signed.set(prefix);
  signed.set(packed, prefix.length);
  return signed;
}

/** The compact text of a packed payload and its signature. */
export function compactText(packed: Uint8Array, signature: Uint8Array): string {
  const bytes = new Uint8Array(packed.length + signature.length);
  bytes.set(packed);
  bytes.set(signature, packed.length);
  return QR_COMPACT_PREFIX + base45.encode(bytes);
}

/**
 * Splits a compact text into the bytes that were signed, the signature and the payload; null when it is not
 * Base45 of that shape. RFC 9285 decoding is strict (unknown characters, a group above 65535 or a dangling
 * character are refused) and one-to-one, so any changed character either fails here or changes the signed
 * bytes or the signature. The caller verifies the signature, then uses the payload.
 */
export function splitCompact(text: string): {
  signed: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
  payload: InvitationPayload | null;
} | null {
  if (!text.startsWith(QR_COMPACT_PREFIX)) return null;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base45.decode(text.slice(QR_COMPACT_PREFIX.length));
  } catch {
    return null;
  }
  if (bytes.length <= SIGNATURE_BYTES) return null;
  const packed = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  return {
    signed: compactSigned(packed),
    signature: bytes.slice(bytes.length - SIGNATURE_BYTES),
    payload: unpackPayload(packed),
  };
}
