import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type InvitationPayload, signInvitation, signInvitationJson, verifyInvitation } from './qr.ts';
import { compactText, packPayload, unpackPayload } from './qr-payload.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

const payload: InvitationPayload = {
  e: '0190a1b2-0000-7000-8000-000000000001',
  k: '3201010101010001',
  p: '2026-11',
  g: 'PKH',
  t: '0190a1b2-0000-7000-8000-0000000000aa',
  r: 1,
  a: 750000,
  n: 0,
  x: '2026-12-31T16:59:59.000Z',
  v: 'abcdef0123456789',
};

describe('invitation QR payload', () => {
  it('round-trips a signed payload', () => {
    const text = signInvitation(payload, privateKey);
    expect(text.startsWith('DTKS2:')).toBe(true);
    expect(verifyInvitation(text, publicKey, new Date('2026-12-01T00:00:00Z'))).toEqual({
      ok: true,
      payload,
    });
  });

  it('is compact: DTKS2 and Base45 alphanumerics only, about 210 characters (a version-8 symbol)', () => {
    const text = signInvitation(payload, privateKey);
    expect(text).toMatch(/^DTKS2:[0-9A-Z $%*+\-./:]+$/);
    expect(text.length).toBeLessThanOrEqual(216);
    expect(text.endsWith(' ')).toBe(false);
  });

  it('still verifies codes of the first (JSON) form, as on letters printed before', () => {
    const text = signInvitationJson(payload, privateKey);
    expect(text.startsWith('DTKS1.')).toBe(true);
    expect(verifyInvitation(text, publicKey)).toEqual({ ok: true, payload });
    expect(verifyInvitation(signInvitationJson(payload, other.privateKey), publicKey)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('packs every field exactly and refuses trailing, missing or overlong bytes', () => {
    const variants: InvitationPayload[] = [
      payload,
      { ...payload, t: null, a: 0, n: 3, r: 2, g: 'SEMBAKO-DAERAH', p: '2031-01' },
      { ...payload, a: Number.MAX_SAFE_INTEGER, k: '0000000000000001', x: '2106-02-07T06:28:15.000Z' },
    ];
    for (const v of variants) {
      const packed = packPayload(v)!;
      expect(unpackPayload(packed)).toEqual(v);
      expect(unpackPayload(Uint8Array.from([...packed, 0]))).toBeNull();
      expect(unpackPayload(packed.subarray(0, packed.length - 1))).toBeNull();
    }
    // the expiry is kept to the second, rounded up: a code never expires before its schedule ends
    expect(unpackPayload(packPayload({ ...payload, x: '2026-12-31T16:59:59.001Z' })!)?.x).toBe(
      '2026-12-31T17:00:00.000Z',
    );
    // an amount written with a redundant zero byte (two encodings of one number) is refused
    const packed = packPayload({ ...payload, a: 5 })!;
    const at = packed.indexOf(5, 16 + 17 + 2 + 4 + 17 + 1);
    const overlong = Uint8Array.from([...packed.subarray(0, at), 0x85, 0x00, ...packed.subarray(at + 1)]);
    expect(unpackPayload(overlong)).toBeNull();
  });

  it('signs in the JSON form what cannot be packed, and that verifies', () => {
    const odd = { ...payload, e: '0190A1B2-0000-7000-8000-000000000001' };
    expect(packPayload(odd)).toBeNull();
    const text = signInvitation(odd, privateKey);
    expect(text.startsWith('DTKS1.')).toBe(true);
    expect(verifyInvitation(text, publicKey)).toEqual({ ok: true, payload: odd });
  });

  it('refuses a code signed by another key', () => {
    const text = signInvitation(payload, other.privateKey);
    expect(verifyInvitation(text, publicKey)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses an altered amount', () => {
    const packed = packPayload(payload)!;
    const signature = sign(null, Buffer.concat([Buffer.from('DTKS2:'), packed]), privateKey);
    expect(verifyInvitation(compactText(packed, signature), publicKey).ok).toBe(true);
    const richer = packPayload({ ...payload, a: 7500000 })!;
    expect(verifyInvitation(compactText(richer, signature), publicKey)).toEqual({
      ok: false,
      reason: 'signature',
    });
    const text = signInvitationJson(payload, privateKey);
    const [prefix, , sig] = text.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, a: 7500000 })).toString('base64url');
    expect(verifyInvitation(`${prefix}.${forged}.${sig}`, publicKey)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses any single changed character', () => {
    for (const text of [signInvitation(payload, privateKey), signInvitationJson(payload, privateKey)]) {
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '.') continue;
        const swapped = `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
        expect(verifyInvitation(swapped, publicKey).ok, `${text.slice(0, 5)} position ${i}`).toBe(false);
      }
    }
  });

  it('refuses a compact code with a character dropped or added', () => {
    const text = signInvitation(payload, privateKey);
    expect(verifyInvitation(text.slice(0, -1), publicKey).ok).toBe(false);
    expect(verifyInvitation(`${text}0`, publicKey).ok).toBe(false);
    expect(verifyInvitation(`${text.slice(0, 20)}${text.slice(21)}`, publicKey).ok).toBe(false);
  });

  it('refuses malformed texts', () => {
    for (const t of [
      '',
      'hello',
      'DTKS1.a',
      'DTKS2.a.b',
      'DTKS1.a.b.c',
      'DTKS1.a b.c',
      'DTKS1..',
      'DTKS2:',
      'DTKS2:abc',
      'DTKS2:0',
    ]) {
      expect(verifyInvitation(t, publicKey)).toMatchObject({ ok: false });
    }
  });

  it('refuses a validly signed but malformed payload', () => {
    const packed = packPayload(payload)!;
    const bad = Uint8Array.from([...packed, 7]);
    const signed = Buffer.concat([Buffer.from('DTKS2:'), bad]);
    const code = compactText(bad, sign(null, signed, privateKey));
    expect(verifyInvitation(code, publicKey)).toEqual({ ok: false, reason: 'payload' });
    const body = Buffer.from(JSON.stringify({ ...payload, a: 1.5 })).toString('base64url');
    const sig = sign(null, Buffer.from(`DTKS1.${body}`), privateKey).toString('base64url');
    expect(verifyInvitation(`DTKS1.${body}.${sig}`, publicKey)).toEqual({ ok: false, reason: 'payload' });
  });

  it('refuses an expired code when a clock is given', () => {
    for (const text of [signInvitation(payload, privateKey), signInvitationJson(payload, privateKey)]) {
      expect(verifyInvitation(text, publicKey, new Date('2027-01-01T00:00:00Z'))).toEqual({
        ok: false,
        reason: 'expired',
      });
    }
  });
});
