/**
 * Checking an invitation's QR code on the officer's device, offline (issue 15, docs/receipts.md): the code —
 * compact `DTKS2:<Base45>`, or `DTKS1.<payload>.<signature>` on letters printed before — is signed with the
 * installation's Ed25519 key (src/domain/distribution/qr.ts; both forms parsed by ./qr-payload.ts); its public key is published at GET /api/v1/public/distribution/public-key
 * and kept on the device, so a forged or altered code is shown as invalid before anything is queued.
 * WebCrypto Ed25519 (current Chromium, Firefox, Safari; Node 24): no library.
 */

import {
  B64URL,
  type InvitationPayload,
  parsePayloadJson,
  QR_PREFIX,
  splitCompact,
} from '../../../../src/domain/distribution/qr-payload.ts';

const KEY_STORE = 'dtks.distribution.publicKey';

export interface PublishedKey {
  keyId: string;
  jwk: { kty: string; crv: string; x: string };
}

export type DeviceCheck =
  | { ok: true; payload: InvitationPayload }
  | { ok: false; reason: 'format' | 'signature' | 'payload' | 'key' | 'expired' };

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function importPublishedKey(key: PublishedKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { ...key.jwk, ext: true }, { name: 'Ed25519' }, false, ['verify']);
}

/**
 * Verifies a scanned text against the published key, as the server does: the exact format, a 64-byte
 * signature whose text re-encodes identically (an altered last character fails), the signing key's id,
 * the payload's fields, and — with `now` — the expiry.
 */
export async function verifyOnDevice(
  text: string,
  key: CryptoKey,
  keyId: string,
  now?: Date,
): Promise<DeviceCheck> {
  text = text.trim();
  if (!text.startsWith(`${QR_PREFIX}.`)) return verifyCompact(text, key, keyId, now);
  const parts = text.split('.');
  if (parts.length !== 3 || parts[0] !== QR_PREFIX) return { ok: false, reason: 'format' };
  const [, body, sig] = parts as [string, string, string];
  if (!B64URL.test(body) || !B64URL.test(sig)) return { ok: false, reason: 'format' };
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64Url(sig);
  } catch {
    return { ok: false, reason: 'format' };
  }
  if (signature.length !== 64 || toBase64Url(signature) !== sig) return { ok: false, reason: 'signature' };
  let valid = false;
  try {
    valid = await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      signature,
      new TextEncoder().encode(`${QR_PREFIX}.${body}`),
    );
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'signature' };
  const payload = parsePayload(body);
  if (!payload) return { ok: false, reason: 'payload' };
  return accept(payload, keyId, now);
}

async function verifyCompact(text: string, key: CryptoKey, keyId: string, now?: Date): Promise<DeviceCheck> {
  const parts = splitCompact(text);
  if (!parts) return { ok: false, reason: 'format' };
  let valid = false;
  try {
    valid = await crypto.subtle.verify({ name: 'Ed25519' }, key, parts.signature, parts.signed);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'signature' };
  if (!parts.payload) return { ok: false, reason: 'payload' };
  return accept(parts.payload, keyId, now);
}

/** The checks after the signature, the same for both forms. */
function accept(payload: InvitationPayload, keyId: string, now?: Date): DeviceCheck {
  if (payload.v !== keyId) return { ok: false, reason: 'key' };
  if (now && Date.parse(payload.x) < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

function parsePayload(body: string): InvitationPayload | null {
  try {
    return parsePayloadJson(new TextDecoder().decode(fromBase64Url(body)));
  } catch {
    return null;
  }
}

/** The key kept on this device (null before the first online visit). */
export function storedKey(): PublishedKey | null {
  try {
    const raw = localStorage.getItem(KEY_STORE);
    return raw ? (JSON.parse(raw) as PublishedKey) : null;
  } catch {
    return null;
  }
}

/** Fetches the published key while online and keeps it; offline, the kept one (or null). */
export async function refreshKey(): Promise<PublishedKey | null> {
  try {
    const res = await fetch('/api/v1/public/distribution/public-key', { credentials: 'omit' });
    if (res.ok) {
      const k = (await res.json()) as PublishedKey;
      const kept: PublishedKey = { keyId: k.keyId, jwk: k.jwk };
      localStorage.setItem(KEY_STORE, JSON.stringify(kept));
      return kept;
    }
  } catch {
    // offline: the kept key answers
  }
  return storedKey();
}
